package org.inkroom.bench;

import java.util.List;

/**
 * A server under test: one port and process per node (one for a single server). Clients of a
 * room are spread over the nodes by their index in the room ({@link #node}).
 */
record Target(String name, int[] ports, List<Proc> procs) {
    /** The node (index into ports) a room's member number {@code member} connects to: members alternate. */
    int node(int member) {
        return member % ports.length;
    }

    boolean single() {
        return ports.length == 1;
    }

    /** The process of a single server (workloads 4 and 5). */
    Proc proc() {
        return procs.get(0);
    }

    double cpuSeconds() {
        return procs.stream().mapToDouble(Proc::cpuSeconds).sum();
    }

    long rssKb() {
        return procs.stream().mapToLong(Proc::rssKb).sum();
    }

    /** Heap in use now, summed over the nodes (kB), or -1 when a node is no JVM. */
    long heapUsedKb() {
        long sum = 0;
        for (Proc p : procs) {
            long h = p.heapUsedKb();
            if (h < 0) {
                return -1;
            }
            sum += h;
        }
        return sum;
    }

    long[] pids() {
        return procs.stream().mapToLong(p -> p.pid).toArray();
    }
}
