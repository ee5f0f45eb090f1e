package org.inkroom.floor;

import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Payara Micro 6's Tyrus (2.1.5.payara-p2) re-arms each session's idle timer on every frame read and
 * written, on Payara's managed scheduled executor, which captures the thread context each time with a
 * ServiceLoader scan over the server's jars. This gives a session a plain scheduler instead
 * (FLOOR_PLAIN_IDLE_TIMER=false leaves Payara's). Does nothing on other servers.
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
        });
        t.setRemoveOnCancelPolicy(true); // re-armed per frame: cancelled timers must not pile up
        return t;
    }

    static void apply(Object session) {
        if (!ON || !session.getClass().getName().equals("org.glassfish.tyrus.core.TyrusSession")) {
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
