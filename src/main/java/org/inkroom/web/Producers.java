package org.inkroom.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.inkroom.access.AccessSettings;
import org.inkroom.cluster.RedisBus;
import org.inkroom.cluster.RedisSettings;
import org.inkroom.config.Config;
import org.inkroom.ops.AuditLog;
import org.inkroom.ops.Metrics;
import org.inkroom.ops.admin.AdminSettings;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.RoomBus;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.RoomSettings;
import org.inkroom.store.JdbcCanvasStore;

/** Wires the plain classes into CDI, from configuration; tests supply their own beans instead. */
@Dependent
public class Producers {

    private static final Logger LOG = Logger.getLogger(Producers.class.getName());

    @Produces
    @Singleton
    RoomSettings roomSettings() {
        return RoomSettings.fromConfig();
    }

    @Produces
    @Singleton
    WebSettings webSettings() {
        return WebSettings.fromConfig();
    }

    @Produces
    @Singleton
    AccessSettings accessSettings() {
        return AccessSettings.fromConfig();
    }

    /** Typed: a Metrics is also a RoomEvents, and only {@link #roomEvents} may supply that. */
    @Produces
    @Singleton
    @jakarta.enterprise.inject.Typed(Metrics.class)
    Metrics metrics() {
        return new Metrics();
    }

    /** The observers of everything rooms do: metrics and the audit log. */
    @Produces
    @Singleton
    RoomEvents roomEvents(Metrics metrics) {
        AuditLog audit = new AuditLog(nodeId());
        // Off only to measure what metrics cost (bench: LIBERTY_VARS="inkroom.metrics=off").
        if ("off".equals(Config.choice("inkroom.metrics", "on", java.util.List.of("on", "off")))) {
            LOG.info("inkroom.metrics=off: Inkroom counters stay at zero (gauges still answer)");
            return audit;
        }
        return RoomEvents.both(metrics, audit);
    }

    /** This node's name in logs and Redis ({@code inkroom.node.id}), the host name when unset. */
    static String nodeId() {
        String configured = Config.string("inkroom.node.id", "").trim();
        if (!configured.isEmpty()) {
            return configured;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "local";
        }
    }

    /**
     * The server's {@code DataSource} ({@code inkroom.store.jndi}, default {@code jdbc/inkroom}) unless
     * {@code inkroom.store=memory}. A server without {@code jdbc/inkroom} (WildFly, Payara) gets the
     * WAR's own pool from the {@code inkroom.db.*} settings; no store at all is a SEVERE banner and a
     * DOWN readiness check, never a silent fallback.
     */
    @Produces
    @Singleton // no client proxy: every stroke's append reached the store through Weld's reflective
               // dispatch (BENCHMARKS.md, session 37, section 5); startUp creates it inside its check
    CanvasStore canvasStore(RoomEvents events) {
        if ("memory".equals(Config.choice("inkroom.store", "jdbc", java.util.List.of("jdbc", "memory")))) {
            LOG.info("inkroom.store=memory: canvases are kept in memory only");
            return CanvasStore.MEMORY_ONLY;
        }
        java.util.Optional<String> configuredJndi = Config.lookup("inkroom.store.jndi").filter(s -> !s.isEmpty());
        String jndiName = configuredJndi.orElse("jdbc/inkroom");
        DataSource dataSource;
        String where;
        try {
            dataSource = (DataSource) new InitialContext().lookup(jndiName);
            where = jndiName;
        } catch (NamingException e) {
            if (configuredJndi.isPresent()) {
                return missingStore("no DataSource at inkroom.store.jndi=" + jndiName + " (" + e + ")");
            }
            // WildFly and Payara define no jdbc/inkroom: the WAR's own pool over its packaged
            // drivers, from the same inkroom.db.* settings (embedded H2 file by default).
            org.inkroom.store.DriverDataSource own = org.inkroom.store.DriverDataSource.fromConfig();
            dataSource = own;
            where = "the application's own pool, " + own.describe() + " (this server defines no " + jndiName + ")";
        }
        long interval = Config.number("inkroom.store.commit.interval.ms", JdbcCanvasStore.DEFAULT_COMMIT_INTERVAL.toMillis(), 0, 10_000);
        JdbcCanvasStore store;
        try {
            store = new JdbcCanvasStore(dataSource, java.time.Duration.ofMillis(interval), events);
        } catch (IllegalStateException e) {
            if (dataSource instanceof org.inkroom.store.DriverDataSource own) {
                own.close();
                return missingStore(e.getMessage() + " (" + own.describe() + ")");
            }
            throw e;
        }
        LOG.log(Level.INFO, "Canvases are stored through {0}", where);
        return store;
    }

    /**
     * No store where one was expected: every canvas in memory only, said at start-up as a SEVERE
     * banner, and /health/ready reports the store DOWN (a deliberate inkroom.store=memory stays UP).
     */
    private static CanvasStore missingStore(String why) {
        String line = "*".repeat(100);
        LOG.log(Level.SEVERE, "\n{0}\n* INKROOM HAS NO CANVAS STORE: every room is kept in memory only and LOST on restart.\n"
                + "* Cause: {1}\n"
                + "* Fix: give the server a DataSource at jdbc/inkroom (or set inkroom.store.jndi to one), or unset\n"
                + "* inkroom.store.jndi to use the embedded H2 default, or set inkroom.db.url (README, \"Deploying\").\n"
                + "* Until then /health/ready answers 503 (inkroom-store DOWN).\n{0}", new Object[] {line, why});
        return new CanvasStore() {
            @Override
            public History load(org.inkroom.room.RoomId room) {
                return CanvasStore.MEMORY_ONLY.load(room);
            }

            @Override
            public void append(org.inkroom.room.RoomId room, long seq, org.inkroom.room.Op op) { }

            @Override
            public void clear(org.inkroom.room.RoomId room, long seq) { }

            @Override
            public void whenDurable(Runnable action) {
                action.run();
            }

            @Override
            public boolean reachable() {
                return false;
            }
        };
    }

    void closeStore(@Disposes CanvasStore store) {
        store.close();
    }

    /**
     * Single node unless {@code inkroom.redis.uri} is set; then the Redis bus (and only then is a
     * Redis client started).
     */
    @Produces
    @Singleton // like the store: the rooms call it directly, not through a client proxy
    RoomBus roomBus(RoomEvents events) {
        RedisSettings redis = RedisSettings.fromConfig();
        if (redis == null) {
            return RoomBus.SINGLE_NODE;
        }
        RedisBus bus = new RedisBus(redis, events);
        LOG.log(Level.INFO, "Cluster mode: rooms are shared through {0}", bus.describe());
        return bus;
    }

    void closeBus(@Disposes RoomBus bus) {
        bus.close();
    }

    /**
     * Creates the registry and the store when the application starts, not on the first join: the
     * schema is migrated at start-up and a broken database shows in the log at once. (The registry
     * is behind a lazy CDI proxy, and calling a method is what instantiates it; the {@code @Singleton}
     * beans come through {@code Instance}, so they too are created here, inside the check, not while
     * resolving this method.)
     */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object application, RoomRegistry registry,
                 jakarta.enterprise.inject.Instance<CanvasStore> store, jakarta.enterprise.inject.Instance<RoomBus> bus,
                 Metrics metrics, jakarta.enterprise.inject.Instance<WebSettings> web,
                 jakarta.enterprise.inject.Instance<AccessSettings> access) {
        try {
            web.get();
            LOG.log(Level.INFO, "Access: {0}", access.get());
            registry.settings();
            LOG.log(Level.INFO, "Admin console: {0}", AdminSettings.fromConfig());
            store.get().flush();
            LOG.log(Level.INFO, "Rooms are ordered by: {0}", bus.get().describe());
            metrics.watch(registry);
            LOG.log(Level.INFO, "Inkroom started: {0}", registry.settings());
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            if (cause instanceof IllegalArgumentException bad) {
                // One line that names the setting and the value; the application does not start.
                LOG.log(Level.SEVERE, "Inkroom cannot start: {0}", bad.getMessage());
                throw new IllegalStateException("Inkroom cannot start: " + bad.getMessage(), null);
            }
            throw e;
        }
    }
}
