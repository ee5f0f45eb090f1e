package org.inkroom.web;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomSettings;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Backpressure and concurrency through the real endpoint on Tyrus. */
class SlowAndConcurrentTest {

    private TestServer server;
    private final List<WsClient> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        if (server != null) {
            server.close();
        }
    }

    private WsClient join(String roomAndQuery) {
        WsClient c = WsClient.connect(server.uri(roomAndQuery));
        clients.add(c);
        return c;
    }

    /** A client that reads its first frame and then nothing: TCP backpressure reaches the server. */
    private static final class StalledReader implements WebSocket.Listener {
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            return null; // no further request(): the socket stops being read
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }

    /** Every way of writing frames (async callbacks; blocking writes on a thread per busy receiver or on
     *  the fixed pool; auto, which on Tyrus is one of those). */
    @ParameterizedTest
    // AUTO is whichever of these Tyrus gets (SendModeTest covers the choice): not run twice.
    @EnumSource(value = SendMode.class, names = "AUTO", mode = EnumSource.Mode.EXCLUDE)
    void aStalledReaderDoesNotDelayTheOthersAndIsClosedWith1013(SendMode mode) throws Exception {
        // With blocking writes the outbox is the only queue in front of a socket (Tyrus's async sends
        // also queue inside the container, as Liberty's do not), and one frame per message cannot
        // drain a 30,000-message burst as fast as it arrives: the healthy clients there ask for
        // batch=1 as the page does (everything waiting in one frame), with the default capacity.
        // The stalled reader does not batch; it overflows either way. In async mode the capacity is 64
        // (so the stalled reader overflows soon); a healthy plain client could overflow a small one too when
        // this 2-core box is busy (seen under a parallel build), so the healthy ones batch there as well.
        boolean blocking = mode.resolve(SendMode.Server.TYRUS).blocking();
        // Floods on purpose (30,000 draws from one member): no send limits here.
        server = TestServer.start(RoomSettings.defaults().withSendLimits(org.inkroom.room.SendLimits.unlimited()),
                WebSettings.defaults().withOutboxCapacity(blocking ? WebSettings.defaults().outboxCapacity() : 64).withSendMode(mode));
        String healthy = "&batch=1";
        WsClient alice = join("slow?userId=Alice" + healthy);
        alice.awaitSync();
        StalledReader stalled = new StalledReader();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        WebSocket slow = http.newWebSocketBuilder()
                .buildAsync(server.uri("slow?userId=Slow"), stalled).get(10, TimeUnit.SECONDS);
        WsClient bob = join("slow?userId=Bob" + healthy);
        bob.awaitSync();

        // Long ids make each frame ~400 bytes, so the socket buffers fill within a few MB.
        String pad = "p".repeat(100);
        // In chunks that Bob reads before the next: the clients share one in-JVM client transport, and
        // one writing flat out can starve another's reads on a busy box (then Bob, not the server, is
        // the slow reader). The stalled reader reads nothing, whatever the pace. At least 30,000, and
        // on until the stalled reader is dropped: a container that still buffers its frames for a
        // while makes it look like a reader that reads, closed only at 4x capacity.
        RoomId room = new RoomId("slow");
        int chunk = 1000;
        for (int from = 0; from < 30_000 || (from < 120_000
                && server.registry().room(room).orElseThrow().memberIds().contains("Slow")); from += chunk) {
            for (int i = from; i < from + chunk; i++) {
                alice.send(draw(line(pad + i, i % 1000, 1, 2, 3)));
            }
            for (int i = from; i < from + chunk; i++) {
                assertEquals(pad + i, bob.next("draw").getJsonObject("data").getString("id"));
            }
        }
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (server.registry().room(room).orElseThrow().memberIds().contains("Slow") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(server.registry().room(room).orElseThrow().memberIds().contains("Slow"),
                "the stalled reader was dropped from the room");

        slow.request(Long.MAX_VALUE); // read again: the close frame waits behind what was buffered
        assertEquals(1013, stalled.closeCode.get(20, TimeUnit.SECONDS));
        assertTrue(bob.isOpen() && alice.isOpen());
    }

    @ParameterizedTest
    @EnumSource(SendMode.class)
    void concurrentJoinsLeavesAndDrawsFromManyThreadsLeaveAConsistentState(SendMode mode) throws Exception {
        server = TestServer.start(RoomSettings.defaults(), WebSettings.defaults().withSendMode(mode));
        int threads = 12;
        int drawsEach = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<WsClient> stayers = new ArrayList<>();
        try {
            List<Future<WsClient>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    WsClient c = join("busy?userId=t" + thread);
                    c.awaitSync();
                    for (int i = 0; i < drawsEach; i++) {
                        c.send(draw(line("t" + thread + "-" + i, thread, i, thread + 1, i + 1)));
                        if (i == drawsEach / 2) {
                            WsClient visitor = WsClient.connect(server.uri("busy?userId=visitor"));
                            visitor.awaitSync();
                            visitor.close();
                        }
                    }
                    // A barrier: the server answers frames in order, so this error reply means every
                    // draw before it was handled (the test client may still hold sent frames at close).
                    c.sendText("{}");
                    c.next("error");
                    return c;
                }));
            }
            for (int t = 0; t < threads; t++) {
                WsClient c = work.get(t).get(60, TimeUnit.SECONDS);
                if (t % 2 == 0) {
                    c.close();
                } else {
                    stayers.add(c);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // A watcher that joins last and waits until its view holds every element.
        int total = threads * drawsEach;
        WsClient late = null;
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        int got = 0;
        while (got < total && System.nanoTime() < deadline) {
            if (late != null) {
                late.close();
            }
            late = join("busy?userId=late");
            got = late.next("sync").getJsonObject("data").getJsonArray("elements").size();
        }
        assertEquals(total, got, "every stroke from every thread is on the canvas exactly once");
        Set<String> ids = new HashSet<>();
        server.registry().room(new RoomId("busy")).orElseThrow().elements().forEach(e -> ids.add(e.id()));
        assertEquals(total, ids.size());
        assertEquals(total, server.registry().room(new RoomId("busy")).orElseThrow().seq());

        // Members are exactly the stayers plus the watcher, and the last user list says so.
        Set<String> expected = new HashSet<>();
        for (WsClient s : stayers) {
            assertTrue(s.isOpen());
        }
        for (int t = 1; t < threads; t += 2) {
            expected.add("t" + t);
        }
        expected.add("late");
        long until = System.nanoTime() + WsClient.WAIT.toNanos();
        while (!new HashSet<>(server.registry().room(new RoomId("busy")).orElseThrow().memberIds()).equals(expected)
                && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(expected, new HashSet<>(server.registry().room(new RoomId("busy")).orElseThrow().memberIds()));
        JsonObject lastList = null;
        WsClient observer = stayers.get(0);
        Set<String> listed = Set.of();
        long listDeadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (!listed.equals(expected) && System.nanoTime() < listDeadline) {
            lastList = observer.next("userlist");
            Set<String> names = new HashSet<>();
            lastList.getJsonArray("data").getValuesAs(JsonObject.class).forEach(u -> names.add(u.getString("userId")));
            listed = names;
        }
        assertEquals(expected, listed);
    }
}
