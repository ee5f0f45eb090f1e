package org.inkroom.room;

import java.util.List;
import java.util.UUID;

/**
 * Where a room's history lives beyond memory. A room calls {@link #append} and {@link #clear}
 * while holding its lock, in sequence order, so implementations must not block on I/O there:
 * queue the write and persist it behind (write-behind). {@link #whenDurable} is how the room
 * learns that what it handed over is safe, to acknowledge it to the client.
 */
public interface CanvasStore extends AutoCloseable {

    /** The stored history of a room: its ops after its last clear, in sequence order; creates its epoch if new. */
    History load(RoomId room);

    /** An op was accepted under sequence number {@code seq}. */
    void append(RoomId room, long seq, Op op);

    /** The room was cleared at {@code seq}: everything stored before it can be compacted away. */
    void clear(RoomId room, long seq);

    /** Runs {@code action} once everything handed over so far is durable (at once if nothing is pending). */
    void whenDurable(Runnable action);

    /** Blocks until everything handed over so far is durable. */
    default void flush() { }

    /** Whether the store answers now (readiness); a store in memory always does. */
    default boolean reachable() {
        return true;
    }

    /** Writes waiting for the next commit. */
    default int queued() {
        return 0;
    }

    /** Flushes and releases resources; idempotent. */
    @Override
    default void close() {
        flush();
    }

    /**
     * A room's stored state: the ops since its last clear (at {@code clearedAt}) and its last seq.
     * The {@code epoch} names this history: sequence numbers are only comparable within one epoch
     * (a room that starts over gets a new one).
     */
    record History(String epoch, long seq, long clearedAt, List<Op.Sequenced> ops) {
        public static History fresh() {
            return new History(newEpoch(), 0, 0, List.of());
        }
    }

    static String newEpoch() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * No store: a room's canvas lives in memory only; once the room is evicted it is gone, so
     * every load starts a new epoch. Everything is "durable" at once.
     */
    CanvasStore MEMORY_ONLY = new CanvasStore() {
        @Override
        public History load(RoomId room) {
            return History.fresh();
        }

        @Override
        public void append(RoomId room, long seq, Op op) { }

        @Override
        public void clear(RoomId room, long seq) { }

        @Override
        public void whenDurable(Runnable action) {
            action.run();
        }
    };
}
