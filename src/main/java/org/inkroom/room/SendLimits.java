package org.inkroom.room;

import org.inkroom.config.Config;

/**
 * How much one connection may send: token buckets for drawing ops, for cursor positions and (much
 * stricter) for {@code clear}. A connection whose refused messages run past {@code refusalBurst}
 * (refilled at the ops rate) is flooding and gets closed (1008). Sizes: see the README's limits table.
 *
 * @param opsPerSecond   draw, update, erase and restore per second, sustained
 * @param opsBurst       ... in a burst
 * @param cursorsPerSecond cursor positions per second, sustained
 * @param cursorsBurst   ... in a burst
 * @param clearsPerMinute clears per minute, sustained
 * @param clearsBurst    ... in a burst
 * @param refusalBurst   refused messages (any reason) a connection may run up before it is closed;
 *                       0 turns the flood close off
 */
public record SendLimits(double opsPerSecond, int opsBurst, double cursorsPerSecond, int cursorsBurst,
                         double clearsPerMinute, int clearsBurst, int refusalBurst) {

    public SendLimits {
        if (opsPerSecond <= 0 || opsBurst < 1 || cursorsPerSecond <= 0 || cursorsBurst < 1
                || clearsPerMinute <= 0 || clearsBurst < 1 || refusalBurst < 0) {
            throw new IllegalArgumentException("send limits must be positive");
        }
    }

    /** Sized for people: twice a seed client that sends every pen point of a fast pen (~120/s), and far
     *  above what the page sends while drawing fast (measured by a browser test, SECURITY.md). */
    public static SendLimits defaults() {
        return new SendLimits(240, 480, 120, 240, 10, 5, 2_000);
    }

    /** No practical limit (benchmarks, tests that flood on purpose). */
    public static SendLimits unlimited() {
        return new SendLimits(1e9, 1_000_000_000, 1e9, 1_000_000_000, 1e9, 1_000_000_000, 0);
    }

    public static SendLimits fromConfig() {
        SendLimits d = defaults();
        return new SendLimits(
                Config.number("inkroom.limit.ops.per.second", (long) d.opsPerSecond(), 1, 1_000_000_000),
                (int) Config.number("inkroom.limit.ops.burst", d.opsBurst(), 1, 1_000_000_000),
                Config.number("inkroom.limit.cursors.per.second", (long) d.cursorsPerSecond(), 1, 1_000_000_000),
                (int) Config.number("inkroom.limit.cursors.burst", d.cursorsBurst(), 1, 1_000_000_000),
                Config.number("inkroom.limit.clears.per.minute", (long) d.clearsPerMinute(), 1, 1_000_000_000),
                (int) Config.number("inkroom.limit.clears.burst", d.clearsBurst(), 1, 1_000_000_000),
                (int) Config.number("inkroom.limit.refusals.burst", d.refusalBurst(), 0, 1_000_000_000));
    }
}
