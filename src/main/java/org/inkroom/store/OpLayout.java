package org.inkroom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.inkroom.room.Op;

/**
 * How a database keeps the ops of rooms: {@link RowPerOp} (PostgreSQL: one row per op, which the
 * cluster's duplicate handling rests on) or {@link GroupedOps} (the embedded H2: a few rows per
 * commit, folded into rows per room, because H2's cost is per row and per page touched).
 */
interface OpLayout {

    /** Stores the appends and clears of {@code batch}, in order, inside the caller's transaction. */
    void write(Connection c, List<Write> batch) throws SQLException;

    /** The room's stored ops with seq above {@code after}, in seq order, each seq once. */
    List<Op.Sequenced> read(Connection c, String room, long after) throws SQLException;

    /** Upkeep between commits, inside the caller's transaction. */
    default void maintain(Connection c) throws SQLException { }

    /**
     * Stores {@code writes}, in order, and does the upkeep, inside the caller's transaction (a fold of
     * the store's journal; the caller has already applied the clears to the rooms' rows).
     */
    default void fold(Connection c, List<Write> writes) throws SQLException {
        write(c, writes);
        maintain(c);
    }
}
