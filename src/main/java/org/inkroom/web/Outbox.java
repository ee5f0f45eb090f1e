package org.inkroom.web;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.inkroom.room.Frame;

/**
 * One receiver's outbound queue with at most one send in flight: Open Liberty fails an async send
 * that overlaps an unfinished one, so the next send starts only when the previous completes.
 *
 * <p>Cursor positions and user lists are coalesced while they wait (latest wins); drawing
 * operations never are: once {@code capacity} of them are waiting and a write to the receiver has
 * been in progress for {@link #STALL_NANOS} (it stopped reading), the queue reports an overflow and
 * the receiver is closed with 1013 rather than silently losing strokes (the seed dropped them). A
 * receiver whose writes complete is not slow, however long its queue waits for a writer: the whole
 * server is behind (a cold start, a burst on a busy room), and closing it would close every member
 * of the room at once; its queue may grow to {@link #BEHIND_FACTOR} times {@code capacity} before
 * it is closed all the same.
 *
 * <p>Completion callbacks may run on the calling thread (WildFly does this), so the queue is
 * drained in a loop, never by recursion.
 *
 * <p>A receiver that opted in ({@code batch=1}) gets everything waiting in one frame, a JSON array
 * of the messages: the server's cost is per frame written, so a busy room sends far fewer frames.
 */
final class Outbox {

    /** The asynchronous connection underneath. */
    interface Transport {
        /** Starts sending; {@code done} gets null on success or the failure. May complete inline. */
        void send(String text, Consumer<Throwable> done);

        /** Sends a ping; {@code done} as for {@link #send}. */
        default void ping(Consumer<Throwable> done) {
            done.accept(null);
        }
    }

    /**
     * A connection whose writes block until they are done (the {@code virtual} and {@code pool}
     * modes): the outbox drains it in a plain loop, with no callback and nothing allocated per frame.
     */
    interface BlockingTransport extends Transport {
        /** Writes one frame; the failure, or null once written. */
        Throwable write(String text);

        /** Writes a ping; as {@link #write}. */
        Throwable writePing();

        @Override
        default void send(String text, Consumer<Throwable> done) {
            done.accept(write(text));
        }

        @Override
        default void ping(Consumer<Throwable> done) {
            done.accept(writePing());
        }
    }

    /** Told what was written: a number of frames holding a number of messages. */
    @FunctionalInterface
    interface Written {
        void sent(int frames, int messages);
    }

    /** A waiting frame that a newer one with the same key replaces; other frames wait as their bare text. */
    private static final class Slot {
        String text;
        final String key;

        Slot(String text, String key) {
            this.text = text;
            this.key = key;
        }
    }

    private static String textOf(Object waiting) {
        return waiting instanceof Slot slot ? slot.text : (String) waiting;
    }

    /** A receiver at capacity with a write in progress for this long is not reading: it is closed. */
    static final long STALL_NANOS = 1_000_000_000L;
    /** A receiver still taking frames is closed only once this many times capacity are waiting. */
    static final int BEHIND_FACTOR = 4;

    /** A batch frame stops growing past this many characters (it still holds at least one message). */
    static final int MAX_BATCH_CHARS = 256 * 1024;

    private final Transport transport;
    private final int capacity;
    private final boolean batching;
    private final Consumer<Throwable> onFailure;
    private final Executor drainer;
    private final int burst;
    /**
     * Told what was written: after each async send, and once per drain with a blocking transport
     * (a drain writes up to a whole queue, and a call per frame was work on every frame).
     */
    private final Written written;
    private final ReentrantLock lock = new ReentrantLock();
    // All guarded by lock.
    /** Each entry a frame's text (drawing operations and the like) or a {@link Slot} (coalescible). */
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final HashMap<String, Slot> waitingByKey = new HashMap<>();
    private int operations;
    private final java.util.function.LongSupplier clock;
    /** When the send in flight began (System.nanoTime), or 0: a watchdog's view of a send that never completes. */
    private volatile long sendingSinceNanos;
    /** A ping goes out before the next frame (a control frame, so it may not overlap a send either). */
    private boolean pingWanted;
    private boolean inFlight;
    private boolean closed;
    /** Runs once the send in flight at close time has finished (see {@link #closeThen}). */
    private Runnable whenIdle;
    /** Messages in the frame {@link #next} returned last (only the one pump running reads it). */
    private int nextMessages;
    /** Messages in the async send in flight (0: a ping). */
    private volatile int inFlightMessages;
    /** The async send in flight: 0 sending, 1 send() returned first (the callback continues),
     *  2 completed inline (the pump's loop continues). One send at a time, so one state and one
     *  callback serve every frame. */
    private final AtomicInteger asyncState = new AtomicInteger();
    private final Consumer<Throwable> asyncDone = this::sent;
    private final Runnable pumpTask = this::pump;

    Outbox(Transport transport, int capacity, Consumer<Throwable> onFailure) {
        this(transport, capacity, onFailure, false);
    }

    Outbox(Transport transport, int capacity, Consumer<Throwable> onFailure, boolean batching) {
        this(transport, capacity, onFailure, batching, null);
    }

    /**
     * @param drainer where draining runs; null: on the thread that calls {@link #flush()} (and then
     *     on the transport's completion callbacks). With a blocking transport (it completes inline),
     *     each drain holds one thread of the drainer until the queue is empty.
     */
    Outbox(Transport transport, int capacity, Consumer<Throwable> onFailure, boolean batching, Executor drainer) {
        this(transport, capacity, onFailure, batching, drainer, (frames, messages) -> { });
    }

    Outbox(Transport transport, int capacity, Consumer<Throwable> onFailure, boolean batching, Executor drainer,
           Written written) {
        this(transport, capacity, onFailure, batching, drainer, written, 0);
    }

    /**
     * @param burst with a drainer: frames one drain writes before it hands the rest to a new drainer
     *     task (behind the other receivers waiting for the drainer's threads); 0: no limit
     */
    Outbox(Transport transport, int capacity, Consumer<Throwable> onFailure, boolean batching, Executor drainer,
           Written written, int burst) {
        this(transport, capacity, onFailure, batching, drainer, written, burst, System::nanoTime);
    }

    /** As above, telling time by {@code clock} (nanoseconds). */
    Outbox(Transport transport, int capacity, Consumer<Throwable> onFailure, boolean batching, Executor drainer,
           Written written, int burst, java.util.function.LongSupplier clock) {
        this.clock = clock;
        this.burst = drainer == null ? 0 : burst;
        this.written = written;
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1");
        }
        this.transport = transport;
        this.capacity = capacity;
        this.onFailure = onFailure;
        this.batching = batching;
        this.drainer = drainer;
    }

    /** Queues a frame; false only for the frame that overflowed (the queue is closed from then on). */
    boolean offer(Frame frame) {
        lock.lock();
        try {
            if (closed) {
                return true;
            }
            if (frame.coalescible()) {
                Slot waiting = waitingByKey.get(frame.coalesceKey());
                if (waiting != null) {
                    waiting.text = frame.text();
                } else {
                    Slot slot = new Slot(frame.text(), frame.coalesceKey());
                    waitingByKey.put(slot.key, slot);
                    queue.add(slot);
                }
                return true;
            }
            if (operations >= capacity && (operations >= capacity * BEHIND_FACTOR || stalled())) {
                closeLocked();
                return false;
            }
            operations++;
            queue.add(frame.text());
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a ping as soon as no send is in flight (before any frame queued meanwhile). */
    void ping() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            pingWanted = true;
        } finally {
            lock.unlock();
        }
        flush();
    }

    /** Starts draining unless a send is already in flight. */
    void flush() {
        lock.lock();
        try {
            if (inFlight || closed || (queue.isEmpty() && !pingWanted)) {
                return;
            }
            inFlight = true;
        } finally {
            lock.unlock();
        }
        if (drainer == null) {
            pump();
            return;
        }
        try {
            drainer.execute(pumpTask);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * Drops everything waiting, refuses further frames, and runs {@code action} once no send is in
     * flight any more: at once if none is, else when the current one finishes. (Liberty answers a
     * close that overlaps a write by dropping the connection without its close frame.)
     */
    void closeThen(Runnable action) {
        boolean now;
        lock.lock();
        try {
            now = !inFlight;
            closed = true;
            queue.clear();
            waitingByKey.clear();
            operations = 0;
            if (!now) {
                whenIdle = action;
            }
        } finally {
            lock.unlock();
        }
        if (now) {
            action.run();
        }
    }

    /** Drops everything waiting and refuses further frames. */
    void close() {
        lock.lock();
        try {
            closeLocked();
        } finally {
            lock.unlock();
        }
    }

    /** A write to this receiver has been in progress for {@link #STALL_NANOS} (time waiting for a writer does not count). */
    private boolean stalled() {
        return sendingFor(clock.getAsLong()) >= STALL_NANOS;
    }

    /** How long the send in flight has been going, in nanoseconds at {@code nowNanos}; 0 when none is. */
    long sendingFor(long nowNanos) {
        long since = sendingSinceNanos;
        return since == 0 ? 0 : nowNanos - since;
    }

    int waiting() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void pump() {
        if (transport instanceof BlockingTransport blocking) {
            pumpBlocking(blocking);
        } else {
            pumpAsync();
        }
    }

    /** True (and the rest of the queue handed to a new drainer task) once this turn wrote its share. */
    private boolean turnOver(int turn) {
        if (burst == 0 || turn <= burst) {
            return false;
        }
        // A fixed set of writers serves every receiver: the rest of this queue waits its turn.
        try {
            drainer.execute(pumpTask);
        } catch (RuntimeException e) {
            fail(e);
        }
        return true;
    }

    private void pumpBlocking(BlockingTransport blocking) {
        int frames = 0;
        int messages = 0;
        try {
            for (int turn = 1; !turnOver(turn); turn++) {
                String text = next();
                if (text == null) {
                    return;
                }
                sendingSinceNanos = Math.max(1, clock.getAsLong());
                Throwable failure;
                try {
                    failure = text == PING ? blocking.writePing() : blocking.write(text);
                } catch (RuntimeException e) {
                    failure = e;
                }
                sendingSinceNanos = 0;
                if (failure != null) {
                    fail(failure);
                    return;
                }
                if (text != PING) {
                    frames++;
                    messages += nextMessages;
                }
            }
        } finally {
            if (frames > 0) {
                written.sent(frames, messages);
            }
        }
    }

    private void pumpAsync() {
        for (int turn = 1; !turnOver(turn); turn++) {
            String text = next();
            if (text == null) {
                return;
            }
            inFlightMessages = text == PING ? 0 : nextMessages;
            asyncState.set(0);
            sendingSinceNanos = Math.max(1, clock.getAsLong());
            try {
                if (text == PING) {
                    transport.ping(asyncDone);
                } else {
                    transport.send(text, asyncDone);
                }
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (asyncState.compareAndSet(0, 1)) {
                return;
            }
        }
    }

    /** The async send in flight finished. */
    private void sent(Throwable failure) {
        sendingSinceNanos = 0;
        if (failure != null) {
            fail(failure);
            return;
        }
        int messages = inFlightMessages;
        if (messages > 0) {
            written.sent(1, messages);
        }
        if (!asyncState.compareAndSet(0, 2)) {
            pump();
        }
    }

    /** Stands for a ping among the frames {@link #next} returns (compared by identity). */
    private static final String PING = new String("ping");

    /**
     * The next frame to send (its message count in {@link #nextMessages}), {@link #PING}, or null (and
     * nothing in flight any more) when empty or closed.
     */
    private String next() {
        Runnable idle = null;
        lock.lock();
        try {
            if (pingWanted && !closed) {
                pingWanted = false;
                return PING;
            }
            String text = closed ? null : take();
            if (text == null) {
                inFlight = false;
                idle = whenIdle;
                whenIdle = null;
                return null;
            }
            nextMessages = 1;
            if (!batching || queue.isEmpty()) {
                return text;
            }
            // Each text is a complete JSON document from the shared Jsonb; framing them as an array
            // needs only brackets and commas, not a second serialisation.
            StringBuilder batch = new StringBuilder(Math.min(MAX_BATCH_CHARS, text.length() * (queue.size() + 1)) + 2);
            batch.append('[').append(text);
            while (!queue.isEmpty() && batch.length() + textOf(queue.peek()).length() < MAX_BATCH_CHARS) {
                batch.append(',').append(take());
                nextMessages++;
            }
            return batch.append(']').toString();
        } finally {
            lock.unlock();
            if (idle != null) {
                idle.run();
            }
        }
    }

    /** Removes the head of the queue and updates the bookkeeping; lock held. Its text, or null. */
    private String take() {
        Object head = queue.poll();
        if (head instanceof Slot slot) {
            waitingByKey.remove(slot.key);
            return slot.text;
        }
        if (head != null) {
            operations--;
        }
        return (String) head;
    }

    private void fail(Throwable failure) {
        close();
        onFailure.accept(failure);
    }

    private void closeLocked() {
        closed = true;
        pingWanted = false;
        inFlight = false;
        queue.clear();
        waitingByKey.clear();
        operations = 0;
    }
}
