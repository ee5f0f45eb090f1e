package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.inkroom.testing.Frames;
import org.inkroom.testing.Requirements;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two real Open Liberty nodes of the built WAR (started by {@code scripts/cluster.sh}, as an
 * operator would), the machine's real Redis and one real PostgreSQL schema shared by both.
 */
class ClusterIT {

    static final String PG_URL = "jdbc:postgresql://localhost:5432/test";
    static final String PG_USER = "postgres";
    static final int REDIS_PORT = 6379;
    private static final Duration LONG = Duration.ofSeconds(90);

    private static String schema;
    private static ClusterNodes nodes;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Requirements.require(postgresReachable(), "PostgreSQL at localhost:5432/test");
        Requirements.require(redisReachable(), "Redis at 127.0.0.1:6379");
        schema = "inkroom_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sql("CREATE SCHEMA " + schema);
        nodes = ClusterNodes.start(2, env(schema, "redis://127.0.0.1:" + REDIS_PORT));
    }

    /** What every cluster IT gives its nodes: the shared database, Redis, short timings so the tests are quick. */
    static Map<String, String> env(String schema, String redisUri) {
        Map<String, String> env = new HashMap<>();
        env.put("INKROOM_REDIS_URI", redisUri);
        env.put("INKROOM_DB_DRIVER", "postgresql");
        env.put("INKROOM_DB_URL", PG_URL + "?currentSchema=" + schema);
        env.put("INKROOM_DB_USER", PG_USER);
        env.put("INKROOM_DB_PASSWORD", "");
        env.put("INKROOM_REDIS_PRESENCE_TTL_SECONDS", "6");
        env.put("INKROOM_ROOM_IDLE_SECONDS", "2");
        return env;
    }

    @AfterAll
    static void stopNodes() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        if (schema != null) {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static Function<String, URI> node(int i) {
        return roomAndQuery -> nodes.ws(i, roomAndQuery);
    }

    private static String room(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void membersOnBothNodesDrawAtOnceAndAllEndWithTheSameCanvasInTheSameOrder() throws Exception {
        String room = room("both");
        List<Drawer> drawers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            drawers.add(Drawer.join("d" + i, room, node(i % 2)));
        }
        int each = 150;
        ExecutorService pool = Executors.newFixedThreadPool(drawers.size());
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Drawer d : drawers) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        d.drawLine(d.userId() + "-" + i, i);
                        if (i % 10 == 0) {
                            d.pump(Duration.ofMillis(1));
                        }
                    }
                    assertTrue(d.awaitAcks(LONG), d.userId() + " got every ack; pending " + d.pending().size());
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = each * drawers.size();
        // Everyone sees everyone's strokes, numbered alike: one order for the whole room.
        Map<Long, String> order = new HashMap<>();
        for (Drawer d : drawers) {
            long deadline = System.nanoTime() + LONG.toNanos();
            while (d.seen().size() < total - each && System.nanoTime() < deadline) {
                d.pump(Duration.ofMillis(200));
            }
            assertEquals(total - each, d.seen().size(), d.userId() + " saw every other member's stroke");
            assertEquals(List.of(), d.problems(), d.userId() + ": strictly increasing seq, nothing refused");
            d.seen().forEach((seq, what) -> {
                String other = order.putIfAbsent(seq, what);
                assertTrue(other == null || other.equals(what), "seq " + seq + " is " + other + " for one member, " + what + " for another");
            });
        }
        assertEquals(total, order.size(), "every stroke has one number");
        List<String> onNode0 = syncIds(room, 0);
        List<String> onNode1 = syncIds(room, 1);
        assertEquals(total, onNode0.size());
        assertEquals(onNode0, onNode1, "a late joiner gets the same canvas, in the same order, on either node");
        assertEquals(total, count("SELECT COUNT(*) FROM " + schema + ".inkroom_op WHERE room_id = '" + room + "'"),
                "each stroke stored once in the shared database");
        drawers.forEach(Drawer::close);
    }

    static List<String> syncIds(String room, int node) {
        try (WsClient late = WsClient.connect(nodes.ws(node, room + "?userId=late"))) {
            return late.next("sync").getJsonObject("data").getJsonArray("elements").getValuesAs(JsonObject.class)
                    .stream().map(e -> e.getString("id")).toList();
        }
    }

    @Test
    void theSameStrokeSentThroughBothNodesIsStoredOnce() throws Exception {
        String room = room("dup");
        Drawer a = Drawer.join("amy", room, node(0));
        Drawer b = Drawer.join("amy", room, node(1));
        a.drawLine("twice", 1);
        b.drawLine("twice", 1);
        assertTrue(a.awaitAcks(LONG));
        assertTrue(b.awaitAcks(LONG));
        assertEquals(List.of("twice"), syncIds(room, 0));
        assertEquals(List.of("twice"), syncIds(room, 1));
        assertEquals(1, count("SELECT COUNT(*) FROM " + schema + ".inkroom_op WHERE room_id = '" + room + "'"));
        a.close();
        b.close();
    }

    @Test
    void aClientResumesOnTheOtherNodeWithOnlyWhatItMissed() {
        String room = room("resume");
        long seq;
        String epoch;
        try (WsClient first = WsClient.connect(nodes.ws(0, room + "?userId=rita&ack=1"))) {
            epoch = first.next("sync").getJsonObject("data").getString("epoch");
            for (int i = 0; i < 5; i++) {
                first.send(Frames.draw(Frames.line("before-" + i, i, 0, i, 5)));
            }
            JsonObject ack = null;
            for (int i = 0; i < 5; i++) {
                ack = first.next("ack");
            }
            seq = ack.getJsonObject("data").getJsonNumber("seq").longValue();
        }
        try (WsClient other = WsClient.connect(nodes.ws(1, room + "?userId=otto&ack=1"))) {
            other.next("sync");
            for (int i = 0; i < 3; i++) {
                other.send(Frames.draw(Frames.line("after-" + i, i, 10, i, 15)));
                other.next("ack");
            }
        }
        try (WsClient back = WsClient.connect(nodes.ws(1, room + "?userId=rita&since=" + seq + "&epoch=" + epoch))) {
            JsonObject sync = back.next("sync").getJsonObject("data");
            assertEquals(seq, sync.getJsonNumber("since").longValue(), "a resume, not a full sync, on the other node");
            assertEquals(List.of("after-0", "after-1", "after-2"), sync.getJsonArray("elements").getValuesAs(JsonObject.class)
                    .stream().map(e -> e.getString("id")).toList());
        }
    }

    @Test
    void namesUserListJoinsLeavesAndCursorsSpanNodes() {
        String room = room("people");
        // The second connects once the first has its sync: a handshake completes before the room has
        // claimed the name, so two back-to-back connects could claim in either order.
        try (WsClient p1 = WsClient.connect(nodes.ws(0, room + "?userId=pat"))) {
            JsonObject s1 = p1.next("sync").getJsonObject("data");
            assertEquals("pat", s1.getString("userId"));
            try (WsClient p2 = WsClient.connect(nodes.ws(1, room + "?userId=pat"))) {
                JsonObject s2 = p2.next("sync").getJsonObject("data");
                assertEquals("pat_2", s2.getString("userId"), "a name is unique in the room, across nodes");
                assertNotEquals(s1.getString("color"), s2.getString("color"), "so is a colour");
                p1.next(m -> "join".equals(m.getString("type")) && "pat_2".equals(m.getString("userId")), "pat_2 joined");
                p1.next(m -> "userlist".equals(m.getString("type")) && m.getJsonArray("data").size() == 2, "a user list of both");
                p2.send(Frames.cursor(12, 34));
                JsonObject cursor = p1.next("cursor");
                assertEquals("pat_2", cursor.getString("userId"));
                assertEquals(s2.getString("color"), cursor.getJsonObject("data").getString("color"));
                p2.close();
                p1.next(m -> "leave".equals(m.getString("type")) && "pat_2".equals(m.getString("userId")), "pat_2 left");
                p1.next(m -> "userlist".equals(m.getString("type")) && m.getJsonArray("data").size() == 1, "a user list of one");
            }
        }
    }

    @Test
    void oneRedisSubscriptionPerRoomPerNodeAndNonePerMember() throws Exception {
        String room = room("subs");
        String channel = "inkroom:{" + room + "}:ch";
        assertEquals(0, numsub(channel));
        Map<Integer, Integer> connectionsBefore = nodeConnections();
        List<WsClient> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            WsClient c = WsClient.connect(nodes.ws(i % 2, room + "?userId=m" + i));
            c.next("sync");
            members.add(c);
        }
        assertEquals(2, numsub(channel), "one subscription per node hosting the room");
        assertEquals(connectionsBefore, nodeConnections(), "no Redis connection per member: " + nodeConnections());
        nodeConnections().values().forEach(n -> assertEquals(2, n, "each node: one command and one pub/sub connection"));
        members.forEach(WsClient::close);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (numsub(channel) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(0, numsub(channel), "unsubscribed once the room emptied and was evicted on both nodes");
    }

    static long numsub(String channel) {
        String reply = PrivateRedis.command(REDIS_PORT, "PUBSUB", "NUMSUB", channel);
        String[] lines = reply.split("\r\n");
        return Long.parseLong(lines[lines.length - 1].substring(1));
    }

    /** CLIENT LIST connections named by each node (inkroom-node-PORT), by node index. */
    private static Map<Integer, Integer> nodeConnections() {
        String list = PrivateRedis.command(REDIS_PORT, "CLIENT", "LIST");
        Map<Integer, Integer> out = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            String name = "name=inkroom-node-" + nodes.port(i) + " ";
            out.put(i, (int) list.lines().filter(l -> l.contains(name)).count());
        }
        return out;
    }

    @Test
    void aNodeKilledMidDrawingLosesNoAcknowledgedStrokeAndItsMembersCarryOnThroughTheOther() throws Exception {
        String room = room("kill");
        Drawer onDoomed = Drawer.join("ann", room, node(0));
        Drawer onSurvivor = Drawer.join("ben", room, node(1));
        int each = 300;
        Set<String> ackedBeforeKill;
        for (int i = 0; i < each / 2; i++) {
            onDoomed.drawLine("ann-" + i, i);
            onSurvivor.drawLine("ben-" + i, i);
        }
        while (onDoomed.acked().size() < each / 4) {
            assertTrue(onDoomed.pump(Duration.ofMillis(100)));
        }
        nodes.kill9(0);
        ackedBeforeKill = new LinkedHashSet<>(onDoomed.acked());
        while (onDoomed.pump(Duration.ofMillis(200))) {
            // until the killed node's socket is seen closed
        }
        onDoomed.connect(node(1), Duration.ofSeconds(30)); // reconnects elsewhere, resends what was not acknowledged
        for (int i = each / 2; i < each; i++) {
            onDoomed.drawLine("ann-" + i, i);
            onSurvivor.drawLine("ben-" + i, i);
        }
        assertTrue(onDoomed.awaitAcks(LONG), "pending " + onDoomed.pending());
        assertTrue(onSurvivor.awaitAcks(LONG), "pending " + onSurvivor.pending());
        List<String> canvas = syncIds(room, 1);
        assertTrue(canvas.containsAll(ackedBeforeKill), "every stroke acknowledged by the killed node is there");
        assertEquals(2 * each, canvas.size(), "and everything drawn after");
        assertEquals(canvas.size(), new HashSet<>(canvas).size(), "nothing twice");
        Set<String> stored = new HashSet<>(strings("SELECT element_id FROM " + schema + ".inkroom_op WHERE room_id = '" + room + "'"));
        assertTrue(stored.containsAll(canvas), "all of it in the shared database");
        nodes.restart(0);
        assertEquals(canvas, syncIds(room, 0), "the restarted node loads the same canvas");
        onDoomed.close();
        onSurvivor.close();
    }

    static boolean redisReachable() {
        try {
            return PrivateRedis.command(REDIS_PORT, "PING").contains("PONG");
        } catch (java.io.UncheckedIOException e) {
            return false;
        }
    }

    static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    static long count(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static List<String> strings(String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
