package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timer Inkroom gives Payara's Tyrus sessions: it skips the re-arm Tyrus does on every frame
 * when no idle timeout is set, and schedules everything else as a plain scheduler would. The
 * command is Tyrus's own class (the one Payara's Tyrus schedules), from the test classpath.
 */
class PayaraIdleTimerTest {

    private final PayaraIdleTimer.Timer timer = new PayaraIdleTimer.Timer("test-idle-timer");

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** Tyrus's idle-timeout command (an inner class of TyrusSession; never run here). */
    private static Runnable tyrusIdleCommand() throws Exception {
        Class<?> c = Class.forName(PayaraIdleTimer.IDLE_COMMAND);
        Constructor<?> k = c.getDeclaredConstructors()[0];
        k.setAccessible(true);
        return (Runnable) k.newInstance((Object) null);
    }

    @Test
    void anIdleCommandDueAtOnceIsNotScheduled() throws Exception {
        ScheduledFuture<?> f = timer.schedule(tyrusIdleCommand(), 0, TimeUnit.MILLISECONDS);

        assertTrue(f.isDone());
        assertFalse(f.cancel(false));
        assertEquals(0, timer.getTaskCount(), "nothing queued, nothing for the timer thread to wake for");
    }

    @Test
    void anIdleTimeoutThatIsSetIsArmedAndCancelledAsBefore() throws Exception {
        ScheduledFuture<?> f = timer.schedule(tyrusIdleCommand(), 30, TimeUnit.SECONDS);

        assertFalse(f.isDone());
        assertEquals(1, timer.getQueue().size());
        assertTrue(f.cancel(false));
        assertEquals(0, timer.getQueue().size(), "a cancelled timer leaves the queue at once");
    }

    @Test
    void otherCommandsDueAtOnceStillRun() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        ScheduledFuture<?> f = timer.schedule(() -> ran.set(true), 0, TimeUnit.MILLISECONDS);

        f.get(10, TimeUnit.SECONDS);
        assertTrue(ran.get());
    }
}
