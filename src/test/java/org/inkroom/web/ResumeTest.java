package org.inkroom.web;

import static org.inkroom.testing.Frames.clear;
import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.inkroom.room.RoomId;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/** Acknowledged operations and gap-free resume, through the real endpoint. */
class ResumeTest extends RoomTestBase {





    private static List<String> ids(JsonObject sync) {
        return sync.getJsonObject("data").getJsonArray("elements").getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("id")).toList();
    }

    @Test
    void acceptedDrawsAreAcknowledgedToSendersThatAskForIt() {
        WsClient alice = join("ack?userId=Alice&ack=1");
        alice.awaitSync();
        WsClient bob = join("ack?userId=Bob");
        bob.awaitSync();
        alice.send(draw("a1"));
        JsonObject ack = alice.next("ack");
        assertEquals("a1", ack.getJsonObject("data").getString("id"));
        assertEquals(1, ack.getJsonObject("data").getInt("seq"));
        assertFalse(ack.containsKey("userId"));

        bob.send(draw("b1"));
        assertEquals("b1", alice.next("draw").getJsonObject("data").getString("id"));
        bob.expectNo("ack", Duration.ofMillis(300)); // seed clients get no frame type they did not ask for
    }

    @Test
    void aResentElementIsStoredOnceAndAcknowledgedWithItsOriginalSequence() {
        WsClient alice = join("resend?userId=Alice&ack=1");
        alice.awaitSync();
        alice.send(draw("x"));
        alice.send(draw("y"));
        alice.send(draw("x"));
        assertEquals(1, alice.next("ack").getJsonObject("data").getInt("seq"));
        assertEquals(2, alice.next("ack").getJsonObject("data").getInt("seq"));
        JsonObject again = alice.next("ack");
        assertEquals("x", again.getJsonObject("data").getString("id"));
        assertEquals(1, again.getJsonObject("data").getInt("seq"));
        assertEquals(2, server.registry().room(new RoomId("resend")).orElseThrow().elements().size());
    }

    @Test
    void aReconnectingClientGetsOnlyWhatItMissed() {
        WsClient alice = join("gap?userId=Alice&ack=1");
        alice.awaitSync();
        for (int i = 1; i <= 5; i++) {
            alice.send(draw("before" + i));
            alice.next("ack");
        }
        WsClient bob = join("gap?userId=Bob");
        JsonObject first = bob.next("sync");
        long seq = first.getJsonObject("data").getJsonNumber("seq").longValue();
        String epoch = first.getJsonObject("data").getString("epoch");
        assertEquals(5, seq);
        bob.close();

        for (int i = 1; i <= 3; i++) {
            alice.send(draw("missed" + i));
            alice.next("ack");
        }
        WsClient bobAgain = join("gap?userId=Bob&since=" + seq + "&epoch=" + epoch);
        JsonObject delta = bobAgain.next("sync");
        assertEquals(5, delta.getJsonObject("data").getInt("since"));
        assertEquals(8, delta.getJsonObject("data").getInt("seq"));
        assertEquals(List.of("missed1", "missed2", "missed3"), ids(delta));
    }

    @Test
    void aStaleEpochOrAResumePointBeforeAClearGetsAFullSync() {
        WsClient alice = join("stale?userId=Alice&ack=1");
        String epoch = alice.next("sync").getJsonObject("data").getString("epoch");
        alice.send(draw("a"));
        alice.next("ack");

        JsonObject otherEpoch = join("stale?userId=X&since=0&epoch=nope").next("sync");
        assertFalse(otherEpoch.getJsonObject("data").containsKey("since"));
        assertEquals(List.of("a"), ids(otherEpoch));

        alice.send(clear());
        alice.next("clear");
        alice.send(draw("b"));
        alice.next("ack");
        JsonObject beforeClear = join("stale?userId=Y&since=1&epoch=" + epoch).next("sync");
        assertFalse(beforeClear.getJsonObject("data").containsKey("since"), "the clear is not replayable: full sync");
        assertEquals(List.of("b"), ids(beforeClear));

        JsonObject future = join("stale?userId=Z&since=99&epoch=" + epoch).next("sync");
        assertFalse(future.getJsonObject("data").containsKey("since"));
    }

    @Test
    void aClientThatDropsMidStrokeAndResendsEndsWithTheSameCanvasAsEveryoneElse() {
        WsClient bob = join("drop?userId=Bob");
        bob.awaitSync();
        WsClient alice = join("drop?userId=Alice&ack=1");
        JsonObject sync = alice.next("sync");
        String epoch = sync.getJsonObject("data").getString("epoch");

        // Alice draws a 40-segment stroke and the connection dies after an unknown number arrived.
        Set<String> unacked = new LinkedHashSet<>();
        long lastSeq = 0;
        for (int i = 0; i < 40; i++) {
            String id = "stroke-" + i;
            unacked.add(id);
            alice.send(draw(line(id, i, i, i + 1, i + 1)));
            if (i == 10) {
                JsonObject ack = alice.next("ack"); // at least one acknowledged before the drop
                unacked.remove(ack.getJsonObject("data").getString("id"));
                lastSeq = ack.getJsonObject("data").getJsonNumber("seq").longValue();
            }
        }
        alice.close();

        // The page's behaviour: reconnect from the last seq it knows, then resend every unacked element.
        WsClient again = join("drop?userId=Alice&ack=1&since=" + lastSeq + "&epoch=" + epoch);
        JsonObject delta = again.next("sync");
        Set<String> aliceCanvas = new LinkedHashSet<>();
        for (int i = 0; i <= 10; i++) {
            aliceCanvas.add("stroke-" + i); // drawn locally before the drop, the first 11 acked or in flight
        }
        aliceCanvas.addAll(ids(delta));
        for (String id : unacked) {
            int i = Integer.parseInt(id.substring("stroke-".length()));
            again.send(draw(line(id, i, i, i + 1, i + 1)));
            aliceCanvas.add(id);
        }
        for (int i = 0; i < unacked.size(); i++) {
            again.next("ack");
        }
        List<String> server = this.server.registry().room(new RoomId("drop")).orElseThrow().elements()
                .stream().map(e -> e.id()).toList();
        assertEquals(40, server.size(), "every segment stored exactly once");
        assertEquals(aliceCanvas, new java.util.HashSet<>(server));

        WsClient carol = join("drop?userId=Carol");
        assertEquals(40, ids(carol.next("sync")).size());
        Set<String> bobSaw = new LinkedHashSet<>();
        while (bobSaw.size() < 40) {
            bobSaw.add(bob.next("draw").getJsonObject("data").getString("id"));
        }
        assertTrue(bobSaw.containsAll(server));
    }
}
