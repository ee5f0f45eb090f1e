package org.inkroom.room;

import java.util.concurrent.atomic.AtomicInteger;

/** How many members all rooms of this node hold together, kept against the node's cap. */
final class NodeMembers {

    private final AtomicInteger count = new AtomicInteger();

    /** Counts one more member unless that would pass {@code cap}. */
    boolean tryAdd(int cap) {
        while (true) {
            int now = count.get();
            if (now >= cap) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void remove() {
        count.decrementAndGet();
    }

    int count() {
        return count.get();
    }
}
