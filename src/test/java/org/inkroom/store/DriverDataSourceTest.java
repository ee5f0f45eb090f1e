package org.inkroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.inkroom.room.RoomId;
import org.junit.jupiter.api.Test;

/** The WAR's own pool (WildFly, Payara): reuse, clean hand-back, a bound, and the store over it on H2. */
class DriverDataSourceTest {

    private static String h2Url() {
        return "jdbc:h2:file:./target/h2-test/pool-" + UUID.randomUUID() + ";WRITE_DELAY=0";
    }

    @Test
    void aConnectionIsReusedAndHandedBackCleanWithAutoCommitOn() throws Exception {
        DriverDataSource pool = new DriverDataSource(h2Url(), "inkroom", "inkroom", 2);
        try {
            Connection first = pool.getConnection();
            first.setAutoCommit(false);
            try (Statement st = first.createStatement()) {
                st.execute("CREATE TABLE t (v INT)");
                st.execute("INSERT INTO t VALUES (1)");
            }
            first.close(); // uncommitted: rolled back on hand-back
            assertTrue(first.isClosed());
            assertThrows(SQLException.class, first::createStatement, "a handed-back handle is dead");
            try (Connection again = pool.getConnection(); Statement st = again.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
                assertTrue(again.getAutoCommit());
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void atMostMaxConnectionsAreLentAndAReturnFreesOne() throws Exception {
        DriverDataSource pool = new DriverDataSource(h2Url(), "inkroom", "inkroom", 1);
        try {
            Connection only = pool.getConnection();
            CountDownLatch got = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                try (Connection c = pool.getConnection()) {
                    got.countDown();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            waiter.start();
            assertFalse(got.await(300, TimeUnit.MILLISECONDS), "the second borrower waits");
            only.close();
            assertTrue(got.await(20, TimeUnit.SECONDS), "and gets the connection once it is back");
            waiter.join();
        } finally {
            pool.close();
        }
    }

    @Test
    void theStoreRunsOverItAndKeepsWhatItWasGiven() throws Exception {
        String url = h2Url();
        RoomId room = new RoomId("pool-room");
        DriverDataSource pool = new DriverDataSource(url, "inkroom", "inkroom", 4);
        JdbcCanvasStore store = new JdbcCanvasStore(pool, Duration.ofMillis(10));
        store.load(room);
        assertTrue(store.reachable());
        store.close(); // closes the pool it was given
        JdbcCanvasStore reopened = new JdbcCanvasStore(new DriverDataSource(url, "inkroom", "inkroom", 4));
        try {
            assertEquals(0, reopened.load(room).seq());
        } finally {
            reopened.close();
        }
    }

    @Test
    void anUnknownDatabaseIsRefusedNamingTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DriverDataSource("jdbc:mysql://db/x", "u", "p", 1));
        assertTrue(e.getMessage().contains("inkroom.db.url"), e.getMessage());
    }
}
