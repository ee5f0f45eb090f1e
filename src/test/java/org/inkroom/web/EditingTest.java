package org.inkroom.web;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/** Freehand paths that grow, shapes, text, erase and restore: the protocol additions, end to end. */
class EditingTest extends RoomTestBase {

    private static final Duration QUIET = Duration.ofMillis(300);





    private static Map<String, Object> path(String id, double[][] points) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", id);
        e.put("elementType", "path");
        e.put("points", points);
        e.put("strokeColor", "#1971c2");
        e.put("strokeWidth", 3);
        return e;
    }

    private static Map<String, Object> update(String id, int from, double[][] points, String op) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("from", from);
        data.put("points", points);
        if (op != null) {
            data.put("op", op);
        }
        return Map.of("type", "update", "data", data);
    }

    private static Map<String, Object> ids(String type, String op, String... ids) {
        return Map.of("type", type, "data", Map.of("ids", List.of(ids), "op", op));
    }

    private static List<String> ids(JsonArray elements) {
        return elements.getValuesAs(JsonObject.class).stream().map(e -> e.getString("id")).toList();
    }

    @Test
    void aFreehandPathGrowsLiveAndAResentUpdateAddsNothing() {
        WsClient alice = join("path?userId=Alice&ack=1");
        alice.awaitSync();
        WsClient bob = join("path?userId=Bob");
        bob.awaitSync();

        alice.send(draw(path("p1", new double[][] {{0, 0}, {1, 1}})));
        alice.send(update("p1", 2, new double[][] {{2, 2, 0.5}, {3, 3}, {4, 4}}, "u1"));
        assertEquals(2, bob.next("draw").getJsonObject("data").getJsonArray("points").size());
        JsonObject grown = bob.next("update");
        assertEquals("Alice", grown.getString("userId"));
        assertEquals(2, grown.getJsonObject("data").getInt("from"));
        assertEquals(3, grown.getJsonObject("data").getJsonArray("points").size());
        assertEquals(0.5, grown.getJsonObject("data").getJsonArray("points").getJsonArray(0).getJsonNumber(2).doubleValue());
        alice.next("ack");
        JsonObject ack = alice.next("ack");
        assertEquals("u1", ack.getJsonObject("data").getString("op"));
        assertEquals(2, ack.getJsonObject("data").getInt("seq"));

        // After a reconnect the page resends everything from 0: only what is new is applied.
        alice.send(update("p1", 0, new double[][] {{0, 0}, {1, 1}, {2, 2, 0.5}, {3, 3}, {4, 4}, {5, 5}}, "u2"));
        JsonObject onlyNew = bob.next("update");
        assertEquals(5, onlyNew.getJsonObject("data").getInt("from"));
        assertEquals(1, onlyNew.getJsonObject("data").getJsonArray("points").size());
        alice.send(update("p1", 0, new double[][] {{0, 0}, {1, 1}}, "u3"));
        bob.expectNo("update", QUIET);

        JsonObject late = join("path?userId=Carol").next("sync");
        assertEquals(6, late.getJsonObject("data").getJsonArray("elements").getJsonObject(0).getJsonArray("points").size());
    }

    @Test
    void onlyTheAuthorExtendsAPathAndNotBeyondItsEnd() {
        WsClient alice = join("own?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("own?userId=Bob");
        bob.awaitSync();
        alice.send(draw(path("p", new double[][] {{0, 0}})));
        bob.next("draw");
        bob.send(update("p", 1, new double[][] {{9, 9}}, null));
        assertEquals("not_allowed", bob.next("error").getJsonObject("data").getString("code"));
        alice.send(update("p", 3, new double[][] {{9, 9}}, "u-far"));
        JsonObject refused = alice.next("error").getJsonObject("data");
        assertEquals("invalid_update", refused.getString("code"));
        assertEquals("u-far", refused.getString("op"), "the refused op is named so the client can drop it");
        alice.send(update("nope", 0, new double[][] {{9, 9}}, null));
        assertEquals("invalid_update", alice.next("error").getJsonObject("data").getString("code"));
        bob.expectNo("update", QUIET);
    }

    @Test
    void eraseRemovesForEveryoneAndRestoreBringsElementsBackInTheirPlace() {
        WsClient alice = join("erase?userId=Alice&ack=1");
        alice.awaitSync();
        WsClient bob = join("erase?userId=Bob&ack=1");
        bob.awaitSync();
        for (String id : List.of("a1", "a2", "a3")) {
            alice.send(draw(id));
            bob.next("draw");
        }
        bob.send(ids("erase", "e1", "a1", "a2", "missing"));
        JsonObject erased = alice.next("erase");
        assertEquals(List.of("a1", "a2"), erased.getJsonObject("data").getJsonArray("ids").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals("Bob", erased.getString("userId"));
        assertEquals("e1", bob.next("ack").getJsonObject("data").getString("op"));
        assertEquals(List.of("a3"), ids(join("erase?userId=C1").next("sync").getJsonObject("data").getJsonArray("elements")));

        bob.send(ids("restore", "r1", "a1"));
        JsonObject restored = alice.next("restore");
        assertEquals(List.of("a1"), ids(restored.getJsonObject("data").getJsonArray("elements")));
        assertEquals("r1", bob.next("ack").getJsonObject("data").getString("op"));
        assertEquals(List.of("a1", "a3"), ids(join("erase?userId=C2").next("sync").getJsonObject("data").getJsonArray("elements")),
                "a restored element keeps its place in the drawing order");

        bob.send(ids("erase", "e2", "a2")); // already erased: nothing to tell anyone, still acknowledged
        assertEquals("e2", bob.next("ack").getJsonObject("data").getString("op"));
        alice.expectNo("erase", QUIET);
    }

    @Test
    void aResumingClientLearnsOfErasesAndGrownPaths() {
        WsClient alice = join("res?userId=Alice&ack=1");
        alice.awaitSync();
        alice.send(draw(path("p", new double[][] {{0, 0}})));
        alice.send(draw("keep"));
        alice.send(draw("goner"));
        alice.next("ack");
        alice.next("ack");
        alice.next("ack");
        WsClient bob = join("res?userId=Bob");
        JsonObject first = bob.next("sync").getJsonObject("data");
        long seq = first.getJsonNumber("seq").longValue();
        String epoch = first.getString("epoch");
        bob.close();

        alice.send(update("p", 1, new double[][] {{1, 1}}, "u"));
        alice.send(ids("erase", "e", "goner"));
        alice.next("ack");
        alice.next("ack");
        JsonObject delta = join("res?userId=Bob&since=" + seq + "&epoch=" + epoch).next("sync").getJsonObject("data");
        assertEquals(seq, delta.getJsonNumber("since").longValue());
        assertEquals(List.of("p"), ids(delta.getJsonArray("elements")));
        assertEquals(2, delta.getJsonArray("elements").getJsonObject(0).getJsonArray("points").size());
        assertEquals("goner", delta.getJsonArray("erased").getString(0));
    }

    @Test
    void shapesAndTextAreStoredAndBroadcastAndBadOnesRefused() {
        WsClient alice = join("shapes?userId=Alice");
        alice.awaitSync();
        WsClient bob = join("shapes?userId=Bob");
        bob.awaitSync();
        Map<String, Object> rect = line("r", 0, 0, 50, 30);
        rect.put("elementType", "rect");
        Map<String, Object> ellipse = line("o", 10, 10, 60, 40);
        ellipse.put("elementType", "ellipse");
        Map<String, Object> text = new LinkedHashMap<>();
        text.put("id", "t");
        text.put("elementType", "text");
        text.put("x1", 5);
        text.put("y1", 6);
        text.put("text", "Hello <b>board</b>");
        text.put("fontSize", 24);
        text.put("strokeColor", "#111111");
        for (Map<String, Object> e : List.of(rect, ellipse, text)) {
            alice.send(draw(e));
            assertEquals(e.get("elementType"), bob.next("draw").getJsonObject("data").getString("elementType"));
        }
        Map<String, Object> huge = new LinkedHashMap<>(text);
        huge.put("id", "t2");
        huge.put("fontSize", 1000);
        alice.send(draw(huge));
        assertEquals("invalid_element", alice.next("error").getJsonObject("data").getString("code"));
        JsonObject sync = join("shapes?userId=C").next("sync").getJsonObject("data");
        assertEquals("Hello <b>board</b>", sync.getJsonArray("elements").getJsonObject(2).getString("text"));
        assertFalse(sync.getJsonArray("elements").getJsonObject(2).containsKey("op"));
    }
}
