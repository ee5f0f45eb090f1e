package org.inkroom.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.CursorData;
import org.inkroom.protocol.Element;
import org.inkroom.room.JoinOptions;
import org.inkroom.room.Membership;
import org.inkroom.room.Room;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.RoomSettings;
import org.inkroom.store.Databases;
import org.inkroom.store.JdbcCanvasStore;
import org.inkroom.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes in one JVM, each with its own Redis bus and store, sharing the real Redis of this
 * machine and one real PostgreSQL schema: what a cluster is, minus the app server.
 */
class TwoNodesTest {

    private static final String REDIS = System.getProperty("inkroom.test.redis.uri", "redis://127.0.0.1:6379");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RoomId room = new RoomId("two-" + UUID.randomUUID().toString().substring(0, 8));
    private final List<AutoCloseable> closing = new ArrayList<>();
    private Databases.Fresh db;
    private RedisClient probeClient;
    private StatefulRedisConnection<String, String> probe;

    @BeforeEach
    void redisAndPostgres() {
        probeClient = RedisClient.create(REDIS);
        try {
            probe = probeClient.connect();
            probe.sync().ping();
        } catch (RuntimeException e) {
            probeClient.shutdown();
            Requirements.require(false, "Redis at " + REDIS);
        }
        db = Databases.POSTGRESQL.fresh();
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (probe != null) {
            probe.sync().del(keys().toArray(String[]::new));
            probe.close();
            probeClient.shutdown();
        }
        if (db != null) {
            db.close();
        }
    }

    private List<String> keys() {
        return probe.sync().keys("inkroom:{" + room.value() + "}:*");
    }

    private record Node(RedisBus bus, RoomRegistry registry, JdbcCanvasStore store) { }

    private Node node(String id, Duration presenceTtl) {
        return node(id, presenceTtl, RoomSettings.defaults());
    }

    private Node node(String id, Duration presenceTtl, RoomSettings settings) {
        DataSource ds = db.dataSource();
        JdbcCanvasStore store = new JdbcCanvasStore(ds, Duration.ofMillis(20));
        RedisBus bus = new RedisBus(new RedisSettings(REDIS, id, presenceTtl, 1000, Duration.ofSeconds(2)));
        RoomRegistry registry = new RoomRegistry(settings, store, bus, System::nanoTime, false);
        closing.add(store);
        closing.add(bus);
        closing.add(registry::shutdown);
        return new Node(bus, registry, store);
    }

    private Node node(String id) {
        return node(id, Duration.ofSeconds(15));
    }

    private static ClientMessage draw(String id) {
        return new ClientMessage.Draw(null, Element.line(id, 1, 2, 3, 4, "#000000", 2, null));
    }

    private static long seqOf(JsonObject m) {
        return m.getJsonNumber("seq").longValue();
    }

    @Test
    void membersOnTwoNodesDrawAtOnceAndEveryoneEndsWithTheSameCanvasInTheSameOrder() throws Exception {
        Node one = node("n1");
        Node two = node("n2");
        RecordingPeer a = new RecordingPeer();
        RecordingPeer b = new RecordingPeer();
        RecordingPeer watcher = new RecordingPeer();
        Membership alice = one.registry().join(room, "alice", a, new JoinOptions(true, null, null));
        Membership bob = two.registry().join(room, "bob", b, new JoinOptions(true, null, null));
        two.registry().join(room, "watcher", watcher);
        int each = 300;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Membership m : List.of(alice, bob)) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        m.receive(draw(m.userId() + "-" + i));
                        if (i % 30 == 29) {
                            m.receive(new ClientMessage.Erase(null, new ClientMessage.IdsData(List.of(m.userId() + "-" + (i - 1)), "e" + i)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int ops = 2 * (each + each / 30);
        // Every op acknowledged to its sender (so stored), and the watcher saw them all.
        a.await(m -> "ack".equals(m.getString("type")) && "e299".equals(m.getJsonObject("data").getString("op", "")), WAIT);
        b.await(m -> "ack".equals(m.getString("type")) && "e299".equals(m.getJsonObject("data").getString("op", "")), WAIT);
        Room r1 = one.registry().room(room).orElseThrow();
        Room r2 = two.registry().room(room).orElseThrow();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while ((r1.seq() != r2.seq() || watcherOps(watcher) < ops) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(r1.seq(), r2.seq(), "both nodes at the same seq");
        assertEquals(r1.epoch(), r2.epoch(), "one epoch");
        assertEquals(ids(r1.elements()), ids(r2.elements()), "same canvas, same order on both nodes");
        assertEquals(2 * (each - each / 30), r1.elements().size());
        // Each member saw strictly increasing seqs, the same sequence wherever it was connected.
        for (RecordingPeer p : List.of(a, b, watcher)) {
            long last = 0;
            for (JsonObject m : p.received()) {
                if (m.containsKey("seq") && !"ack".equals(m.getString("type"))) {
                    assertTrue(seqOf(m) > last, "increasing seq");
                    last = seqOf(m);
                }
            }
        }
        assertEquals(ops, watcherOps(watcher));
        // Late joiners on either node get the same full canvas.
        RecordingPeer late1 = new RecordingPeer();
        RecordingPeer late2 = new RecordingPeer();
        one.registry().join(room, "late", late1);
        two.registry().join(room, "late", late2);
        assertEquals(syncIds(late1), syncIds(late2));
        assertEquals(ids(r1.elements()), syncIds(late1));
        // Stored once each: one row per op, numbered as the bus numbered them.
        one.store().flush();
        two.store().flush();
        assertEquals(ops, count("SELECT COUNT(*) FROM inkroom_op WHERE room_id = '" + room.value() + "'"));
        assertEquals(ops, count("SELECT COUNT(DISTINCT seq) FROM inkroom_op WHERE room_id = '" + room.value() + "'"));
    }

    private static long watcherOps(RecordingPeer watcher) {
        return watcher.received().stream().filter(m -> m.containsKey("seq")).count();
    }

    private static List<String> ids(List<Element> elements) {
        return elements.stream().map(Element::id).toList();
    }

    private static List<String> syncIds(RecordingPeer p) throws InterruptedException {
        JsonObject sync = p.await(m -> "sync".equals(m.getString("type")), WAIT);
        return sync.getJsonObject("data").getJsonArray("elements").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("id")).toList();
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theSameStrokeSentToBothNodesIsDrawnAndStoredOnce() throws Exception {
        Node one = node("n1");
        Node two = node("n2");
        RecordingPeer a = new RecordingPeer();
        RecordingPeer b = new RecordingPeer();
        Membership alice = one.registry().join(room, "alice", a, new JoinOptions(true, null, null));
        Membership alice2 = two.registry().join(room, "alice", b, new JoinOptions(true, null, null));
        alice.receive(draw("same"));
        alice2.receive(draw("same"));
        JsonObject ackA = a.await(m -> "ack".equals(m.getString("type")), WAIT);
        JsonObject ackB = b.await(m -> "ack".equals(m.getString("type")), WAIT);
        assertEquals(seqOf(ackA.getJsonObject("data")), seqOf(ackB.getJsonObject("data")), "both acknowledged as one op");
        one.store().flush();
        two.store().flush();
        assertEquals(1, count("SELECT COUNT(*) FROM inkroom_op WHERE room_id = '" + room.value() + "' AND element_id = 'same'"));
        assertEquals(1, one.registry().room(room).orElseThrow().elements().size());
        assertEquals(1, two.registry().room(room).orElseThrow().elements().size());
    }

    @Test
    void namesColoursJoinsLeavesAndCursorsSpanNodes() throws Exception {
        Node one = node("n1");
        Node two = node("n2");
        RecordingPeer a = new RecordingPeer();
        RecordingPeer b = new RecordingPeer();
        Membership sam1 = one.registry().join(room, "sam", a);
        Membership sam2 = two.registry().join(room, "sam", b);
        assertEquals("sam", sam1.userId());
        assertEquals("sam_2", sam2.userId(), "names unique across the room, not per node");
        assertNotEquals(sam1.color(), sam2.color(), "colours distinct across the room");
        a.await(m -> "join".equals(m.getString("type")) && "sam_2".equals(m.getString("userId")), WAIT);
        JsonObject list = a.await(m -> "userlist".equals(m.getString("type")) && m.getJsonArray("data").size() == 2, WAIT);
        Set<String> names = list.getJsonArray("data").getValuesAs(JsonObject.class).stream()
                .map(u -> u.getString("userId")).collect(Collectors.toSet());
        assertEquals(Set.of("sam", "sam_2"), names);
        sam2.receive(new ClientMessage.Cursor(null, new CursorData(10.0, 20.0, null)));
        JsonObject cursor = a.await(m -> "cursor".equals(m.getString("type")), WAIT);
        assertEquals("sam_2", cursor.getString("userId"));
        assertEquals(sam2.color(), cursor.getJsonObject("data").getString("color"));
        sam2.leave();
        a.await(m -> "leave".equals(m.getString("type")) && "sam_2".equals(m.getString("userId")), WAIT);
        Map<String, String> presence = probe.sync().hgetall("inkroom:{" + room.value() + "}:members");
        assertEquals(Set.of("sam"), presence.keySet());

        // A viewer on the other node shows as a viewer here, in its join and in the people list.
        RecordingPeer v = new RecordingPeer();
        Membership viewer = two.registry().join(room, "vic", v, new JoinOptions(false, null, null, org.inkroom.room.Role.VIEWER));
        JsonObject joined = a.await(m -> "join".equals(m.getString("type")) && "vic".equals(m.getString("userId")), WAIT);
        assertEquals("viewer", joined.getJsonObject("data").getString("role"));
        assertEquals(viewer.color(), joined.getJsonObject("data").getString("color"), "the colour without the role mark");
        JsonObject withViewer = a.await(m -> "userlist".equals(m.getString("type")) && m.getJsonArray("data").size() == 2
                && m.getJsonArray("data").getValuesAs(JsonObject.class).stream().anyMatch(u -> "vic".equals(u.getString("userId"))), WAIT);
        for (JsonObject u : withViewer.getJsonArray("data").getValuesAs(JsonObject.class)) {
            assertEquals("vic".equals(u.getString("userId")) ? "viewer" : null, u.getString("role", null), u.toString());
        }
        assertNotEquals(sam1.color(), viewer.color(), "a viewer's colour still counts as taken");
        // The heartbeat's view of the hash agrees with the join message.
        assertEquals(org.inkroom.room.Role.VIEWER, one.registry().room(room).orElseThrow().remoteMembers().get("vic").role());
    }

    @Test
    void oneSubscriptionPerRoomPerNodeGoneWhenTheRoomIsEvicted() throws Exception {
        RoomSettings evictAtOnce = new RoomSettings(1000, 100, Duration.ZERO, Duration.ofSeconds(1));
        Node one = node("n1", Duration.ofSeconds(15), evictAtOnce);
        Node two = node("n2", Duration.ofSeconds(15), evictAtOnce);
        String channel = "inkroom:{" + room.value() + "}:ch";
        long clientsBefore = pubsubClients();
        List<Membership> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add(one.registry().join(room, "a" + i, new RecordingPeer()));
            members.add(two.registry().join(room, "b" + i, new RecordingPeer()));
        }
        assertEquals(2L, probe.sync().pubsubNumsub(channel).get(channel), "one subscription per node, not per member");
        RoomId other = new RoomId(room.value() + "-b");
        Membership elsewhere = one.registry().join(other, "x", new RecordingPeer());
        assertEquals(2, pubsubClients() - clientsBefore, "one pub/sub connection per node, whatever the rooms and members");
        members.forEach(Membership::leave);
        elsewhere.leave();
        assertEquals(2L, probe.sync().pubsubNumsub(channel).get(channel), "empty but not yet evicted: still heard");
        assertEquals(2, one.registry().evictIdle());
        assertEquals(1, two.registry().evictIdle());
        awaitNumsub(channel, 0L);
        probe.sync().del(probe.sync().keys("inkroom:{" + other.value() + "}:*").toArray(String[]::new));
    }

    /** Connections of this Redis in pub/sub mode (CLIENT LIST: a subscribe as last command or sub > 0). */
    private long pubsubClients() {
        return probe.sync().clientList().lines()
                .filter(l -> java.util.Arrays.stream(l.split(" ")).anyMatch(f -> f.startsWith("sub=") && !f.equals("sub=0")))
                .count();
    }

    private void awaitNumsub(String channel, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (probe.sync().pubsubNumsub(channel).get(channel) != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(expected, probe.sync().pubsubNumsub(channel).get(channel));
    }

    @Test
    void membersOfANodeThatDiesWithoutAGoodbyeLeaveEveryonesListWithinTheTtl() throws Exception {
        Node one = node("n1", Duration.ofSeconds(3));
        Node two = node("n2", Duration.ofSeconds(3));
        RecordingPeer a = new RecordingPeer();
        one.registry().join(room, "alice", a);
        two.registry().join(room, "bob", new RecordingPeer());
        a.await(m -> "join".equals(m.getString("type")) && "bob".equals(m.getString("userId")), WAIT);
        long died = System.nanoTime();
        two.bus().close(); // no release, no leave: as if the process was killed
        a.await(m -> "leave".equals(m.getString("type")) && "bob".equals(m.getString("userId")), WAIT);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
        assertTrue(tookMs <= 3000 + 1000 + 1500, "gone within ttl + one heartbeat (+ slack): " + tookMs + " ms");
    }
}
