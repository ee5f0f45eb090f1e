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

    /**
     * The server's {@code DataSource} ({@code inkroom.store.jndi}, default {@code jdbc/inkroom}) unless
     * {@code inkroom.store=memory}. A server without that resource keeps rooms in memory, and says so.
     */
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

    @Produces
    @ApplicationScoped
    CanvasStore canvasStore(RoomEvents events) {
        if ("memory".equals(Config.choice("inkroom.store", "jdbc", java.util.List.of("jdbc", "memory")))) {
            LOG.info("inkroom.store=memory: canvases are kept in memory only");
            return CanvasStore.MEMORY_ONLY;
        }
        String jndiName = Config.string("inkroom.store.jndi", "jdbc/inkroom");
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            LOG.log(Level.WARNING, "No DataSource at {0}: canvases are kept in memory only and lost on restart", jndiName);
            return CanvasStore.MEMORY_ONLY;
        }
        JdbcCanvasStore store = new JdbcCanvasStore(dataSource,
                java.time.Duration.ofMillis(Config.number("inkroom.store.commit.interval.ms",
                        JdbcCanvasStore.DEFAULT_COMMIT_INTERVAL.toMillis(), 0, 10_000)), events);
        LOG.log(Level.INFO, "Canvases are stored through {0}", jndiName);
        return store;
    }

    void closeStore(@Disposes CanvasStore store) {
        store.close();
    }

    /**
     * Single node unless {@code inkroom.redis.uri} is set; then the Redis bus (and only then is a
     * Redis client started).
     */
    @Produces
    @ApplicationScoped
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
     * schema is migrated at start-up and a broken database shows in the log at once. (Both are
     * behind lazy CDI proxies; calling a method is what instantiates them.)
     */
    void startUp(@Observes @Initialized(ApplicationScoped.class) Object application, RoomRegistry registry,
                 CanvasStore store, RoomBus bus, Metrics metrics, jakarta.enterprise.inject.Instance<WebSettings> web,
                 jakarta.enterprise.inject.Instance<AccessSettings> access) {
        try {
            web.get(); // @Singleton: created here, inside the check, not while resolving this method
            LOG.log(Level.INFO, "Access: {0}", access.get());
            registry.settings();
            LOG.log(Level.INFO, "Admin console: {0}", AdminSettings.fromConfig());
            store.flush();
            LOG.log(Level.INFO, "Rooms are ordered by: {0}", bus.describe());
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
