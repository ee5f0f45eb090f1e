package org.inkroom.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A room's lock, and the queue of work its members' threads leave when they find it taken.
 *
 * <p>A thread with an op for the room ({@link #submit}) does not wait for the lock: if another
 * thread holds it, the op is queued and the thread returns at once; the holder runs the queue, in
 * order, before it lets go for good ({@link #unlock}). In a busy room every member's thread used to
 * park on the lock and be woken in turn, a system call each way; now one thread applies the run of
 * ops that queued up meanwhile, and each receiver's I/O starts once per run instead of once per op.
 *
 * <p>Nothing queued is left behind: a thread queues before it tries the lock, and every holder
 * looks at the queue after releasing it (volatile order: one of the two sees the other).
 */
final class RoomLock {

    private static final Logger LOG = Logger.getLogger(RoomLock.class.getName());

    /** Work to do under the lock, leaving what must wait for its release in {@code after}. */
    interface Work {
        void run(After after);
    }

    /** What work under the lock leaves for after it: receivers whose I/O to start, slow receivers, callbacks. */
    static final class After {
        Member[] audience;
        final List<Peer> slow = new ArrayList<>(0);
        final List<Runnable> then = new ArrayList<>(0);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Work> queue = new ConcurrentLinkedQueue<>();
    private final String name;
    /** Runs each {@link After} once the lock is released. */
    private final Consumer<After> finish;

    RoomLock(String name, Consumer<After> finish) {
        this.name = name;
        this.finish = finish;
    }

    /** Waits for the lock (joins, leaves, the bus's ops: rarer than members' ops, and they need an answer now). */
    void lock() {
        lock.lock();
    }

    /** Takes the lock with all work queued so far done: what the caller reads next includes it. Pair with {@link #unlock(After)}. */
    After lockCurrent() {
        lock.lock();
        After after = new After();
        runQueued(after);
        return after;
    }

    /** Releases the lock, then runs what other threads queued while it was held. */
    void unlock() {
        lock.unlock();
        if (!queue.isEmpty() && !lock.isHeldByCurrentThread()) {
            drain();
        }
    }

    /** {@link #unlock()}, then finishes what {@link #lockCurrent} left. */
    void unlock(After after) {
        unlock();
        finish.accept(after);
    }

    /** Runs {@code work} under the lock: now if it is free, else by the thread that holds it. */
    void submit(Work work) {
        queue.add(work);
        drain();
    }

    private void drain() {
        while (!queue.isEmpty() && lock.tryLock()) {
            After after = new After();
            try {
                runQueued(after);
            } finally {
                lock.unlock();
            }
            finish.accept(after);
        }
    }

    /** Lock held. */
    private void runQueued(After after) {
        for (Work w = queue.poll(); w != null; w = queue.poll()) {
            try {
                w.run(after);
            } catch (RuntimeException e) {
                // A bug: the op is lost, the room and the other ops carry on.
                LOG.log(Level.WARNING, e, () -> "An op in room " + name + " failed");
            }
        }
    }
}
