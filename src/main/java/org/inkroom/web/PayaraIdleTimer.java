package org.inkroom.web;

import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 *
 * <p>That scheduler also skips the re-arm when there is no idle timeout to arm (Payara's default, and
 * Inkroom's: its own heartbeat finds silent peers). Tyrus 2.1.5 re-arms even then: each frame cancels
 * the last timer and schedules a new one with a delay of 0, so the timer thread wakes to run a
 * command that does nothing (it closes the session only while the idle timeout is above 0, and
 * setting a timeout re-arms with the new delay). Cancelling, scheduling and waking were 11.5 % of
 * Payara's CPU at 1 room x 50, 2,500 sends/s (async-profiler, BENCHMARKS.md session 30).
 */
final class PayaraIdleTimer {

    private static final Logger LOG = Logger.getLogger(PayaraIdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static volatile boolean unavailable;

    private PayaraIdleTimer() { }

    /** The shared timer. */
    private static final class Holder {
        static final ScheduledThreadPoolExecutor TIMER = new Timer("inkroom-idle-timer");
    }

    /** The name of the command Tyrus schedules for a session's idle timeout. */
    static final String IDLE_COMMAND = TYRUS_SESSION + "$IdleTimeoutCommand";

    /**
     * One thread; cancelled timers are removed at once (each frame cancels one); an idle-timeout
     * command due at once is not run (with no timeout set it does nothing; see the class comment).
     */
    static final class Timer extends ScheduledThreadPoolExecutor {

        Timer(String threadName) {
            super(1, r -> {
                Thread th = new Thread(r, threadName);
                th.setDaemon(true);
                return th;
            });
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay <= 0 && command.getClass().getName().equals(IDLE_COMMAND)) {
                return Done.INSTANCE;
            }
            return super.schedule(command, delay, unit);
        }
    }

    /** What a skipped re-arm returns: a timer that has already fired (cancelling it does nothing). */
    private static final class Done implements ScheduledFuture<Object> {
        static final Done INSTANCE = new Done();

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
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
            // Only a server's managed executor (Payara's ManagedScheduledExecutorService adapter), never
            // the plain scheduler standalone Tyrus (the in-JVM tests) uses.
            if (current instanceof ScheduledExecutorService && !(current instanceof ScheduledThreadPoolExecutor)
                    && current.getClass().getName().contains("Managed")) {
                f.set(session, Holder.TIMER);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.FINE, e, () -> "No Tyrus idle timer to replace in " + session.getClass().getName());
        }
    }
}
