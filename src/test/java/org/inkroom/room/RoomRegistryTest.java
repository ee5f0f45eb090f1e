package org.inkroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ErrorData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rooms and the registry with fake peers: no container, no sockets. */
class RoomRegistryTest {

    private static final RoomId ROOM = new RoomId("r1");

    private final AtomicLong clock = new AtomicLong();
    private final List<RoomRegistry> registries = new ArrayList<>();

    private RoomRegistry registry(RoomSettings settings, CanvasStore store, RoomBus bus) {
        RoomRegistry r = new RoomRegistry(settings, store, bus, clock::get, false);
        registries.add(r);
        return r;
    }

    private RoomRegistry registry() {
        return registry(RoomSettings.defaults(), CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE);
    }

    @AfterEach
    void shutdown() {
        registries.forEach(RoomRegistry::shutdown);
    }

    private static Element line(String id) {
        return Element.line(id, 1.0, 2.0, 3.0, 4.0, "#000000", 2.0, null);
    }

    private static ClientMessage draw(String id) {
        return new ClientMessage.Draw(null, line(id));
    }

    @Test
    void drawIsNumberedStoredAndSentToEveryoneButTheSender() {
        RoomRegistry registry = registry();
        FakePeer a = new FakePeer();
        FakePeer b = new FakePeer();
        Membership alice = registry.join(ROOM, "alice", a);
        registry.join(ROOM, "bob", b);
        a.forget();
        b.forget();

        alice.receive(draw("e1"));
        alice.receive(draw("e2"));

        assertEquals(List.of(), a.received("draw"));
        List<JsonObject> atBob = b.received("draw");
        assertEquals(2, atBob.size());
        assertEquals(1, atBob.get(0).getInt("seq"));
        assertEquals(2, atBob.get(1).getInt("seq"));
        assertEquals("alice", atBob.get(0).getJsonObject("data").getString("userId"));
        Room room = registry.room(ROOM).orElseThrow();
        assertEquals(List.of("e1", "e2"), room.elements().stream().map(Element::id).toList());
        assertEquals(2, room.seq());
    }

    @Test
    void joinerIsSyncedThenSeesOnlyLaterOperations() {
        RoomRegistry registry = registry();
        Membership alice = registry.join(ROOM, "alice", new FakePeer());
        alice.receive(draw("before"));
        FakePeer b = new FakePeer();
        registry.join(ROOM, "bob", b);
        alice.receive(draw("after"));

        List<JsonObject> got = b.received();
        assertEquals("sync", got.get(0).getString("type"));
        assertEquals(1, got.get(0).getJsonObject("data").getJsonArray("elements").size());
        assertEquals(1, got.get(0).getJsonObject("data").getInt("seq"));
        List<JsonObject> draws = b.received("draw");
        assertEquals(1, draws.size());
        assertEquals("after", draws.get(0).getJsonObject("data").getString("id"));
    }

    @Test
    void elementLimitIsAnsweredWithAnErrorAndNothingIsStored() {
        RoomRegistry registry = registry(new RoomSettings(2, 10, Duration.ofMinutes(1), Duration.ofSeconds(1)),
                CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE);
        FakePeer a = new FakePeer();
        FakePeer b = new FakePeer();
        Membership alice = registry.join(ROOM, "alice", a);
        registry.join(ROOM, "bob", b);
        alice.receive(draw("1"));
        alice.receive(draw("2"));
        alice.receive(draw("3"));

        List<JsonObject> errors = a.received("error");
        assertEquals(1, errors.size());
        assertEquals(ErrorData.ROOM_FULL, errors.get(0).getJsonObject("data").getString("code"));
        assertEquals(2, b.received("draw").size());
        assertEquals(2, registry.room(ROOM).orElseThrow().elements().size());

        alice.receive(new ClientMessage.Clear(null));
        alice.receive(draw("3"));
        assertEquals(1, registry.room(ROOM).orElseThrow().elements().size(), "clear makes room again");
    }

    @Test
    void memberLimitRefusesTheNextJoin() {
        RoomRegistry registry = registry(new RoomSettings(10, 2, Duration.ofMinutes(1), Duration.ofSeconds(1)),
                CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE);
        registry.join(ROOM, "a", new FakePeer());
        registry.join(ROOM, "b", new FakePeer());
        assertThrows(RoomFullException.class, () -> registry.join(ROOM, "c", new FakePeer()));
        assertEquals(2, registry.room(ROOM).orElseThrow().memberCount());
    }

    @Test
    void aReceiverWhoseQueueOverflowsIsClosedWith1013AndTheOthersGetEverything() {
        RoomRegistry registry = registry();
        FakePeer slow = new FakePeer(5);
        FakePeer fast = new FakePeer();
        Membership alice = registry.join(ROOM, "alice", new FakePeer());
        registry.join(ROOM, "slow", slow);
        registry.join(ROOM, "fast", fast);
        for (int i = 0; i < 20; i++) {
            alice.receive(draw("e" + i));
        }
        assertEquals(Peer.TRY_AGAIN_LATER, slow.closeCode());
        assertEquals(20, fast.received("draw").size());
    }

    @Test
    void aFlooderIsClosedOnceAndWhatItStillHadInFlightIsIgnored() {
        List<Integer> closes = new CopyOnWriteArrayList<>();
        List<String> errors = new CopyOnWriteArrayList<>();
        RoomEvents events = new RoomEvents() {
            @Override
            public void receiverClosed(int code) {
                closes.add(code);
            }

            @Override
            public void errorSent(String code) {
                errors.add(code);
            }
        };
        // A burst of 3 ops, then 2 refusals, then the close; the clock stands still, so nothing refills.
        RoomSettings settings = RoomSettings.defaults().withSendLimits(new SendLimits(1, 3, 1, 1, 1, 1, 2));
        RoomRegistry registry = new RoomRegistry(settings, CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE, clock::get, false, events);
        registries.add(registry);
        FakePeer flooder = new FakePeer();
        FakePeer watcher = new FakePeer();
        Membership flood = registry.join(ROOM, "flood", flooder);
        registry.join(ROOM, "watcher", watcher);
        for (int i = 0; i < 20; i++) { // the frames that arrive before the connection is gone
            flood.receive(draw("f" + i));
        }
        flood.reject(new ErrorData(ErrorData.MALFORMED_JSON, "frame is not valid JSON", null));

        assertEquals(Peer.POLICY_VIOLATION, flooder.closeCode());
        assertEquals(List.of(Peer.POLICY_VIOLATION), closes, "closed, counted (and logged) once");
        assertEquals(List.of(ErrorData.TOO_MANY_OPS, ErrorData.TOO_MANY_OPS), errors, "the refusals before the close, none after");
        assertEquals(3, watcher.received("draw").size(), "only the burst reached the room");
    }

    @Test
    void emptyRoomIsEvictedOnlyAfterTheIdleTime() {
        RoomRegistry registry = registry(new RoomSettings(100, 10, Duration.ofSeconds(60), Duration.ofSeconds(1)),
                CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE);
        Membership alice = registry.join(ROOM, "alice", new FakePeer());
        clock.addAndGet(Duration.ofHours(1).toNanos());
        assertEquals(0, registry.evictIdle(), "a room with members is never evicted");

        alice.leave();
        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(0, registry.evictIdle());
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertEquals(1, registry.evictIdle());
        assertEquals(0, registry.roomCount());

        registry.join(ROOM, "bob", new FakePeer());
        assertEquals(1, registry.roomCount(), "the next join opens the room again");
    }

    @Test
    void aJoinRacingEvictionLandsInALiveRoom() throws Exception {
        RoomRegistry registry = registry(new RoomSettings(100, 10, Duration.ZERO, Duration.ofSeconds(1)),
                CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 500; i++) {
                Room before = registry.room(ROOM).orElse(null);
                Future<Membership> joined = pool.submit(() -> registry.join(ROOM, "x", new FakePeer()));
                Future<Integer> evicted = pool.submit(registry::evictIdle);
                Membership m = joined.get(5, TimeUnit.SECONDS);
                evicted.get(5, TimeUnit.SECONDS);
                Room live = registry.room(ROOM).orElseThrow(() -> new AssertionError("member's room was evicted"));
                assertEquals(List.of(m.userId()), live.memberIds());
                assertTrue(before == null || before == live || before.memberCount() == 0);
                m.leave();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneBusChannelPerRoomClosedWhenTheRoomIsEvicted() {
        List<String> events = new CopyOnWriteArrayList<>();
        RoomBus bus = (room, listener) -> {
            events.add("open " + room);
            return new LocalChannel() {
                @Override
                public void close() {
                    events.add("close " + room);
                }
            };
        };
        RoomRegistry registry = registry(new RoomSettings(100, 10, Duration.ZERO, Duration.ofSeconds(1)),
                CanvasStore.MEMORY_ONLY, bus);
        Membership a = registry.join(ROOM, "a", new FakePeer());
        Membership b = registry.join(ROOM, "b", new FakePeer());
        assertEquals(List.of("open r1"), events);
        a.leave();
        b.leave();
        registry.evictIdle();
        assertEquals(List.of("open r1", "close r1"), events);
    }

    @Test
    void aMemberWhoseRoomIsBusyIsNotHeldUpAndItsOpLandsNextInOrder() throws Exception {
        // The store holds the first append (the room's lock is held meanwhile) until released.
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CanvasStore slowFirst = new MemoryStore() {
            @Override
            public void append(RoomId room, long seq, Op op) {
                if (seq == 1) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        RoomRegistry registry = registry(RoomSettings.defaults(), slowFirst, RoomBus.SINGLE_NODE);
        Membership alice = registry.join(ROOM, "alice", new FakePeer());
        Membership bob = registry.join(ROOM, "bob", new FakePeer());
        FakePeer c = new FakePeer();
        registry.join(ROOM, "carol", c);
        c.forget();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = threads.submit(() -> alice.receive(draw("e1")));
            assertTrue(inside.await(10, TimeUnit.SECONDS), "alice's op reached the store");
            // Bob's thread finds the lock taken: it leaves its op to the holder and returns.
            Future<?> second = threads.submit(() -> bob.receive(draw("e2")));
            second.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(), c.received("draw"), "nothing is sent while the first op is still being applied");
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        List<JsonObject> atCarol = c.received("draw");
        assertEquals(List.of("e1", "e2"), atCarol.stream().map(m -> m.getJsonObject("data").getString("id")).toList());
        assertEquals(List.of(1, 2), atCarol.stream().map(m -> m.getInt("seq")).toList());
        assertEquals(List.of("e1", "e2"), registry.room(ROOM).orElseThrow().elements().stream().map(Element::id).toList());
    }

    @Test
    void aRoomBeingOpenedHoldsUpOnlyJoinsToThatRoom() throws Exception {
        HeldLoad store = new HeldLoad(new RoomId("slow"));
        RoomRegistry registry = registry(RoomSettings.defaults(), store, RoomBus.SINGLE_NODE);
        // A room that a fresh ConcurrentHashMap puts in the same bin as "slow" (16 bins): opening
        // inside the map's computeIfAbsent would hold this join until "slow" had loaded.
        RoomId neighbour = null;
        for (int i = 0; neighbour == null; i++) {
            RoomId candidate = new RoomId("n" + i);
            if (bin(candidate) == bin(store.held)) {
                neighbour = candidate;
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            FakePeer first = new FakePeer();
            Future<Membership> opener = threads.submit(() -> registry.join(store.held, "ann", first));
            assertTrue(store.loading.await(10, TimeUnit.SECONDS), "the first join is loading the room");
            Future<Membership> waiter = threads.submit(() -> registry.join(store.held, "ben", new FakePeer()));
            RoomId other = neighbour;
            Membership elsewhere = threads.submit(() -> registry.join(other, "cid", new FakePeer())).get(10, TimeUnit.SECONDS);
            assertEquals(other, elsewhere.roomId(), "a join to another room went ahead while \"slow\" was loading");
            assertTrue(first.received("sync").isEmpty(), "nobody is in \"slow\" before it has loaded");
            store.release.countDown();
            assertEquals(store.held, opener.get(10, TimeUnit.SECONDS).roomId());
            assertEquals(store.held, waiter.get(10, TimeUnit.SECONDS).roomId());
            assertEquals(2, registry.room(store.held).orElseThrow().memberCount(), "the second join waited for the room the first opened");
            assertEquals(1, store.heldLoads.get(), "the room was loaded once");
            assertEquals(2, registry.roomCount());
        } finally {
            store.release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void roomsStillOpeningCountTowardsTheNodesRoomCap() throws Exception {
        HeldLoad store = new HeldLoad(new RoomId("slow"));
        RoomRegistry registry = registry(RoomSettings.defaults().withNodeCaps(2, 100), store, RoomBus.SINGLE_NODE);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Membership> opener = threads.submit(() -> registry.join(store.held, "ann", new FakePeer()));
            assertTrue(store.loading.await(10, TimeUnit.SECONDS), "the first join is loading the room");
            registry.join(new RoomId("second"), "ben", new FakePeer()); // one room open, one opening: the cap
            assertThrows(RoomFullException.class, () -> registry.join(new RoomId("third"), "cid", new FakePeer()));
            Future<Membership> waiter = threads.submit(() -> registry.join(store.held, "dan", new FakePeer()));
            store.release.countDown();
            assertEquals(store.held, opener.get(10, TimeUnit.SECONDS).roomId());
            assertEquals(store.held, waiter.get(10, TimeUnit.SECONDS).roomId(), "a join to the room being opened is not refused");
            assertEquals(2, registry.roomCount());
        } finally {
            store.release.countDown();
            threads.shutdownNow();
        }
    }

    /** The in-memory store, except that loading {@code held} waits for {@code release}; its loads are counted. */
    private static final class HeldLoad extends MemoryStore {
        final RoomId held;
        final CountDownLatch loading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicLong heldLoads = new AtomicLong();

        HeldLoad(RoomId held) {
            this.held = held;
        }

        @Override
        public History load(RoomId room) {
            if (room.equals(held)) {
                heldLoads.incrementAndGet();
                loading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.load(room);
        }
    }

    /** The store in memory, for a test to override one of its methods. */
    private static class MemoryStore implements CanvasStore {
        @Override
        public History load(RoomId room) {
            return MEMORY_ONLY.load(room);
        }

        @Override
        public void append(RoomId room, long seq, Op op) {
            MEMORY_ONLY.append(room, seq, op);
        }

        @Override
        public void clear(RoomId room, long seq) {
            MEMORY_ONLY.clear(room, seq);
        }

        @Override
        public void whenDurable(Runnable action) {
            MEMORY_ONLY.whenDurable(action);
        }
    }

    /** The bin of a 16-bin ConcurrentHashMap that {@code id} goes to (the map's own spreading of hashCode). */
    private static int bin(RoomId id) {
        int h = id.hashCode();
        return ((h ^ (h >>> 16)) & 0x7fffffff) & 15;
    }

    @Test
    void concurrentJoinsLeavesAndDrawsLeaveAConsistentRoom() throws Exception {
        RoomRegistry registry = registry();
        int threads = 8;
        int drawsEach = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ConcurrentHashMap<String, FakePeer> stayers = new ConcurrentHashMap<>();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    FakePeer peer = new FakePeer();
                    Membership m = registry.join(ROOM, "t" + thread, peer);
                    for (int i = 0; i < drawsEach; i++) {
                        m.receive(draw("t" + thread + "-" + i));
                        if (i % 50 == 0) {
                            registry.join(ROOM, "visitor", new FakePeer()).leave();
                        }
                    }
                    if (thread % 2 == 0) {
                        m.leave();
                    } else {
                        stayers.put(m.userId(), peer);
                    }
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Room room = registry.room(ROOM).orElseThrow();
        assertEquals(threads * drawsEach, room.elements().size());
        assertEquals(threads * drawsEach, room.seq());
        assertEquals(stayers.keySet(), new java.util.HashSet<>(room.memberIds()));
        // Each stayer saw every other member's draw after its sync, in increasing sequence order:
        // what it saw plus its own draws is exactly the span from its sync to the end.
        for (FakePeer p : stayers.values()) {
            List<JsonObject> got = p.received();
            long syncSeq = got.get(0).getJsonObject("data").getJsonNumber("seq").longValue();
            long last = syncSeq;
            int seen = 0;
            for (JsonObject m : got) {
                if (m.getString("type").equals("draw")) {
                    long s = m.getJsonNumber("seq").longValue();
                    assertTrue(s > last, "increasing sequence");
                    last = s;
                    seen++;
                }
            }
            assertEquals(room.seq() - syncSeq, seen + drawsEach);
        }
        FakePeer late = new FakePeer();
        registry.join(ROOM, "late", late);
        assertEquals(threads * drawsEach, late.received("sync").get(0).getJsonObject("data").getJsonArray("elements").size());
    }

    @Test
    void shutdownClosesEveryMemberWithGoingAway() {
        RoomRegistry registry = registry();
        FakePeer a = new FakePeer();
        FakePeer b = new FakePeer();
        registry.join(ROOM, "a", a);
        registry.join(new RoomId("r2"), "b", b);
        registry.shutdown();
        assertEquals(Peer.GOING_AWAY, a.closeCode());
        assertEquals(Peer.GOING_AWAY, b.closeCode());
    }

    @Test
    void drainClosesEveryMemberWithGoingAwayWaitsForThemToLeaveAndRefusesNewJoins() throws Exception {
        RoomRegistry registry = registry();
        FakePeer a = new FakePeer();
        FakePeer b = new FakePeer();
        Membership alice = registry.join(ROOM, "a", a);
        Membership bob = registry.join(new RoomId("r2"), "b", b);
        assertEquals(2, registry.members());
        // The pages answer the close frame: their connections end, and they leave (the endpoint's @OnClose).
        Thread leaving = new Thread(() -> {
            while (a.closeCode() == 0 || b.closeCode() == 0) {
                Thread.onSpinWait();
            }
            alice.leave();
            bob.leave();
        });
        leaving.start();
        assertEquals(2, registry.drain(java.time.Duration.ofSeconds(30)));
        leaving.join();
        assertEquals(Peer.GOING_AWAY, a.closeCode());
        assertEquals(Peer.GOING_AWAY, b.closeCode());
        assertEquals(0, registry.members());
        assertTrue(registry.shuttingDown());
        RoomFullException refused = assertThrows(RoomFullException.class, () -> registry.join(ROOM, "late", new FakePeer()));
        assertTrue(refused.getMessage().contains("shutting down"), refused.getMessage());
    }

    @Test
    void registryHandsOutOneRoomPerId() {
        RoomRegistry registry = registry();
        registry.join(ROOM, "a", new FakePeer());
        Room first = registry.room(ROOM).orElseThrow();
        registry.join(ROOM, "b", new FakePeer());
        assertSame(first, registry.room(ROOM).orElseThrow());
        registry.join(new RoomId("r2"), "c", new FakePeer());
        assertNotSame(first, registry.room(new RoomId("r2")).orElseThrow());
    }
}
