package org.inkroom.web;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works around Payara Micro 6's collapse under load (seen in 6.2025.10, Tyrus 2.1.5.payara-p2): its
 * Tyrus re-arms each session's idle timer on every frame read and every frame written, on Payara's
 * managed scheduled executor, and that executor captures the thread context for each task with a
 * {@code ServiceLoader} scan over the server's jars. On this 2-core box that scan was most of the
 * CPU (JFR), and even the bare relay floor fell behind at 1 room x 50 clients, 1,000 sends/s
 * (49 % delivered, p50 2.4 s); with a plain scheduler it passed (p50 1.9 ms). BENCHMARKS.md, issue 11.
 *
 * <p>This gives such a session one shared plain scheduler instead (the idle timeout itself behaves
 * as before). It reaches Tyrus's internals by reflection: on another server, or a Tyrus whose
 * internals differ or that already uses a plain scheduler, it does nothing.
 */
final class PayaraIdleTimer {

    private static final Logger LOG = Logger.getLogger(PayaraIdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static volatile boolean unavailable;

    private PayaraIdleTimer() { }

    /** The shared timer: one thread; cancelled timers are removed at once (each frame cancels one). */
    private static final class Holder {
        static final ScheduledThreadPoolExecutor TIMER = timer();

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "inkroom-idle-timer");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    /** Call once per new session; harmless anywhere. */
    static void apply(Object session) {
        if (unavailable || !session.getClass().getName().equals(TYRUS_SESSION)) {
            return;
        }
        try {
            Field f = session.getClass().getDeclaredField("service");
            f.setAccessible(true);
            Object current = f.get(session);
            if (current instanceof ScheduledExecutorService && !(current instanceof ScheduledThreadPoolExecutor)) {
                f.set(session, Holder.TIMER);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.FINE, e, () -> "No Tyrus idle timer to replace in " + session.getClass().getName());
        }
    }
}
