package org.inkroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ErrorData;
import org.junit.jupiter.api.Test;

/**
 * The canvas kept in its compact table: ids found among colliding hashes and non-ASCII text,
 * elements larger than a chunk, paths extended after they left the kept ones, replaced JSON
 * reclaimed, and a sync that always matches the canvas's elements.
 */
class CanvasTest {

    private long seq;

    private static Element line(String id) {
        return Element.line(id, 1, 2, 3, 4, "#336699", 2, "alice").owned("alice");
    }

    private static double[][] points(int n, int from) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new double[] {from + i + 0.123456, -(from + i + 0.123456)}; // ~26 bytes a point
        }
        return p;
    }

    private Canvas.Applied apply(Canvas canvas, String user, Op op) {
        return canvas.apply(++seq, user, op, true);
    }

    private static JsonObject syncData(Canvas canvas, JoinOptions options) {
        String text = canvas.syncText("bob", "#000000", options);
        return Json.createReader(new StringReader(text)).readObject().getJsonObject("data");
    }

    /** The sync's elements, read back, equal the canvas's own list (and so the elements drawn). */
    private static void assertSyncMatches(Canvas canvas) {
        JsonArray synced = syncData(canvas, JoinOptions.SEED).getJsonArray("elements");
        List<Element> fromSync = new ArrayList<>();
        for (int i = 0; i < synced.size(); i++) {
            fromSync.add(Codec.fromJson(synced.getJsonObject(i).toString(), Element.class));
        }
        assertEquals(canvas.elements(), fromSync);
    }

    @Test
    void idsWithTheSameHashAndNonAsciiIdsAreToldApart() {
        Canvas canvas = new Canvas(10_000, "e");
        List<String> ids = List.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa", "é", "ü🎨", "\u00e9\u00e9");
        assertEquals("Aa".hashCode(), "BB".hashCode());
        for (String id : ids) {
            assertTrue(apply(canvas, "alice", new Op.Draw(line(id))).changed(), id);
        }
        for (String id : ids) {
            assertInstanceOf(Canvas.Known.class, canvas.evaluate("alice", new Op.Draw(line(id))), id);
        }
        assertInstanceOf(Canvas.Change.class, canvas.evaluate("alice", new Op.Draw(line("CC"))));
        assertEquals(ids, canvas.elements().stream().map(Element::id).toList(), "drawing order");
        assertSyncMatches(canvas);
    }

    @Test
    void textHoldingThePackedPiecesOfJsonComesBackUnchanged() {
        Canvas canvas = new Canvas(10_000, "e");
        String tricky = "{\"id\":\" \",\"elementType\":\" \",\"x1\": ,\"y1\": ],[ ,\"userId\":\" ,\"points\":[[ é 🎨 \\";
        Element text = new Element("t],[1", "text", 5, 6, Element.ABSENT, Element.ABSENT, null, tricky, 14, "#AbCdEf", 1,
                "alice", null).owned("alice");
        apply(canvas, "alice", new Op.Draw(text));
        apply(canvas, "alice", new Op.Draw(line("{\"id\":\"")));
        assertEquals(List.of(text, line("{\"id\":\"")), canvas.elements());
        assertInstanceOf(Canvas.Known.class, canvas.evaluate("alice", new Op.Draw(line("{\"id\":\""))));
        assertSyncMatches(canvas);
    }

    @Test
    void manyElementsAcrossChunksAndIndexGrowthAllStayFindable() {
        Canvas canvas = new Canvas(100_000, "e");
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            apply(canvas, "alice", new Op.Draw(line("id-" + i)));
        }
        assertEquals(n, canvas.size());
        for (int i = 0; i < n; i += 97) {
            Canvas.Outcome again = canvas.evaluate("alice", new Op.Draw(line("id-" + i)));
            assertEquals(new Canvas.Known(i + 1), again, "the draw's own seq");
        }
        assertSyncMatches(canvas);
        // Held, slack included: packed JSON (~60 bytes a line), the id, arrays and index: 135 bytes a
        // line here, where the five objects an element was kept as took about 230.
        assertTrue(canvas.approximateBytes() > n * 100L && canvas.approximateBytes() < n * 200L, "bytes held: " + canvas.approximateBytes());
    }

    @Test
    void aPathLargerThanAChunkAndPathsExtendedAfterLeavingTheKeptOnesStayWhole() {
        Canvas canvas = new Canvas(10_000, "e");
        // ~130 kB of JSON: more than the largest chunk
        apply(canvas, "alice", new Op.Draw(Element.path("big", points(5000, 0), "#123456", 3, "alice").owned("alice")));
        int paths = 200; // more than the canvas keeps as objects, so most are read back from their JSON
        for (int p = 0; p < paths; p++) {
            apply(canvas, "alice", new Op.Draw(Element.path("p" + p, points(2, 0), "#123456", 3, "alice").owned("alice")));
        }
        for (int round = 0; round < 30; round++) { // enough replaced JSON to be reclaimed more than once
            for (int p = 0; p < paths; p++) {
                int have = 2 + round * 3;
                Canvas.Applied a = apply(canvas, "alice", new Op.Update("p" + p, have, points(3, have)));
                assertTrue(a.changed(), "p" + p + " round " + round);
            }
        }
        List<Element> elements = canvas.elements();
        assertEquals(5000, elements.get(0).pointCount());
        for (int p = 0; p < paths; p++) {
            Element path = elements.get(p + 1);
            assertEquals("p" + p, path.id());
            assertEquals(2 + 30 * 3, path.pointCount());
            for (int i = 0; i < path.pointCount(); i++) {
                assertEquals(i + 0.123456, path.points()[i][0], "point " + i + " of p" + p);
            }
        }
        assertSyncMatches(canvas);
        assertInstanceOf(Canvas.Refused.class, canvas.evaluate("bob", new Op.Update("p3", 92, points(1, 92))),
                "another member cannot extend alice's path, even one read back");
        assertEquals(new Canvas.Refused(ErrorData.INVALID_UPDATE, "from 99 is beyond the path's 92 points"),
                canvas.evaluate("alice", new Op.Update("p3", 99, points(1, 0))));
    }

    @Test
    void eraseRestoreAndResumeFollowTheDrawingOrder() {
        Canvas canvas = new Canvas(10_000, "e");
        for (String id : List.of("a", "b", "c", "d")) {
            apply(canvas, "alice", new Op.Draw(line(id)));
        }
        apply(canvas, "alice", new Op.Erase(List.of("c", "a", "c")));
        assertEquals(List.of("b", "d"), canvas.elements().stream().map(Element::id).toList());
        long before = seq;
        Canvas.Applied restored = apply(canvas, "alice", new Op.Restore(List.of("c", "a", "zz")));
        assertEquals(new Canvas.Change(new Op.Restore(List.of("a", "c"))), restored.outcome(), "drawing order");
        assertTrue(restored.text().contains("\"id\":\"a\""), restored.text());
        apply(canvas, "alice", new Op.Erase(List.of("b")));
        JsonObject resume = syncData(canvas, new JoinOptions(true, before, "e"));
        assertEquals(List.of("a", "c"), resume.getJsonArray("elements").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("id")).toList());
        assertEquals(List.of("b"), resume.getJsonArray("erased").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        assertSyncMatches(canvas);
    }

    @Test
    void aClearForgetsEverythingAndTheRoomFillsAgainToItsLimit() {
        Canvas canvas = new Canvas(3, "e");
        for (String id : List.of("a", "b", "c")) {
            apply(canvas, "alice", new Op.Draw(line(id)));
        }
        assertInstanceOf(Canvas.Refused.class, canvas.evaluate("alice", new Op.Draw(line("d"))));
        apply(canvas, "alice", new Op.Clear());
        assertEquals(0, canvas.size());
        assertInstanceOf(Canvas.Change.class, canvas.evaluate("alice", new Op.Draw(line("a"))), "ids are free again");
        for (String id : List.of("x", "a", "y")) {
            apply(canvas, "alice", new Op.Draw(line(id)));
        }
        assertEquals(List.of("x", "a", "y"), canvas.elements().stream().map(Element::id).toList());
        assertSyncMatches(canvas);
    }
}
