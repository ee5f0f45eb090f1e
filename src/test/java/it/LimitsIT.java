package it;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.inkroom.protocol.Codec;
import org.inkroom.testing.RawSocket;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/**
 * The documented limits and close codes, with the limits set from the environment, on whichever
 * server the build runs the deployed tests against ({@link Target}): 1009 at the configured frame
 * size, 1013 for a full room and for a reader that stopped reading, 429 past the connections per
 * address, 1001 when the server stops, and a missing store reported loudly. The same test on Liberty, WildFly and Payara Micro.
 */
class LimitsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final int FRAME_LIMIT = 4096;
    private static final int PER_ADDRESS = 4;

    private static URI ws(String roomAndQuery) {
        return URI.create("ws://localhost:" + Target.PORT + "/ws/" + roomAndQuery);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Target.PORT + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double metric(String series) throws Exception {
        for (String line : get("/metrics").body().lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String room(String tag) {
        return tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A draw whose frame is {@code bytes} long (padding in an extra field, which the server ignores). */
    private static String drawOfSize(String id, int bytes) {
        Map<String, Object> element = line(id, 1, 1, 2, 2);
        element.put("padding", "");
        int overhead = Codec.toJson(draw(element)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        element.put("padding", "x".repeat(bytes - overhead));
        String text = Codec.toJson(draw(element));
        assertEquals(bytes, text.length());
        return text;
    }

    @Test
    void limitsFromTheEnvironmentAreEnforcedWithTheDocumentedCloseCodesAndStopSays1001() throws Exception {
        Target server = Target.CURRENT;
        server.stop();
        try {
            server.start(Map.of("INKROOM_MAX_FRAME_BYTES", Integer.toString(FRAME_LIMIT),
                    "INKROOM_ROOM_MAX_MEMBERS", "2",
                    "INKROOM_OUTBOX_CAPACITY", "64",
                    // the stalled reader below needs one sender far past the default rate limit
                    "INKROOM_LIMIT_OPS_PER_SECOND", "1000000000",
                    "INKROOM_LIMIT_OPS_BURST", "1000000000",
                    "INKROOM_LIMIT_CONNECTIONS_PER_ADDRESS", Integer.toString(PER_ADDRESS)));

            // Started first: its wait (the send timeout) overlaps the checks below.
            Callable<Void> connectionLetGo = aReaderThatNeverReadsAgainIsDroppedAndItsConnectionLetGo();

            // 1009 at the configured size: a frame at the limit is taken, one byte more closes.
            String room = room("lim-frame");
            try (WsClient alice = WsClient.connect(ws(room + "?userId=Alice&ack=1"))) {
                alice.awaitSync();
                alice.sendText(drawOfSize("fits", FRAME_LIMIT));
                assertEquals("fits", alice.next("ack").getJsonObject("data").getString("id"));
                alice.sendTextExpectingClose(drawOfSize("too-big", FRAME_LIMIT + 1));
                assertEquals(1009, alice.awaitClose().getCloseCode().getCode());
            }

            // 1013 when the room has inkroom.room.max.members members.
            String full = room("lim-full");
            // One after the other: joins race otherwise, and which of three is turned away is open.
            try (WsClient a = WsClient.connect(ws(full + "?userId=A"))) {
                a.awaitSync();
                WsClient b = WsClient.connect(ws(full + "?userId=B"));
                b.awaitSync();
                WsClient c = WsClient.connect(ws(full + "?userId=C"));
                assertEquals(1013, c.awaitClose().getCloseCode().getCode());
                c.close();
                assertTrue(a.isOpen() && b.isOpen(), "the members stay");
                b.close();
            }

            aReaderThatStopsReadingIsClosedWith1013();
            connectionLetGo.call();

            // 429 at the handshake past inkroom.limit.connections.per.address (all of these come from
            // one address), then 1001 for everyone connected when the server stops gracefully.
            awaitNoConnections();
            List<WsClient> crowd = new java.util.ArrayList<>();
            String stop = room("lim-stop");
            for (int i = 0; i < PER_ADDRESS; i++) {
                WsClient c = WsClient.connect(ws(stop + "-" + i + "?userId=M" + i));
                c.awaitSync();
                crowd.add(c);
            }
            assertEquals(429, handshakeStatus(ws(stop + "-over?userId=Over")));
            server.stop();
            for (WsClient c : crowd) {
                // On Liberty through the user feature usr:inkroomQuiesce-1.0: `server stop` drops
                // upgraded connections before the application's @PreDestroy runs (1006 without it).
                assertEquals(1001, c.awaitClose().getCloseCode().getCode());
                c.close();
            }
        } finally {
            server.stop();
            server.start(Map.of());
        }
    }

    /** With inkroom.outbox.capacity=64: a member that reads nothing more is dropped, the sender carries on. */
    private static void aReaderThatStopsReadingIsClosedWith1013() throws Exception {
        String room = room("lim-slow");
        double closedBefore = metric("inkroom_receivers_closed_total{code=\"1013\"}");
        try (WsClient alice = WsClient.connect(ws(room + "?userId=Alice"))) {
            alice.awaitSync();
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            WebSocket slow = HTTP.newWebSocketBuilder().buildAsync(ws(room + "?userId=Slow"), new WebSocket.Listener() {
                @Override
                public void onOpen(WebSocket w) {
                    w.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    return null; // no further request(): the socket stops being read
                }

                @Override
                public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                    closeCode.complete(statusCode);
                    return null;
                }
            }).get(20, TimeUnit.SECONDS);
            alice.next(m -> "join".equals(m.getString("type")), "Slow joins");
            floodUntilALeave(alice, "the stalled reader");
            slow.request(Long.MAX_VALUE); // read again: the close frame waits behind what was buffered
            switch (Target.CURRENT.name()) {
                // Undertow keeps the close frame behind the buffered data.
                case "wildfly" -> assertEquals(1013, closeCode.get(60, TimeUnit.SECONDS));
                case "liberty" -> {
                    int code = closeCode.get(60, TimeUnit.SECONDS);
                    assertTrue(code == 1013 || code == 1006, "1013, or 1006 where the close frame could not be written: " + code);
                }
                // Payara Micro, measured in three runs: 1006 twice, and once no end at all within 60 s
                // after the client read again (neither close frame nor TCP close). The server's side,
                // the member gone and the 1013 close counted, is what holds there (README, "What differs").
                default -> slow.abort();
            }
            assertTrue(alice.isOpen(), "the sender carries on");
        }
        assertTrue(metric("inkroom_receivers_closed_total{code=\"1013\"}") >= closedBefore + 1, "counted as a 1013 close");
    }

    /**
     * Sends ~400-byte strokes in bursts of 5,000 until the room's other member leaves (the socket
     * buffers fill within a few MB, then its outbox overflows); fails if it never does.
     */
    private static void floodUntilALeave(WsClient sender, String reader) {
        String pad = "p".repeat(100);
        int sent = 0;
        JsonObject left = null;
        while (left == null && sent < 60_000) {
            for (int i = 0; i < 5_000; i++, sent++) {
                sender.send(draw(line(pad + sent, sent % 1000, 1, 2, 3)));
            }
            left = nextLeave(sender, Duration.ofSeconds(5));
        }
        assertTrue(left != null, reader + " left the room after " + sent + " strokes");
    }

    /** The default {@code inkroom.send.timeout.ms}. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(20);

    /**
     * A member whose client never reads again (and never closes) is dropped with 1013, and the
     * server lets its connection go: no close handshake can finish, so the server must drop the
     * socket itself, within the send timeout (and a margin) of dropping the member (ConnectionRelease
     * on WildFly and Payara; without it WildFly would hold it without end, as Payara did). Otherwise every
     * such client would hold a socket and its unsent data for as long as it stays connected. Floods
     * until the drop and returns the check of the socket, to run later.
     */
    private static Callable<Void> aReaderThatNeverReadsAgainIsDroppedAndItsConnectionLetGo() throws Exception {
        String room = room("lim-gone");
        WsClient flooder = WsClient.connect(ws(room + "?userId=Flooder"));
        flooder.awaitSync();
        RawSocket gone = RawSocket.open(Target.PORT, "/ws/" + room + "?userId=Gone"); // reads nothing past the handshake
        flooder.next(m -> "join".equals(m.getString("type")), "Gone joins");
        // Found before the flood. A CI run on Payara looked for it only after the leave had arrived and
        // did not find it: let go already, or its row missed while the kernel's table changed.
        String socket = serverSocketOf(gone.localPort());
        assertTrue(socket != null, "the server's socket for the reader, once it has joined");
        floodUntilALeave(flooder, "the reader that never reads");
        long droppedAt = System.nanoTime();
        if (!Target.CURRENT.openSockets().contains(socket)) {
            System.out.println("LimitsIT: the dropped reader's connection was already let go when its leave arrived");
        }
        flooder.close();
        String serverSocket = socket;
        return () -> {
            try (gone) {
                // Measured: Liberty drops it itself 30 s after the drop, WildFly (ConnectionRelease) 20 s
                // after, Payara (the same) 42 s after. Without the release WildFly and Payara never do.
                long deadline = droppedAt + SEND_TIMEOUT.plusSeconds(40).toNanos();
                while (Target.CURRENT.openSockets().contains(serverSocket) && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                assertTrue(!Target.CURRENT.openSockets().contains(serverSocket),
                        "the server still holds the connection of the reader it dropped "
                                + Duration.ofNanos(System.nanoTime() - droppedAt).toSeconds() + " s ago:"
                                + Target.CURRENT.describeSockets(List.of(serverSocket)));
                System.out.println("LimitsIT: the dropped reader's connection was let go "
                        + Duration.ofNanos(System.nanoTime() - droppedAt).toMillis() + " ms after the drop");
            }
            return null;
        };
    }

    /**
     * The inode of the server's open socket whose peer is this local port, or null. Read a few times:
     * /proc/net/tcp is read in pieces, and a row can be missed while the table changes.
     */
    private static String serverSocketOf(int clientPort) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            Set<String> open = Target.CURRENT.openSockets();
            for (Target.KernelSocket s : Target.CURRENT.kernelSockets().values()) {
                if (s.localPort() == Target.PORT && s.remotePort() == clientPort && open.contains(s.inode())) {
                    return s.inode();
                }
            }
            Thread.sleep(250);
        }
        return null;
    }

    /** Members a node counts as connected fall to zero (closes finish on the server after the client's). */
    private static void awaitNoConnections() throws Exception {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (metric("inkroom_connections") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(0.0, metric("inkroom_connections"), "connections left from the checks before");
    }

    /** 101 if the WebSocket opened, else the HTTP status the server refused it with. */
    private static int handshakeStatus(URI uri) throws Exception {
        try {
            HTTP.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() { }).get(20, TimeUnit.SECONDS).abort();
            return 101;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException ce ? ce.getCause() : e.getCause();
            if (cause instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    /** The next {@code leave} within {@code wait}, skipping everything else; null if none. */
    private static JsonObject nextLeave(WsClient client, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject m = client.poll(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m != null && "leave".equals(m.getString("type", ""))) {
                return m;
            }
        }
        return null;
    }

    @Test
    void aMissingStoreIsSaidLoudlyAndReadinessIsDown() throws Exception {
        Target server = Target.CURRENT;
        server.stop();
        try {
            server.start(Map.of("INKROOM_STORE_JNDI", "java:comp/env/jdbc/inkroom-nowhere"));
            List<String> banner = server.awaitLog("INKROOM HAS NO CANVAS STORE", Duration.ofSeconds(30));
            assertTrue(!banner.isEmpty(), "the SEVERE banner");
            HttpResponse<String> ready = get("/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            JsonObject body;
            try (var r = Json.createReader(new StringReader(ready.body()))) {
                body = r.readObject();
            }
            assertTrue(body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .anyMatch(c -> "inkroom-store".equals(c.getString("name")) && "DOWN".equals(c.getString("status"))),
                    ready.body());
            assertEquals(200, get("/health/live").statusCode(), "alive: it serves, from memory");
        } finally {
            server.stop();
            server.start(Map.of());
        }
    }
}
