package org.inkroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.inkroom.protocol.Element;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.Op;
import org.inkroom.room.RoomId;
import org.junit.jupiter.api.Test;

/** The embedded H2's grouped layout: commit rows, the fold into rows per room, and what a load sees. */
class GroupedOpsTest {

    private static final RoomId A = new RoomId("room-a");
    private static final RoomId B = new RoomId("room-b");

    private static Element line(String id, double x) {
        return Element.line(id, x, 0.0, x + 1, 1.0, "#336699", 3.0, "alice");
    }

    /** A path of {@code n} points: about 12 chars of JSON per point. */
    private static Element path(String id, int n) {
        double[][] points = new double[n][];
        for (int i = 0; i < n; i++) {
            points[i] = new double[] {i, i % 97};
        }
        return Element.path(id, points, "#000000", 2, "alice");
    }

    private static List<String> ids(CanvasStore.History h) {
        return h.ops().stream().map(o -> ((Op.Draw) o.op()).element().id()).toList();
    }

    private static List<String> expected(String prefix, int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> prefix + i).toList();
    }

    /** A store that commits each group to the database, not to the journal: these tests watch the layout's commit rows. */
    private static JdbcCanvasStore direct(DataSource ds) {
        return new JdbcCanvasStore(ds, JdbcCanvasStore.DEFAULT_COMMIT_INTERVAL, org.inkroom.room.RoomEvents.NONE, false);
    }

    @Test
    void aCommitWritesOneRowForAllRoomsAndTheFoldMovesItIntoOneRowPerRoom() {
        try (Databases.Fresh fresh = Databases.H2.fresh(); JdbcCanvasStore store = direct(fresh.dataSource())) {
            store.load(A);
            store.load(B);
            for (int i = 1; i <= 300; i++) {
                store.append(A, i, new Op.Draw(line("a" + i, i)));
                store.append(B, i, new Op.Draw(line("b" + i, i)));
            }
            store.flush();
            long commits = count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_commit");
            assertTrue(commits >= 1 && commits <= 3, "600 ops of two rooms in a few commit rows, not 600: " + commits);
            assertEquals(0, count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_op"));
            assertEquals(expected("a", 1, 300), ids(store.load(A)), "a load reads the unfolded commit rows");

            store.upkeepNow();
            assertEquals(0, count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_commit"), "folded away");
            assertEquals(1, count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_segment WHERE room_id = 'room-a'"));
            assertEquals(1, count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_segment WHERE room_id = 'room-b'"));
            assertEquals(expected("a", 1, 300), ids(store.load(A)));
            assertEquals(expected("b", 1, 300), ids(store.load(B)));
        }
    }

    @Test
    void aLoadJoinsFoldedAndUnfoldedOpsInOrderAcrossARestart() {
        try (Databases.Fresh fresh = Databases.H2.fresh()) {
            try (JdbcCanvasStore store = direct(fresh.dataSource())) {
                store.load(A);
                for (int i = 1; i <= 100; i++) {
                    store.append(A, i, new Op.Draw(line("a" + i, i)));
                }
                store.upkeepNow();
                for (int i = 101; i <= 150; i++) {
                    store.append(A, i, new Op.Draw(line("a" + i, i)));
                }
                store.flush();
                assertTrue(count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_commit") > 0, "the last 50 are not folded");
                assertEquals(expected("a", 1, 150), ids(store.load(A)));
            }
            try (JdbcCanvasStore reopened = direct(fresh.dataSource())) {
                CanvasStore.History h = reopened.load(A);
                assertEquals(150, h.seq());
                assertEquals(expected("a", 1, 150), ids(h));
            }
        }
    }

    @Test
    void repeatedFoldsOfAQuietRoomGrowItsLastRowInsteadOfAddingRows() {
        try (Databases.Fresh fresh = Databases.H2.fresh(); JdbcCanvasStore store = direct(fresh.dataSource())) {
            store.load(A);
            int seq = 0;
            for (int fold = 0; fold < 20; fold++) {
                for (int i = 0; i < 2; i++) {
                    seq++;
                    store.append(A, seq, new Op.Draw(line("a" + seq, seq)));
                }
                store.upkeepNow();
            }
            // 40 lines of about 150 chars: within one segment's tail limit.
            assertTrue(count(fresh.dataSource(), "SELECT SUM(LENGTH(body)) FROM inkroom_segment") <= GroupedOps.TAIL_CHARS);
            assertEquals(1, count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_segment WHERE room_id = 'room-a'"));
            assertEquals(expected("a", 1, 40), ids(store.load(A)));
        }
    }

    @Test
    void bigOpsSpreadOverSeveralRowsAndComeBackWhole() {
        try (Databases.Fresh fresh = Databases.H2.fresh()) {
            List<Element> drawn = new ArrayList<>();
            try (JdbcCanvasStore store = direct(fresh.dataSource())) {
                store.load(A);
                for (int i = 1; i <= 40; i++) {
                    Element e = path("p" + i, 4_000 + i); // about 50,000 chars each, 2 MB in all
                    drawn.add(e);
                    store.append(A, i, new Op.Draw(e));
                }
                store.flush();
                assertTrue(count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_commit") >= 6, "split into rows of ~256 K");
                store.upkeepNow();
                assertTrue(count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_segment") >= 6);
                long longest = count(fresh.dataSource(), "SELECT MAX(LENGTH(body)) FROM inkroom_segment");
                assertTrue(longest <= GroupedOps.ROW_CHARS + 60_000, "no row past the limit by more than one op: " + longest);
            }
            try (JdbcCanvasStore reopened = direct(fresh.dataSource())) {
                List<Op.Sequenced> ops = reopened.load(A).ops();
                assertEquals(40, ops.size());
                for (int i = 0; i < 40; i++) {
                    Element back = ((Op.Draw) ops.get(i).op()).element();
                    assertEquals(drawn.get(i).id(), back.id());
                    assertEquals(drawn.get(i).points().length, back.points().length);
                }
            }
        }
    }

    @Test
    void aClearDropsTheRoomsEarlierOpsFromSegmentsAndFromUnfoldedCommitRows() {
        try (Databases.Fresh fresh = Databases.H2.fresh()) {
            try (JdbcCanvasStore store = direct(fresh.dataSource())) {
                store.load(A);
                store.load(B);
                for (int i = 1; i <= 20; i++) {
                    store.append(A, i, new Op.Draw(line("a" + i, i)));
                    store.append(B, i, new Op.Draw(line("b" + i, i)));
                }
                store.upkeepNow();
                for (int i = 21; i <= 30; i++) {
                    store.append(A, i, new Op.Draw(line("a" + i, i)));
                }
                store.clear(A, 31);
                store.append(A, 32, new Op.Draw(line("after", 1)));
                store.upkeepNow();
                assertEquals(1, JdbcCanvasStoreTest.rows(fresh.dataSource(), A), "only the op after the clear is stored");
                assertEquals(20, JdbcCanvasStoreTest.rows(fresh.dataSource(), B), "the other room keeps its ops");
            }
            try (JdbcCanvasStore reopened = direct(fresh.dataSource())) {
                CanvasStore.History h = reopened.load(A);
                assertEquals(31, h.clearedAt());
                assertEquals(32, h.seq());
                assertEquals(List.of("after"), ids(h));
                assertEquals(expected("b", 1, 20), ids(reopened.load(B)));
            }
        }
    }

    @Test
    void rowsStoredOneOpPerRowBeforeThisLayoutAreStillRead() throws SQLException {
        try (Databases.Fresh fresh = Databases.H2.fresh()) {
            direct(fresh.dataSource()).close();
            try (Connection c = fresh.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO inkroom_room (room_id, epoch, cleared_seq) VALUES ('room-a', 'e0', 0)");
                for (int i = 1; i <= 3; i++) {
                    st.executeUpdate("INSERT INTO inkroom_op (room_id, seq, kind, element_id, body) VALUES ('room-a', " + i
                            + ", 'draw', 'old" + i + "', '" + org.inkroom.protocol.Codec.toJson(line("old" + i, i)) + "')");
                }
            }
            try (JdbcCanvasStore store = direct(fresh.dataSource())) {
                CanvasStore.History h = store.load(A);
                assertEquals("e0", h.epoch());
                assertEquals(3, h.seq());
                store.append(A, 4, new Op.Draw(line("new4", 4)));
                store.upkeepNow();
                assertEquals(List.of("old1", "old2", "old3", "new4"), ids(store.load(A)));
                store.clear(A, 5);
                store.flush();
                assertEquals(0, count(fresh.dataSource(), "SELECT COUNT(*) FROM inkroom_op"), "a clear compacts the old rows too");
            }
        }
    }

    @Test
    void opTextKeepsBodiesWithAnyCharacter() {
        StringBuilder text = new StringBuilder();
        OpText.append(text, "r1", 7, "draw", "{\"a\":\"x y\\n\"}\nz 9 draw 3 ");
        OpText.append(text, "r2", 8, "erase", "");
        OpText.append(text, "r1", 9, "update", "{}");
        List<OpText.Entry> all = OpText.parse(text.toString(), null);
        assertEquals(List.of(new OpText.Entry("r1", 7, "draw", "{\"a\":\"x y\\n\"}\nz 9 draw 3 "),
                new OpText.Entry("r2", 8, "erase", ""), new OpText.Entry("r1", 9, "update", "{}")), all);
        assertEquals(List.of(7L, 9L), OpText.parse(text.toString(), "r1").stream().map(OpText.Entry::seq).toList());
        assertEquals(List.of(), OpText.parse(text.toString(), "r"), "a room id that is a prefix of another is not it");
    }

    @Test
    void opTextKnowsTheLengthOfWhatItWrites() {
        for (long seq : new long[] {0, 9, 10, 99, 100, 123_456_789, Long.MAX_VALUE}) {
            for (String body : List.of("", "x", "{\"id\":\"é 😀\"}", "y".repeat(10_000))) {
                StringBuilder text = new StringBuilder();
                OpText.append(text, "room-1", seq, "draw", body);
                assertEquals(text.length(), OpText.length("room-1", seq, "draw", body), seq + " " + body.length());
            }
        }
    }

    private static long count(DataSource ds, String query) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
