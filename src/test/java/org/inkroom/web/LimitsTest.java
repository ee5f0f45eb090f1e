package org.inkroom.web;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.inkroom.access.AccessSettings;
import org.inkroom.access.Links;
import org.inkroom.protocol.ErrorData;
import org.inkroom.room.Role;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomSettings;
import org.inkroom.protocol.Codec;
import org.inkroom.testing.Frames;
import org.inkroom.testing.RawSocket;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/** The abuse limits and links on the real endpoint (in-JVM); SecurityIT repeats the main ones on Liberty. */
class LimitsTest extends RoomTestBase {

    private static final String SECRET = "limits-test-secret-0123456789abcdef";

    @Test
    void aFlooderGetsTooManyOpsAndIsClosedWhileANormalMemberKeepsDrawing() throws Exception {
        WsClient artist = join("flood?userId=Artist&ack=1");
        WsClient watcher = join("flood?userId=Watcher");
        artist.awaitSync();
        watcher.awaitSync();
        // What the server logs when it closes a member for breaking the send policy.
        HostileInputTest.LogCapture roomLog = HostileInputTest.LogCapture.install("org.inkroom.room.Room", Level.INFO);
        // A raw socket writes as fast as the kernel takes frames.
        try (RawSocket flooder = RawSocket.open(server.port(), "/ws/flood?userId=Flood")) {
            var answers = flooder.flood(i -> Codec.toJson(draw(line("f" + i, i, 0, i, 1))), 20_000);
            for (int i = 0; i < 50; i++) {
                artist.send(draw(line("a" + i, i, 5, i, 6)));
                assertEquals("a" + i, artist.next("ack").getJsonObject("data").getString("id"));
            }
            assertTrue(answers.get(120, java.util.concurrent.TimeUnit.SECONDS).contains("\"code\":\"too_many_ops\""),
                    "the flooder was told why");
            List<String> closings = roomLog.messages();
            assertEquals(1, closings.stream().filter(l -> l.startsWith("Closing Flood ")
                            && l.endsWith(" in room flood: flooding: too many refused messages")).count(),
                    "the server closed the flooder for flooding, once: " + closings);
            if (flooder.closeCode() != 1008) {
                // The close frame can be lost: the server closes with the flood unread, so its kernel
                // resets the connection and drops what it had not sent yet, the close frame queued
                // behind up to 2,000 refusals the flooder was still reading (CI once; 6 of 120
                // repeats with the CPU busy).
                assertEquals(-1, flooder.closeCode(), "no other close code");
            }
        } finally {
            roomLog.remove();
        }
        // The watcher got every one of the artist's strokes; of the flood only what the bucket let through.
        int artistStrokes = 0;
        int floodStrokes = 0;
        for (JsonObject m; (m = watcher.poll(Duration.ofMillis(500))) != null; ) {
            if ("draw".equals(m.getString("type"))) {
                if (m.getString("userId").equals("Artist")) {
                    artistStrokes++;
                } else {
                    floodStrokes++;
                }
            }
        }
        assertEquals(50, artistStrokes);
        assertTrue(floodStrokes >= 480 && floodStrokes < 2_000, "the burst (480) and what refilled meanwhile: " + floodStrokes);
    }

    @Test
    void clearHasAStricterLimit() throws Exception {
        WsClient a = join("clears?userId=A");
        a.awaitSync();
        for (int i = 0; i < 8; i++) {
            a.send(Frames.clear());
        }
        int cleared = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            JsonObject m = a.next(f -> f.getString("type").equals("clear") || f.getString("type").equals("error"), "clear or error");
            if (m.getString("type").equals("clear")) {
                cleared++;
            } else {
                assertEquals(ErrorData.TOO_MANY_CLEARS, m.getJsonObject("data").getString("code"));
                refused++;
            }
        }
        assertEquals(5, cleared, "the default burst of clears");
        assertEquals(3, refused);
    }

    @Test
    void withLinksAViewerWatchesLiveButChangesNothing() throws Exception {
        restart(RoomSettings.defaults(), WebSettings.defaults(),
                AccessSettings.links(SECRET, Duration.ZERO));
        Links links = new Links(AccessSettings.links(SECRET, Duration.ZERO));
        RoomId room = new RoomId("linked");
        String editor = links.mint(room, Role.EDITOR, 0);
        String viewerToken = links.mint(room, Role.VIEWER, 0);

        WsClient ed = join("linked?userId=Ed&token=" + editor);
        JsonObject edSync = ed.next("sync");
        assertFalse(edSync.getJsonObject("data").containsKey("role"), "an editor's sync stays as the seed's");
        WsClient vi = join("linked?userId=Vi&token=" + viewerToken);
        assertEquals("viewer", vi.next("sync").getJsonObject("data").getString("role"));
        JsonObject users = ed.next(m -> m.getString("type").equals("userlist") && m.getJsonArray("data").size() == 2, "userlist of 2");
        for (JsonObject u : users.getJsonArray("data").getValuesAs(JsonObject.class)) {
            assertEquals(u.getString("userId").equals("Vi") ? "viewer" : null, u.getString("role", null), u.toString());
        }
        ed.send(draw(line("e1", 0, 0, 1, 1)));
        assertEquals("e1", vi.next("draw").getJsonObject("data").getString("id"), "viewers see strokes live");
        ed.send(Frames.cursor(3, 4));
        vi.next("cursor");

        for (Object op : List.of(draw(line("v1", 0, 0, 1, 1)), Frames.clear(), Frames.cursor(1, 1),
                Map.of("type", "erase", "data", Map.of("ids", List.of("e1"))),
                Map.of("type", "restore", "data", Map.of("ids", List.of("e1"))),
                Map.of("type", "update", "data", Map.of("id", "e1", "from", 2, "points", List.of(List.of(5, 5)))))) {
            vi.send(op);
            assertEquals(ErrorData.READ_ONLY, vi.next("error").getJsonObject("data").getString("code"), op.toString());
        }
        ed.expectNo("draw", Duration.ofMillis(300));
        assertEquals(1, server.registry().room(room).orElseThrow().elements().size(), "the viewer changed nothing");
    }

    @Test
    void withLinksABadOrMissingTokenNeverJoins() throws Exception {
        restart(RoomSettings.defaults(), WebSettings.defaults(),
                AccessSettings.links(SECRET, Duration.ZERO));
        Links links = new Links(AccessSettings.links(SECRET, Duration.ZERO));
        String otherRoom = links.mint(new RoomId("elsewhere"), Role.EDITOR, 0);
        String expired = links.mint(new RoomId("locked"), Role.EDITOR, 1);
        for (String query : List.of("", "&token=" + otherRoom, "&token=" + expired, "&token=e.0.forged")) {
            WsClient c = join("locked?userId=X" + query);
            assertEquals(1008, c.awaitClose().getCloseCode().getCode(), query);
        }
        assertTrue(server.registry().room(new RoomId("locked")).isEmpty(), "no room was even opened");
    }

    @Test
    void connectionsPerAddressAreCappedBehindATrustedProxyHeader() throws Exception {
        restart(RoomSettings.defaults(), WebSettings.defaults()
                .withConnections(ConnectionLimits.defaults().withPerAddress(3).withAddressHeader("X-Forwarded-For")));
        List<WsClient> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WsClient c = track(WsClient.connect(server.uri("nat?userId=p" + i), Map.of("X-Forwarded-For", "198.51.100.7, 10.0.0.1")));
            c.awaitSync();
            first.add(c);
        }
        WsClient fourth = track(WsClient.connect(server.uri("nat?userId=p4"), Map.of("X-Forwarded-For", "198.51.100.7, 10.0.0.1")));
        assertEquals(1008, fourth.awaitClose().getCloseCode().getCode());
        WsClient otherAddress = track(WsClient.connect(server.uri("nat?userId=q"), Map.of("X-Forwarded-For", "10.0.0.2")));
        otherAddress.awaitSync();
        first.get(0).close();
        first.get(0).awaitClose();
        WsClient again = null;
        for (int attempt = 0; attempt < 50 && again == null; attempt++) { // the server counts the close out asynchronously
            WsClient c = track(WsClient.connect(server.uri("nat?userId=p5"), Map.of("X-Forwarded-For", "10.0.0.1")));
            if (c.next(m -> true, "sync or close", Duration.ofSeconds(2)) != null && c.isOpen()) {
                again = c;
            } else {
                Thread.sleep(100);
            }
        }
        assertTrue(again != null && again.isOpen(), "a slot freed by a close is usable again");
    }

    @Test
    void aNodeCapsItsRoomsAndMembersWith1013() throws Exception {
        restart(RoomSettings.defaults().withNodeCaps(2, 3), WebSettings.defaults());
        join("r1?userId=a").awaitSync();
        join("r2?userId=b").awaitSync();
        CloseReason thirdRoom = join("r3?userId=c").awaitClose();
        assertEquals(1013, thirdRoom.getCloseCode().getCode());
        assertTrue(thirdRoom.getReasonPhrase().contains("rooms"), thirdRoom.getReasonPhrase());
        join("r1?userId=d").awaitSync();
        CloseReason fourthMember = join("r2?userId=e").awaitClose();
        assertEquals(1013, fourthMember.getCloseCode().getCode());
        assertTrue(fourthMember.getReasonPhrase().contains("members"), fourthMember.getReasonPhrase());
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosedAndLeavesWhileALiveOneStays() throws Exception {
        restart(RoomSettings.defaults(), WebSettings.defaults()
                .withConnections(ConnectionLimits.defaults().withPings(Duration.ofMillis(500), Duration.ofSeconds(2))));
        WsClient live = join("pings?userId=Live");
        live.awaitSync();
        try (RawSocket dead = RawSocket.open(server.port(), "/ws/pings?userId=Dead")) {
            live.next(m -> m.getString("type").equals("join") && m.getString("userId").equals("Dead"), "Dead joins");
            // Dead reads nothing and answers no ping from here on.
            JsonObject left = live.next(m -> m.getString("type").equals("leave"), "Dead leaves", Duration.ofSeconds(15));
            assertEquals("Dead", left.getString("userId"));
        }
        assertTrue(live.isOpen(), "a client that answers pings stays, idle or not");
        assertNull(live.closeReason());
    }

    @Test
    void aPeerThatKeepsTalkingIsNotPingedWhileASilentOneIs() throws Exception {
        // Interval 1 s, timeout 5 s: a connection heard from in the last 500 ms needs no ping.
        restart(RoomSettings.defaults(), WebSettings.defaults()
                .withConnections(ConnectionLimits.defaults().withPings(Duration.ofSeconds(1), Duration.ofSeconds(5))));
        try (RawSocket talker = RawSocket.open(server.port(), "/ws/talk?userId=Talker");
             RawSocket silent = RawSocket.open(server.port(), "/ws/talk?userId=Silent")) {
            long end = System.nanoTime() + Duration.ofMillis(3200).toNanos();
            for (int i = 0; System.nanoTime() < end; i++) {
                talker.sendText(Codec.toJson(Frames.cursor(i, i)));
                talker.readAll(Duration.ofMillis(100));
            }
            silent.readAll(Duration.ofMillis(100));
            assertEquals(0, talker.pings(), "a connection that talks shows it is alive without a ping");
            assertTrue(silent.pings() >= 2, "a silent connection is pinged every interval: " + silent.pings());
            assertTrue(talker.closeCode() < 0 && silent.closeCode() < 0, "both are still open");
        }
    }
}
