package org.inkroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.inkroom.room.Op;

/**
 * The embedded H2's layout. H2 pays per row and per B-tree page a commit touches: one row per op
 * keyed (room, seq) made every 50 ms commit rewrite a leaf page of every active room (BENCHMARKS.md,
 * session 15: 95 % of the store writer's CPU). So a commit writes its ops, of all rooms, into a few
 * {@code inkroom_commit} rows keyed by a growing id (always the last page), and every
 * {@link #FOLD_INTERVAL_NANOS} {@link #maintain} folds those into {@code inkroom_segment} rows, one
 * per room: a room's page is touched once per fold instead of once per commit. A room's history is
 * its segments plus its entries in the unfolded commit rows (plus rows of {@link RowPerOp} from before
 * this layout, read as they are). Only the writer thread calls {@link #write} and {@link #maintain}.
 */
final class GroupedOps implements OpLayout {

    /**
     * A grouped row holds at most about this many chars; more goes into the next row, and an op
     * larger than this sits alone in its row (so the column's limit bounds one op, as before).
     */
    static final int ROW_CHARS = 256 * 1024;
    /**
     * A fold appends to a room's last segment while that stays under this many chars, else starts a
     * new one. An append rewrites the whole segment, so this bounds what a fold rewrites per room: a
     * quiet room still gets one row per ~40 folds, a busy one (more than this per fold) only new
     * rows. With 32 K, 200 rooms at 2,000 ops/s cost the writer 5.4 % of a core in spikes to 10 %
     * and grew the file to 366 MiB in 80 s; with 8 K, 2.8 % and 97 MiB (BENCHMARKS.md, session 19).
     */
    static final int TAIL_CHARS = 8 * 1024;

    private final RowPerOp before = new RowPerOp(false);
    /** Rooms whose last segment {@link #tails} remembers; beyond that the least recently folded are forgotten. */
    static final int MAX_TAILS = 10_000;

    /** Each room's last segment written by this process (id and length), to append the next fold to. */
    private final Map<String, Tail> tails = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tail> eldest) {
            return size() > MAX_TAILS; // that room's next fold starts a new segment
        }
    };

    private record Tail(long id, int chars) { }

    @Override
    public void write(Connection c, List<Write> batch) throws SQLException {
        List<String> rows = new ArrayList<>();
        StringBuilder row = new StringBuilder();
        for (Write w : batch) {
            if (w instanceof Write.Append a) {
                if (!row.isEmpty() && row.length() + a.body().length() > ROW_CHARS) {
                    rows.add(row.toString());
                    row.setLength(0);
                }
                OpText.append(row, a.room(), a.seq(), a.kind(), a.body());
            } else if (w instanceof Write.Clear cl) {
                clear(c, cl.room(), cl.seq());
            }
        }
        if (!row.isEmpty()) {
            rows.add(row.toString());
        }
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO inkroom_commit (body) VALUES (?)")) {
            for (String r : rows) {
                ins.setString(1, r);
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** Segments wholly before the clear go; entries still in commit rows are dropped by the fold (by the room's stored cleared seq). */
    private void clear(Connection c, String room, long seq) throws SQLException {
        RowPerOp.deleteUpTo(c, "DELETE FROM inkroom_segment WHERE room_id = ? AND last_seq <= ?", room, seq);
        RowPerOp.compact(c, room, seq);
        tails.remove(room);
    }

    @Override
    public List<Op.Sequenced> read(Connection c, String room, long after) throws SQLException {
        List<Op.Sequenced> ops = before.read(c, room, after);
        // Commit rows before segments: a fold committing in between moves entries from the first
        // read to the second (seen twice, kept once), never past both.
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM inkroom_commit ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                collect(OpText.parse(rs.getString(1), room), after, ops);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT body FROM inkroom_segment WHERE room_id = ? AND last_seq > ? ORDER BY id")) {
            ps.setString(1, room);
            ps.setLong(2, after);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    collect(OpText.parse(rs.getString(1), room), after, ops);
                }
            }
        }
        ops.sort(Comparator.comparingLong(Op.Sequenced::seq));
        List<Op.Sequenced> once = new ArrayList<>(ops.size());
        for (Op.Sequenced op : ops) {
            if (once.isEmpty() || once.get(once.size() - 1).seq() != op.seq()) {
                once.add(op);
            }
        }
        return once;
    }

    private static void collect(List<OpText.Entry> entries, long after, List<Op.Sequenced> to) {
        for (OpText.Entry e : entries) {
            if (e.seq() > after) {
                to.add(new Op.Sequenced(e.seq(), Write.Append.op(e.kind(), e.body())));
            }
        }
    }

    /** Folds every commit row into the rooms' segments and deletes those commit rows. */
    @Override
    public void maintain(Connection c) throws SQLException {
        long upTo = 0;
        Map<String, List<OpText.Entry>> byRoom = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM inkroom_commit ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                upTo = rs.getLong(1);
                for (OpText.Entry e : OpText.parse(rs.getString(2), null)) {
                    byRoom.computeIfAbsent(e.room(), r -> new ArrayList<>()).add(e);
                }
            }
        }
        if (upTo == 0) {
            return;
        }
        storeByRoom(c, byRoom);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM inkroom_commit WHERE id <= ?")) {
            ps.setLong(1, upTo);
            ps.executeUpdate();
        }
    }

    /**
     * The journal's writes go straight into the rooms' segments, after any commit rows are folded:
     * no commit row is written only to be read back and deleted in the same transaction.
     */
    @Override
    public void fold(Connection c, List<Write> writes) throws SQLException {
        maintain(c);
        Map<String, List<OpText.Entry>> byRoom = new LinkedHashMap<>();
        for (Write w : writes) {
            if (w instanceof Write.Clear cl) {
                clear(c, cl.room(), cl.seq());
            }
        }
        for (Write w : writes) {
            if (w instanceof Write.Append a) {
                byRoom.computeIfAbsent(a.room(), r -> new ArrayList<>()).add(new OpText.Entry(a.room(), a.seq(), a.kind(), a.body()));
            }
        }
        storeByRoom(c, byRoom);
    }

    /** Each room's entries into its segments, but for those a committed clear made history (it deleted their segments). */
    private void storeByRoom(Connection c, Map<String, List<OpText.Entry>> byRoom) throws SQLException {
        try (PreparedStatement clearedAt = c.prepareStatement("SELECT cleared_seq FROM inkroom_room WHERE room_id = ?")) {
            for (Map.Entry<String, List<OpText.Entry>> room : byRoom.entrySet()) {
                long cleared = clearedSeq(clearedAt, room.getKey());
                Segment segment = new Segment(room.getValue());
                room.getValue().stream().filter(e -> e.seq() > cleared).forEach(segment::add);
                if (!segment.pieces.get(0).text.isEmpty()) {
                    store(c, room.getKey(), segment);
                }
            }
        }
    }

    private static long clearedSeq(PreparedStatement clearedAt, String room) throws SQLException {
        clearedAt.setString(1, room);
        try (ResultSet rs = clearedAt.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * One room's entries of a fold, as segment texts of at most about {@link #ROW_CHARS} each. Each
     * text's builder starts at the size its entries need: grown from empty, a builder copied the text
     * about once more, most of what a fold allocated (BENCHMARKS.md, session 48).
     */
    private static final class Segment {
        final List<Piece> pieces = new ArrayList<>(1);
        /** Chars all the entries need. */
        private long needed;
        /** Chars the pieces before the last hold. */
        private long before;

        Segment(List<OpText.Entry> entries) {
            for (OpText.Entry e : entries) {
                needed += OpText.length(e.room(), e.seq(), e.kind(), e.body());
            }
            pieces.add(new Piece(needed));
        }

        void add(OpText.Entry e) {
            Piece last = pieces.get(pieces.size() - 1);
            if (!last.text.isEmpty() && last.text.length() + e.body().length() > ROW_CHARS) {
                before += last.text.length();
                last = new Piece(needed - before); // what the entries not added yet need, at most
                pieces.add(last);
            }
            OpText.append(last.text, e.room(), e.seq(), e.kind(), e.body());
            last.lastSeq = Math.max(last.lastSeq, e.seq());
        }
    }

    private static final class Piece {
        final StringBuilder text;
        long lastSeq;

        Piece(long needed) {
            text = new StringBuilder((int) Math.min(ROW_CHARS + 1024, Math.max(16, needed)));
        }
    }

    private void store(Connection c, String room, Segment s) throws SQLException {
        List<Piece> pieces = s.pieces;
        Tail tail = tails.get(room);
        Piece first = pieces.get(0);
        if (tail != null && tail.chars() + first.text.length() <= TAIL_CHARS && appendTo(c, tail, first)) {
            tails.put(room, new Tail(tail.id(), tail.chars() + first.text.length()));
            pieces = pieces.subList(1, pieces.size());
        }
        for (Piece p : pieces) {
            tails.put(room, new Tail(insert(c, room, p), p.text.length()));
        }
    }

    /** False when the tail is gone (a clear deleted it, or the fold that wrote it was rolled back). */
    private static boolean appendTo(Connection c, Tail tail, Piece p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inkroom_segment SET body = body || ?, last_seq = GREATEST(last_seq, ?) WHERE id = ?")) {
            ps.setString(1, p.text.toString());
            ps.setLong(2, p.lastSeq);
            ps.setLong(3, tail.id());
            return ps.executeUpdate() == 1;
        }
    }

    private static long insert(Connection c, String room, Piece p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inkroom_segment (room_id, last_seq, body) VALUES (?, ?, ?)", new String[] {"id"})) {
            ps.setString(1, room);
            ps.setLong(2, p.lastSeq);
            ps.setString(3, p.text.toString());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no id generated for a segment row");
                }
                return keys.getLong(1);
            }
        }
    }
}
