package org.inkroom.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The load generator's own garbage collections. It shares the box with the server, and a pause of
 * its own (20-55 ms under load, session 26's flight recordings) stops every sender and receiver at
 * once: in a measured window that reads exactly like a server-wide burst of late deliveries. So each
 * drawing step collects before its window, while nothing is measured, and reports any collection
 * that still fell inside ({@code client_gc}).
 */
final class ClientGc {

    private static final List<GarbageCollectorMXBean> BEANS = ManagementFactory.getGarbageCollectorMXBeans();

    private final long count;
    private final long millis;

    private ClientGc(long count, long millis) {
        this.count = count;
        this.millis = millis;
    }

    /** Collects now (outside any window), so the next young collection is tens of seconds away. */
    static void collectBeforeWindow() {
        System.gc();
    }

    /** Collections and their time so far, all collectors. */
    static ClientGc now() {
        long c = 0;
        long ms = 0;
        for (GarbageCollectorMXBean b : BEANS) {
            c += Math.max(0, b.getCollectionCount());
            ms += Math.max(0, b.getCollectionTime());
        }
        return new ClientGc(c, ms);
    }

    /** "none", or "N, M ms": the client's collections since this snapshot. */
    String since() {
        ClientGc after = now();
        long n = after.count - count;
        return n == 0 ? "none" : n + ", " + (after.millis - millis) + " ms";
    }
}
