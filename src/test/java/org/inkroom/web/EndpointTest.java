package org.inkroom.web;

import static org.inkroom.testing.Frames.clear;
import static org.inkroom.testing.Frames.cursor;
import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.inkroom.protocol.Codec;
import org.inkroom.room.RoomId;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real endpoint on Tyrus's in-JVM server, driven by real WebSocket clients. */
class EndpointTest extends RoomTestBase {

    private static final Duration QUIET = Duration.ofMillis(300);





    @Test
    void joinerGetsSyncOthersGetJoinAndEveryoneGetsTheUserList() {
        WsClient alice = join("r?userId=Alice");
        JsonObject sync = alice.next("sync");
        assertEquals("Alice", sync.getString("userId"));
        assertEquals("Alice", sync.getJsonObject("data").getString("userId"));
        assertTrue(sync.getJsonObject("data").getString("color").matches("#[0-9a-f]{6}"));
        assertEquals(0, sync.getJsonObject("data").getJsonArray("elements").size());
        alice.next("userlist");

        WsClient bob = join("r?userId=Bob");
        String bobColor = bob.next("sync").getJsonObject("data").getString("color");
        JsonObject joined = alice.next("join");
        assertEquals("Bob", joined.getString("userId"));
        assertEquals(bobColor, joined.getJsonObject("data").getString("color"));
        JsonArray users = alice.next("userlist").getJsonArray("data");
        assertEquals(List.of("Alice", "Bob"), users.getValuesAs(JsonObject.class).stream().map(u -> u.getString("userId")).toList());
        assertEquals(2, bob.next("userlist").getJsonArray("data").size());

        bob.close();
        assertEquals("Bob", alice.next("leave").getString("userId"));
        assertEquals(1, alice.next("userlist").getJsonArray("data").size());
    }

    @Test
    void strokeReachesOnlyPeersInSameRoomAndNotTheSender() {
        WsClient alice = join("room-a?userId=Alice");
        String aliceId = alice.awaitSync();
        WsClient bob = join("room-a?userId=Bob");
        bob.awaitSync();
        WsClient carol = join("room-b?userId=Carol");
        carol.awaitSync();

        alice.send(draw("s1"));
        JsonObject got = bob.next("draw");
        assertEquals(aliceId, got.getString("userId"));
        assertEquals("s1", got.getJsonObject("data").getString("id"));
        assertEquals(1, got.getJsonNumber("seq").longValue());

        alice.expectNo("draw", QUIET);
        carol.expectNo("draw", QUIET);
    }

    @Test
    void lateJoinerGetsEveryElementInOrder() {
        WsClient alice = join("late?userId=Alice");
        alice.awaitSync();
        WsClient watcher = join("late?userId=Watcher");
        watcher.awaitSync();
        for (int i = 0; i < 200; i++) {
            alice.send(draw(line("e" + i, i, i, i + 1, i + 1)));
        }
        for (int i = 0; i < 200; i++) {
            JsonObject d = watcher.next("draw");
            assertEquals("e" + i, d.getJsonObject("data").getString("id"), "live order");
            assertEquals(i + 1, d.getJsonNumber("seq").longValue());
        }

        WsClient bob = join("late?userId=Bob");
        JsonObject sync = bob.next("sync").getJsonObject("data");
        JsonArray elements = sync.getJsonArray("elements");
        assertEquals(200, elements.size());
        for (int i = 0; i < 200; i++) {
            JsonObject e = elements.getJsonObject(i);
            assertEquals("e" + i, e.getString("id"));
            assertEquals(i, e.getJsonNumber("x1").doubleValue());
        }
        assertEquals(200, sync.getJsonNumber("seq").longValue());
    }

    @Test
    void spoofedUserIdsAreOverwritten() {
        WsClient alice = join("spoof?userId=Alice");
        String aliceId = alice.awaitSync();
        WsClient bob = join("spoof?userId=Bob");
        bob.awaitSync();

        Map<String, Object> element = line("x1", 1, 2, 3, 4);
        element.put("userId", "Bob");
        alice.send(Map.of("type", "draw", "userId", "Bob", "data", element));
        JsonObject got = bob.next("draw");
        assertEquals(aliceId, got.getString("userId"));
        assertEquals(aliceId, got.getJsonObject("data").getString("userId"));

        alice.send(Map.of("type", "cursor", "userId", "Bob", "data", Map.of("x", 5, "y", 6, "color", "#000000")));
        JsonObject c = bob.next("cursor");
        assertEquals(aliceId, c.getString("userId"));
        assertNotEquals("#000000", c.getJsonObject("data").getString("color"));
    }

    @Test
    void duplicateElementIdsAreStoredAndBroadcastOnce() {
        WsClient alice = join("dup?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("dup?userId=Bob");
        bob.awaitSync();

        alice.send(draw("same"));
        alice.send(draw(line("same", 100, 100, 200, 200)));
        alice.send(draw("other"));
        assertEquals("same", bob.next("draw").getJsonObject("data").getString("id"));
        assertEquals("other", bob.next("draw").getJsonObject("data").getString("id"));
        bob.expectNo("draw", QUIET);

        WsClient carol = join("dup?userId=Carol");
        JsonArray elements = carol.next("sync").getJsonObject("data").getJsonArray("elements");
        assertEquals(2, elements.size());
        assertEquals(10, elements.getJsonObject(0).getJsonNumber("x1").doubleValue(), "the first copy is kept");
    }

    @Test
    void userIdsAreMadeUniqueInTheRoomAndGeneratedWhenAbsent() {
        WsClient a = join("names?userId=Sam");
        assertEquals("Sam", a.awaitSync());
        WsClient b = join("names?userId=Sam");
        assertEquals("Sam_2", b.awaitSync());
        WsClient c = join("names");
        assertTrue(c.awaitSync().matches("user_[A-Za-z0-9]{6}"));
        WsClient d = join("names?userId=%3Cimg%20src%3Dx%3E");
        assertEquals("img srcx", d.awaitSync(), "markup characters are stripped, the space kept");
    }

    @Test
    void clearReachesEveryoneIncludingTheSenderAndEmptiesTheCanvas() {
        WsClient alice = join("clr?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("clr?userId=Bob");
        bob.awaitSync();
        alice.send(draw("a"));
        bob.next("draw");
        bob.send(clear());
        JsonObject mine = bob.next("clear");
        JsonObject theirs = alice.next("clear");
        assertEquals(2, theirs.getJsonNumber("seq").longValue());
        assertEquals(mine, theirs);

        WsClient carol = join("clr?userId=Carol");
        JsonObject sync = carol.next("sync").getJsonObject("data");
        assertEquals(0, sync.getJsonArray("elements").size());
        assertEquals(2, sync.getJsonNumber("seq").longValue());
    }

    @Test
    void cursorIsRelayedToOthersWithTheSendersColour() {
        WsClient alice = join("cur?userId=Alice");
        String color = alice.next("sync").getJsonObject("data").getString("color");
        WsClient bob = join("cur?userId=Bob");
        bob.awaitSync();
        alice.send(cursor(12.5, 40));
        JsonObject c = bob.next("cursor");
        assertEquals(12.5, c.getJsonObject("data").getJsonNumber("x").doubleValue());
        assertEquals(color, c.getJsonObject("data").getString("color"));
        alice.expectNo("cursor", QUIET);
    }

    static Stream<Arguments> badFrames() {
        Map<String, Object> bigId = line("x".repeat(129), 1, 1, 2, 2);
        Map<String, Object> nan = line("n", 1, 1, 2, 2);
        nan.put("x1", "NaN");
        Map<String, Object> far = line("far", 1, 1, 2e6, 2);
        Map<String, Object> color = line("c", 1, 1, 2, 2);
        color.put("strokeColor", "red");
        Map<String, Object> wide = line("w", 1, 1, 2, 2);
        wide.put("strokeWidth", 201);
        Map<String, Object> zero = line("z", 1, 1, 2, 2);
        zero.put("strokeWidth", 0);
        return Stream.of(
                Arguments.of("{not json", "malformed_json"),
                Arguments.of("[1,2,3]", "invalid_message"),
                Arguments.of("{\"data\":{}}", "invalid_message"),
                Arguments.of("{\"type\":\"paint\"}", "unknown_type"),
                Arguments.of("{\"type\":\"draw\",\"data\":{\"id\":\"o\",\"elementType\":\"line\",\"x1\":1e400,\"y1\":0,\"x2\":0,\"y2\":0,\"strokeColor\":\"#000000\",\"strokeWidth\":1}}", "invalid_element"),
                Arguments.of(Codec.toJson(draw(nan)), "invalid_element"),
                Arguments.of(Codec.toJson(draw(far)), "invalid_element"),
                Arguments.of(Codec.toJson(draw(color)), "invalid_element"),
                Arguments.of(Codec.toJson(draw(wide)), "invalid_element"),
                Arguments.of(Codec.toJson(draw(zero)), "invalid_element"),
                Arguments.of(Codec.toJson(draw(bigId)), "invalid_element"),
                Arguments.of("{\"type\":\"cursor\",\"data\":{\"x\":1}}", "invalid_cursor"));
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void badInputGetsAnErrorToTheSenderOnlyAndTheConnectionCarriesOn(String frame, String code) {
        WsClient alice = join("bad?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("bad?userId=Bob");
        bob.awaitSync();
        alice.drain();

        alice.sendText(frame);
        JsonObject error = alice.next("error");
        assertEquals(code, error.getJsonObject("data").getString("code"));
        assertFalse(error.getJsonObject("data").getString("message").isBlank());
        bob.expectNo("error", QUIET);

        alice.send(draw("fine"));
        assertEquals("fine", bob.next("draw").getJsonObject("data").getString("id"));
        assertTrue(alice.isOpen());
        assertEquals(1, server.registry().room(new RoomId("bad")).orElseThrow().elements().size());
    }

    @Test
    void oversizedFrameClosesWith1009AndTheRoomCarriesOn() {
        WsClient alice = join("big?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("big?userId=Bob");
        bob.awaitSync();
        Map<String, Object> element = line("big", 1, 1, 2, 2);
        element.put("padding", "x".repeat(70 * 1024));
        alice.sendTextExpectingClose(Codec.toJson(draw(element)));
        CloseReason reason = alice.awaitClose();
        assertEquals(1009, reason.getCloseCode().getCode());
        assertEquals("Alice", bob.next("leave").getString("userId"));
        WsClient carol = join("big?userId=Carol");
        carol.awaitSync();
        bob.send(draw("after"));
        assertEquals("after", carol.next("draw").getJsonObject("data").getString("id"));
        assertEquals(1, server.registry().room(new RoomId("big")).orElseThrow().elements().size());
    }

    @Test
    void invalidRoomIdIsRefusedWithPolicyViolation() {
        WsClient c = join("bad.room!?userId=x");
        assertEquals(1008, c.awaitClose().getCloseCode().getCode());
        assertEquals(0, server.registry().roomCount());
    }

    @Test
    void foreignOriginIsRefusedAndOwnOriginOrNoneIsAllowed() {
        WsClient evil = WsClient.connect(server.uri("o?userId=evil"), "http://evil.example");
        track(evil);
        CloseReason reason = evil.awaitClose();
        assertEquals(1008, reason.getCloseCode().getCode());
        assertTrue(reason.getReasonPhrase().contains("origin"));

        WsClient own = WsClient.connect(server.uri("o?userId=own"), "http://localhost:" + server.port());
        track(own);
        assertEquals("own", own.awaitSync());
        WsClient none = join("o?userId=tool");
        assertEquals("tool", none.awaitSync());
    }

    @Test
    void aBatchingClientGetsEveryMessageInOrderInFewerFrames() throws Exception {
        withoutSendLimits(); // 3,000 draws at once: faster than a person, on purpose
        WsClient alice = join("batch?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("batch?userId=Bob&batch=1");
        bob.awaitSync();
        WsClient seed = join("batch?userId=Seed");
        seed.awaitSync();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            alice.send(draw("b" + i));
        }
        for (int i = 0; i < n; i++) {
            assertEquals("b" + i, bob.next("draw").getJsonObject("data").getString("id"));
            assertEquals("b" + i, seed.next("draw").getJsonObject("data").getString("id"));
        }
        assertTrue(seed.frames() >= n, "a client that did not opt in gets one message per frame");
        assertTrue(bob.frames() <= seed.frames(), "batching never sends more frames: " + bob.frames() + " vs " + seed.frames());
    }

    @Test
    void shutdownClosesEverySessionWithGoingAway() {
        WsClient a = join("bye?userId=A");
        a.awaitSync();
        WsClient b = join("other?userId=B");
        b.awaitSync();
        server.shutdownCdi();
        assertEquals(1001, a.awaitClose().getCloseCode().getCode());
        assertEquals(1001, b.awaitClose().getCloseCode().getCode());
    }
}
