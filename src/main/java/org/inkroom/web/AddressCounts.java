package org.inkroom.web;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Connections per client address, held to a cap. A handshake that passes {@link #reserve}s a slot
 * before its 101 goes out, so the next handshake from the same address already sees it, even
 * though the connection is only {@link #open}ed later, in {@code @OnOpen}; without the
 * reservation one handshake more than the cap could pass. A reservation that no open takes up
 * within {@link #HOLD_MILLIS} (the client went away mid-upgrade) lapses.
 */
final class AddressCounts {

    /** How long a reserved slot waits for its connection to open. */
    static final long HOLD_MILLIS = 10_000;

    /** One address's open connections and the deadlines of its reserved slots, oldest first. */
    private static final class Count {
        int open;
        final ArrayDeque<Long> holds = new ArrayDeque<>();

        int used(long now) {
            while (!holds.isEmpty() && holds.peekFirst() <= now) {
                holds.pollFirst();
            }
            return open + holds.size();
        }

        boolean idle() {
            return open == 0 && holds.isEmpty();
        }
    }

    private final ConcurrentHashMap<String, Count> counts = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    AddressCounts(LongSupplier clock) {
        this.clock = clock;
    }

    /** True when {@code address} has a slot left under {@code cap} (nothing counted). */
    boolean hasRoom(String address, int cap) {
        Count c = counts.get(address);
        if (c == null) {
            return true;
        }
        synchronized (c) {
            return c.used(clock.getAsLong()) < cap;
        }
    }

    /** Holds a slot for a handshake of {@code address}; false (nothing held) when the address is at {@code cap}. */
    boolean reserve(String address, int cap) {
        boolean[] held = {false};
        long now = clock.getAsLong();
        counts.compute(address, (a, c) -> {
            Count count = c == null ? new Count() : c;
            synchronized (count) {
                if (count.used(now) < cap) {
                    count.holds.addLast(now + HOLD_MILLIS);
                    held[0] = true;
                }
                return count.idle() ? null : count;
            }
        });
        return held[0];
    }

    /**
     * Counts an open connection of {@code address} in, taking up a slot {@link #reserve}d for it, or
     * a free one when none is held (its reservation lapsed); false (not counted) when at {@code cap}.
     */
    boolean open(String address, int cap) {
        boolean[] counted = {false};
        long now = clock.getAsLong();
        counts.compute(address, (a, c) -> {
            Count count = c == null ? new Count() : c;
            synchronized (count) {
                count.used(now);
                if (!count.holds.isEmpty()) {
                    // The newest hold: an upgrade opens within milliseconds, so an older hold still
                    // waiting is more likely a client that went away, and it lapses when it was due.
                    count.holds.pollLast();
                    count.open++;
                    counted[0] = true;
                } else if (count.open < cap) {
                    count.open++;
                    counted[0] = true;
                }
                return count.idle() ? null : count;
            }
        });
        return counted[0];
    }

    /** Counts a connection {@link #open}ed before out again. */
    void close(String address) {
        counts.computeIfPresent(address, (a, c) -> {
            synchronized (c) {
                c.open = Math.max(0, c.open - 1);
                c.used(clock.getAsLong());
                return c.idle() ? null : c;
            }
        });
    }
}
