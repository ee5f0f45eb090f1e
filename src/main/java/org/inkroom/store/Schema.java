package org.inkroom.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Creates or migrates the tables at start-up. Each migration runs once, in order, in its own
 * transaction; {@code inkroom_schema} records how far a database has come. SQL common to H2 and
 * PostgreSQL only.
 */
final class Schema {

    private static final Logger LOG = Logger.getLogger(Schema.class.getName());

    /** Append only: never edit a migration that has shipped, add the next one. */
    static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    "CREATE TABLE inkroom_room (room_id VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " epoch VARCHAR(32) NOT NULL, cleared_seq BIGINT NOT NULL)",
                    "CREATE TABLE inkroom_op (room_id VARCHAR(64) NOT NULL, seq BIGINT NOT NULL,"
                            + " element_id VARCHAR(128) NOT NULL, body VARCHAR(1000000) NOT NULL,"
                            + " PRIMARY KEY (room_id, seq))"),
            // 2: ops other than draw (update, erase, restore); existing rows are draws.
            List.of("ALTER TABLE inkroom_op ADD COLUMN kind VARCHAR(16) DEFAULT 'draw' NOT NULL"));

    private Schema() { }

    /** Any fixed number: the PostgreSQL advisory lock that lets one node of a cluster migrate at a time. */
    private static final long MIGRATION_LOCK = 0x696e6b726f6f6dL;

    /**
     * Brings the database to the latest version; returns that version. Nodes of a cluster start
     * together against one PostgreSQL: they take turns (an advisory lock), or two of them creating
     * the same table at once fail on PostgreSQL's catalog.
     */
    static int migrate(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            if (postgres) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
                }
            }
            try {
                return migrate(c);
            } finally {
                if (postgres) {
                    try (Statement st = c.createStatement()) {
                        st.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                    }
                }
            }
        }
    }

    private static int migrate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS inkroom_schema (version INT NOT NULL)");
        }
        int version = currentVersion(c);
        for (int v = version + 1; v <= MIGRATIONS.size(); v++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                for (String sql : MIGRATIONS.get(v - 1)) {
                    st.execute(sql);
                }
                st.executeUpdate("DELETE FROM inkroom_schema");
                st.executeUpdate("INSERT INTO inkroom_schema (version) VALUES (" + v + ")");
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            LOG.log(Level.INFO, "Database schema migrated to version {0}", v);
        }
        return MIGRATIONS.size();
    }

    private static int currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(version) FROM inkroom_schema")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
