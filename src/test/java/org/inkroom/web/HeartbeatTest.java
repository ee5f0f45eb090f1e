package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The heartbeat's arithmetic; what a connection sees of it is in {@code LimitsTest}. */
class HeartbeatTest {

    private static final long S = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aConnectionSkippedAtOneVisitIsPingedAtTheNextBeforeItCanCountAsSilent() {
        assertEquals(10 * S, Heartbeat.quietNanos(20 * S, 45 * S), "the defaults: half the interval");
        assertEquals(5 * S, Heartbeat.quietNanos(20 * S, 25 * S), "no more than timeout - interval");
        assertEquals(0, Heartbeat.quietNanos(20 * S, 20 * S), "timeout = interval: every visit pings");
        for (long interval = 1; interval <= 60; interval++) {
            for (long timeout = interval; timeout <= 3 * interval; timeout++) {
                long quiet = Heartbeat.quietNanos(interval * S, timeout * S);
                assertTrue(quiet >= 0 && quiet + interval * S <= timeout * S, interval + " / " + timeout);
            }
        }
    }

    @Test
    void theWorkIsSpreadOverTicksAtLeast50MillisecondsApart() {
        assertEquals(20, Heartbeat.slicesFor(20_000));
        assertEquals(20, Heartbeat.slicesFor(1_000));
        assertEquals(10, Heartbeat.slicesFor(500));
        assertEquals(1, Heartbeat.slicesFor(50));
        assertEquals(1, Heartbeat.slicesFor(10));
    }

    @Test
    void connectionsFallIntoEverySliceAboutEvenly() {
        int[] counts = new int[Heartbeat.SLICES];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            int slice = Heartbeat.sliceOf(new Object(), Heartbeat.SLICES);
            assertTrue(slice >= 0 && slice < Heartbeat.SLICES);
            counts[slice]++;
        }
        for (int c : counts) {
            assertTrue(c > n / Heartbeat.SLICES / 2 && c < n / Heartbeat.SLICES * 2, "slice sizes " + java.util.Arrays.toString(counts));
        }
    }
}
