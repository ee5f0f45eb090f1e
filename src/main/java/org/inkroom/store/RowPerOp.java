package org.inkroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.inkroom.room.Op;

/** One {@code inkroom_op} row per op, keyed (room, seq). */
final class RowPerOp implements OpLayout {

    private final String insert;

    /**
     * An op row whose (room, seq) is stored already is left as it is: in a cluster the same op can
     * be stored by the node that ordered it and by the node a reconnecting sender resent it to.
     * Nothing is retried for ever on a duplicate key.
     */
    RowPerOp(boolean postgres) {
        insert = postgres
                ? "INSERT INTO inkroom_op (room_id, seq, kind, element_id, body) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (room_id, seq) DO NOTHING"
                : "MERGE INTO inkroom_op (room_id, seq, kind, element_id, body) KEY (room_id, seq) VALUES (?, ?, ?, ?, ?)";
    }

    @Override
    public void write(Connection c, List<Write> batch) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(insert)) {
            int inserts = 0;
            for (Write w : batch) {
                if (w instanceof Write.Append a) {
                    ins.setString(1, a.room());
                    ins.setLong(2, a.seq());
                    ins.setString(3, a.kind());
                    ins.setString(4, a.elementId());
                    ins.setString(5, a.body());
                    ins.addBatch();
                    inserts++;
                } else if (w instanceof Write.Clear cl) {
                    if (inserts > 0) { // a clear compacts what came before it, so those rows go first
                        ins.executeBatch();
                        inserts = 0;
                    }
                    compact(c, cl.room(), cl.seq());
                }
            }
            if (inserts > 0) {
                ins.executeBatch();
            }
        }
    }

    /** Deletes the room's rows up to {@code seq} (a clear made them history). */
    static void compact(Connection c, String room, long seq) throws SQLException {
        deleteUpTo(c, "DELETE FROM inkroom_op WHERE room_id = ? AND seq <= ?", room, seq);
    }

    /** Runs {@code delete}, whose two parameters are a room id and a seq. */
    static void deleteUpTo(Connection c, String delete, String room, long seq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(delete)) {
            ps.setString(1, room);
            ps.setLong(2, seq);
            ps.executeUpdate();
        }
    }

    @Override
    public List<Op.Sequenced> read(Connection c, String room, long after) throws SQLException {
        List<Op.Sequenced> ops = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, kind, body FROM inkroom_op WHERE room_id = ? AND seq > ? ORDER BY seq")) {
            ps.setString(1, room);
            ps.setLong(2, after);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ops.add(new Op.Sequenced(rs.getLong(1), Write.Append.op(rs.getString(2), rs.getString(3))));
                }
            }
        }
        return ops;
    }
}
