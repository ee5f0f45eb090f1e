package org.inkroom.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A small connection pool over a JDBC driver packaged in the WAR (H2 or PostgreSQL, picked by the
 * URL): the store's DataSource on servers that define no {@code jdbc/inkroom} (WildFly, Payara),
 * so the same settings ({@code inkroom.db.url}, {@code .user}, {@code .password}, {@code .pool.max})
 * work there as on Liberty. The store uses few connections (one writer, room loads, a readiness
 * check a second), so a fixed bound and a queue of idle connections are all it needs.
 */
public final class DriverDataSource implements DataSource, AutoCloseable {

    private static final long BORROW_TIMEOUT_SECONDS = 30;

    private final Driver driver;
    private final String url;
    private final Properties credentials = new Properties();
    private final Semaphore permits;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private volatile boolean closed;

    public DriverDataSource(String url, String user, String password, int maxConnections) {
        this.url = url;
        this.driver = driverFor(url);
        if (user != null && !user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        this.permits = new Semaphore(Math.max(1, maxConnections), true);
    }

    /**
     * The pool the {@code inkroom.db.*} settings describe; without {@code inkroom.db.url}, an H2 file
     * in WildFly's data directory ({@code jboss.server.data.dir}/inkroom) or else in
     * {@code inkroom-data/} under the server's working directory. {@code WRITE_DELAY=0}, as on
     * Liberty: H2 hands each commit to the OS at once, so {@code kill -9} loses no acknowledged op.
     */
    public static DriverDataSource fromConfig() {
        String driver = org.inkroom.config.Config.choice("inkroom.db.driver", "h2", java.util.List.of("h2", "postgresql"));
        String url = org.inkroom.config.Config.string("inkroom.db.url", "").trim();
        if (url.isEmpty()) {
            if (!"h2".equals(driver)) {
                throw new IllegalArgumentException("setting inkroom.db.driver=" + driver
                        + " needs inkroom.db.url (e.g. jdbc:postgresql://host:5432/db)");
            }
            url = defaultH2Url();
        }
        return new DriverDataSource(url, org.inkroom.config.Config.string("inkroom.db.user", "inkroom"),
                org.inkroom.config.Config.string("inkroom.db.password", "inkroom"),
                (int) org.inkroom.config.Config.number("inkroom.db.pool.max", 10, 1, 1000));
    }

    static String defaultH2Url() {
        String wildflyData = System.getProperty("jboss.server.data.dir");
        java.nio.file.Path dir = wildflyData != null
                ? java.nio.file.Path.of(wildflyData, "inkroom")
                : java.nio.file.Path.of(System.getProperty("user.dir"), "inkroom-data");
        return "jdbc:h2:file:" + dir.resolve("inkroom").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    /** The URL without what follows a '?' (where a password could be), for logs. */
    public String describe() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?...";
    }

    /** The packaged driver for this URL, loaded by the application's class loader (not DriverManager's). */
    static Driver driverFor(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String className;
        if (lower.startsWith("jdbc:h2:")) {
            className = "org.h2.Driver";
        } else if (lower.startsWith("jdbc:postgresql:")) {
            className = "org.postgresql.Driver";
        } else {
            throw new IllegalArgumentException("setting inkroom.db.url must start with jdbc:h2: or jdbc:postgresql:, was '"
                    + url + "'");
        }
        try {
            return (Driver) Class.forName(className, true, DriverDataSource.class.getClassLoader())
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("JDBC driver " + className + " is not in the application", e);
        }
    }

    public String url() {
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("pool closed");
        }
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("no free connection within " + BORROW_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted waiting for a connection", e);
        }
        try {
            Connection physical = takeIdle();
            if (physical == null) {
                physical = driver.connect(url, credentials);
                if (physical == null) {
                    throw new SQLException("driver " + driver.getClass().getName() + " does not accept " + url);
                }
            }
            return lease(physical);
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** An idle connection that still works, or null. */
    private Connection takeIdle() {
        while (true) {
            Connection c;
            synchronized (idle) {
                c = idle.pollLast();
            }
            if (c == null) {
                return null;
            }
            try {
                if (c.isValid(2)) {
                    return c;
                }
            } catch (SQLException e) {
                // broken: dropped below
            }
            closeQuietly(c);
        }
    }

    /** A handle whose close() hands the connection back (clean, auto-commit on) instead of closing it. */
    private Connection lease(Connection physical) {
        AtomicBoolean returned = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(DriverDataSource.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (returned.compareAndSet(false, true)) {
                                giveBack(physical);
                            }
                            return null;
                        case "isClosed":
                            return returned.get() || physical.isClosed();
                        case "unwrap":
                            if (((Class<?>) args[0]).isInstance(proxy)) {
                                return proxy;
                            }
                            break;
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        default:
                            break;
                    }
                    if (returned.get()) {
                        throw new SQLException("connection already closed");
                    }
                    try {
                        return method.invoke(physical, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private void giveBack(Connection physical) {
        try {
            boolean reusable = !closed && !physical.isClosed();
            if (reusable && !physical.getAutoCommit()) {
                physical.rollback();
                physical.setAutoCommit(true);
            }
            if (reusable) {
                synchronized (idle) {
                    idle.addLast(physical);
                }
            } else {
                closeQuietly(physical);
            }
        } catch (SQLException e) {
            closeQuietly(physical);
        } finally {
            permits.release();
        }
    }

    /** Closes the idle connections (H2 closes its database file with the last one); leased ones close when given back. */
    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            idle.forEach(DriverDataSource::closeQuietly);
            idle.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already broken
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's credentials are fixed");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) { }

    @Override
    public void setLoginTimeout(int seconds) { }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
