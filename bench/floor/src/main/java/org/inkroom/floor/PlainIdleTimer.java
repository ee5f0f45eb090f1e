package org.inkroom.floor;

import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Payara Micro 6's Tyrus (2.1.5.payara-p2) re-arms each session's idle timer on every frame read and
 * written, on Payara's managed scheduled executor, which captures the thread context each time with a
 * ServiceLoader scan over the server's jars. This gives a session a plain scheduler instead
 * (FLOOR_PLAIN_IDLE_TIMER=false leaves Payara's). Does nothing on other servers.
 *
 * <p>As Inkroom's (web/PayaraIdleTimer), that scheduler skips the re-arm when no idle timeout is set:
 * Tyrus then schedules, per frame, a command due at once that does nothing.
 */
final class PlainIdleTimer {

    static final boolean ON = !"false".equals(System.getenv("FLOOR_PLAIN_IDLE_TIMER"));
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private PlainIdleTimer() { }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "floor-idle-timer");
            th.setDaemon(true);
            return th;
        }) {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                if (delay <= 0 && command.getClass().getName().equals(IDLE_COMMAND)) {
                    return DONE;
                }
                return super.schedule(command, delay, unit);
            }
        };
        t.setRemoveOnCancelPolicy(true); // re-armed per frame: cancelled timers must not pile up
        return t;
    }

    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static final String IDLE_COMMAND = TYRUS_SESSION + "$IdleTimeoutCommand";

    /** A timer that has already fired. */
    private static final ScheduledFuture<Object> DONE = new ScheduledFuture<>() {
        @Override public long getDelay(TimeUnit unit) { return 0; }
        @Override public int compareTo(Delayed o) { return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS)); }
        @Override public boolean cancel(boolean interrupt) { return false; }
        @Override public boolean isCancelled() { return false; }
        @Override public boolean isDone() { return true; }
        @Override public Object get() { return null; }
        @Override public Object get(long timeout, TimeUnit unit) { return null; }
    };

    static void apply(Object session) {
        if (!ON || !session.getClass().getName().equals(TYRUS_SESSION)) {
            return;
        }
        try {
            Field f = session.getClass().getDeclaredField("service");
            f.setAccessible(true);
            if (!(f.get(session) instanceof ScheduledThreadPoolExecutor)) {
                f.set(session, (ScheduledExecutorService) TIMER);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another Tyrus: leave it
        }
    }
}
