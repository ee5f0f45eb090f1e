package org.inkroom.web;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

/**
 * How a receiver's outbox writes to its socket ({@code inkroom.send.mode}).
 *
 * <ul>
 *   <li>{@code async}: {@code getAsyncRemote().sendText} with a completion callback, one send in
 *       flight; the next starts from the callback.
 *   <li>{@code virtual}: while a receiver has frames waiting, one virtual thread writes them with the
 *       blocking {@code getBasicRemote().sendText}, then ends; no thread exists for an idle receiver.
 *       Needs Java 21; on Java 21-23 a write blocked inside a {@code synchronized} block pins its
 *       carrier thread, so {@code auto} picks it from Java 24 on (JEP 491) only.
 *   <li>{@code pool}: the same blocking writes on a fixed pool of platform threads
 *       ({@code inkroom.send.pool.threads}, default 2 per core, {@link SendPool}), a receiver's
 *       whole queue per turn (up to {@link SendPool#BURST} frames); any Java. One wake-up writes
 *       everything a receiver has waiting, where {@code async} pays a callback (on Liberty a thread
 *       hand-off) per frame.
 *   <li>{@code auto} (default): per server and JDK, the mode that measured best there
 *       ({@link #resolve}; BENCHMARKS.md, issue 11).
 * </ul>
 */
public enum SendMode {
    ASYNC, VIRTUAL, POOL, AUTO;

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(SendMode.class.getName());
    private static final java.util.concurrent.atomic.AtomicBoolean LOGGED = new java.util.concurrent.atomic.AtomicBoolean();

    /** Parses a configured value ({@code auto}, {@code async}, {@code virtual}, {@code pool}) for this JVM. */
    static SendMode parse(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> AUTO;
            case "async" -> ASYNC;
            case "pool" -> POOL;
            case "virtual" -> {
                if (VirtualThreads.FACTORY == null) {
                    throw new IllegalArgumentException("inkroom.send.mode=virtual needs Java 21 or later (this is "
                            + Runtime.version() + ")");
                }
                yield VIRTUAL;
            }
            default -> throw new IllegalArgumentException(
                    "inkroom.send.mode must be auto, async, virtual or pool, not '" + value + "'");
        };
    }

    /** Which WebSocket implementation a session belongs to (told apart by its class). */
    enum Server {
        LIBERTY, UNDERTOW, TYRUS, OTHER;

        static Server of(Object session) {
            String c = session.getClass().getName();
            if (c.startsWith("com.ibm.") || c.startsWith("io.openliberty.")) {
                return LIBERTY;
            } else if (c.startsWith("io.undertow.")) {
                return UNDERTOW; // WildFly
            } else if (c.startsWith("org.glassfish.tyrus.")) {
                return TYRUS; // Payara, GlassFish (and the in-JVM tests)
            }
            return OTHER;
        }
    }

    /** This mode for a session: {@code auto} becomes the mode chosen for its server and this JDK. */
    SendMode resolve(Object session) {
        if (this != AUTO) {
            return this;
        }
        Server server = Server.of(session);
        SendMode mode = resolve(server);
        if (LOGGED.compareAndSet(false, true)) {
            LOG.log(java.util.logging.Level.INFO, "inkroom.send.mode=auto: {0} ({1} session {2}, Java {3})",
                    new Object[] {mode.name().toLowerCase(Locale.ROOT), server, session.getClass().getName(), Runtime.version()});
        }
        return mode;
    }

    /** This mode on {@code server} and this JDK. */
    SendMode resolve(Server server) {
        return this != AUTO ? this : auto(server, Runtime.version().feature(), VirtualThreads.FACTORY != null);
    }

    /**
     * What {@code auto} picks: the mode that measured best for plain clients on that server and JDK
     * (bench/run.sh, BENCHMARKS.md "Issue 11"). Virtual threads only from Java 24 (JEP 491).
     */
    static SendMode auto(Server server, int javaFeature, boolean virtualThreads) {
        boolean virtual = javaFeature >= 24 && virtualThreads;
        return switch (server) {
            // Java 17, plain clients: pool passed W1 2,000 and W2 3,000 sends/s where async failed
            // W1 at 1,000 and passed W2 2,000; Java 25: virtual passed W2 4,000, pool 3,000.
            case LIBERTY -> virtual ? VIRTUAL : POOL;
            // Blocking writes from a thread of ours hand each frame to Undertow's I/O thread and wait:
            // pool failed W1 at 1,000 (p50 286 ms) where async passed it.
            case UNDERTOW -> ASYNC;
            // Payara (Tyrus): async passed W1 1,000 and W2 2,000, pool failed both (p99 74-128 ms).
            case TYRUS -> ASYNC;
            case OTHER -> virtual ? VIRTUAL : ASYNC;
        };
    }

    /** Writes block the writing thread (virtual, pool): the outbox drains on an executor. */
    boolean blocking() {
        return this == VIRTUAL || this == POOL;
    }

    /**
     * Runs each drain on a new virtual thread. ({@link #parse} accepts {@code virtual} only where virtual
     * threads exist; the in-JVM tests also run this mode on Java 17, where each drain gets a new
     * platform thread: the same blocking code path, with heavier threads.)
     */
    static Executor drainer() {
        return VirtualThreads.EXECUTOR != null ? VirtualThreads.EXECUTOR : task -> {
            Thread t = new Thread(task, "inkroom-send");
            t.setDaemon(true);
            t.start();
        };
    }

    /** Looked up reflectively: the code is compiled for Java 17, where virtual threads do not exist. */
    private static final class VirtualThreads {
        static final ThreadFactory FACTORY = factory();
        static final Executor EXECUTOR = FACTORY == null ? null : task -> FACTORY.newThread(task).start();

        private static ThreadFactory factory() {
            try {
                // Unnamed: a name is built per thread (a StringBuilder and two strings for every drain,
                // 8 % of Inkroom's allocation samples on Liberty 25 W2, BENCHMARKS.md session 51), and
                // nothing reads it: the OS and the bench's per-thread CPU see the carrier threads, and a
                // JSON thread dump (jcmd Thread.dump_to_file) still lists each virtual thread by its id.
                Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
                Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
                return (ThreadFactory) ofVirtual.getMethod("factory").invoke(builder);
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null; // before Java 21
            }
        }
    }
}
