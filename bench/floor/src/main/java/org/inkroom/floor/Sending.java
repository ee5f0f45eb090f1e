package org.inkroom.floor;

import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the relay writes ({@code floor.send} system property or FLOOR_SEND): {@code direct} (blocking
 * write on the receiving thread, one writer per socket at a time), {@code async} (async remote, one
 * send in flight per socket, the next from its callback), {@code pool} (blocking writes that drain a
 * socket's queue on a fixed pool, 2 threads per core) or {@code virtual} (the same on a virtual
 * thread per busy socket; Java 21+). Unset: per server, what measured best for Inkroom's own send
 * modes (BENCHMARKS.md, issue 11): Liberty pool before Java 24, virtual from 24; WildFly and Payara
 * async.
 */
enum Sending {
    DIRECT, ASYNC, POOL, VIRTUAL;

    /** The configured mode, or null: chosen per server from the first session ({@link #forSession}). */
    static final Sending CONFIGURED = setting().isEmpty() ? null : valueOf(setting().toUpperCase(Locale.ROOT));
    private static volatile Sending chosen;

    static Sending forSession(Object session) {
        Sending m = CONFIGURED != null ? CONFIGURED : chosen;
        if (m == null) {
            String c = session.getClass().getName();
            boolean virtual = Runtime.version().feature() >= 24 && virtual() != null;
            m = c.startsWith("com.ibm.") || c.startsWith("io.openliberty.") ? (virtual ? VIRTUAL : POOL) : ASYNC;
            chosen = m;
        }
        return m;
    }

    static String current() {
        Sending m = CONFIGURED != null ? CONFIGURED : chosen;
        return m == null ? "auto (no session yet)" : m.name().toLowerCase(Locale.ROOT);
    }
    static final Executor POOL_EXECUTOR = Executors.newFixedThreadPool(2 * Runtime.getRuntime().availableProcessors(),
            daemon("floor-send-"));
    static final Executor VIRTUAL_EXECUTOR = virtual();

    private static String setting() {
        String v = System.getProperty("floor.send");
        if (v == null || v.isBlank()) {
            v = System.getenv("FLOOR_SEND");
        }
        return v == null || v.isBlank() ? "" : v.trim();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static Executor virtual() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            ThreadFactory f = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
            return task -> f.newThread(task).start();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // before Java 21
        }
    }
}
