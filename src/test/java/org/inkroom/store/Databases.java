package org.inkroom.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.inkroom.testing.Requirements;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two databases the store must work on: an embedded H2 file (the default) and the real
 * PostgreSQL on this machine, each in a fresh schema/file so tests never see each other's rows.
 */
public enum Databases {
    H2, POSTGRESQL;

    public static final String PG_HOST = System.getProperty("inkroom.test.pg.host", "localhost");
    public static final String PG_DB = System.getProperty("inkroom.test.pg.database", "test");
    public static final String PG_USER = System.getProperty("inkroom.test.pg.user", "postgres");

    /** A new, empty database of this kind; skipped (or failed under inkroom.requireAll) when unreachable. */
    public Fresh fresh() {
        return switch (this) {
            case H2 -> {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL("jdbc:h2:file:./target/h2-test/" + UUID.randomUUID() + ";WRITE_DELAY=0");
                ds.setUser("inkroom");
                ds.setPassword("inkroom");
                yield new Fresh(ds, () -> { });
            }
            case POSTGRESQL -> {
                PGSimpleDataSource admin = pg(null);
                Requirements.require(reachable(admin), "PostgreSQL at " + PG_HOST + ":5432/" + PG_DB);
                String schema = "inkroom_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                execute(admin, "CREATE SCHEMA " + schema);
                yield new Fresh(pg(schema), () -> execute(admin, "DROP SCHEMA " + schema + " CASCADE"));
            }
        };
    }

    /** A database for one test, dropped afterwards. */
    public record Fresh(DataSource dataSource, Runnable drop) implements AutoCloseable {
        @Override
        public void close() {
            drop.run();
        }
    }

    private static PGSimpleDataSource pg(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {PG_HOST});
        ds.setDatabaseName(PG_DB);
        ds.setUser(PG_USER);
        ds.setConnectTimeout(5);
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    private static boolean reachable(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void execute(DataSource ds, String sql) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
