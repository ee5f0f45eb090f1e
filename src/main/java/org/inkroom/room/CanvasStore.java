package org.inkroom.room;

import java.util.List;
import org.inkroom.protocol.Element;

/**
 * Where a room's history lives beyond memory. A room calls these while holding its lock, in
 * sequence order, so implementations must not block on I/O: queue the write and persist it
 * behind (write-behind), and make {@link #load} cheap for rooms that were never stored.
 */
public interface CanvasStore {

    /** The stored canvas of a room, in drawing order, and the last sequence number it used. */
    Canvas load(RoomId room);

    /** An element was accepted under sequence number {@code seq}. */
    void appended(RoomId room, long seq, Element element);

    /** The room was cleared at {@code seq}; everything stored before it may be compacted away. */
    void cleared(RoomId room, long seq);

    /** Flushes pending writes; called on shutdown. */
    default void flush() { }

    /** A room's stored state. */
    record Canvas(List<Element> elements, long seq) {
        public static final Canvas EMPTY = new Canvas(List.of(), 0);
    }

    /** No store: a room's canvas lives in memory only and is gone once the room is evicted. */
    CanvasStore MEMORY_ONLY = new CanvasStore() {
        @Override
        public Canvas load(RoomId room) {
            return Canvas.EMPTY;
        }

        @Override
        public void appended(RoomId room, long seq, Element element) { }

        @Override
        public void cleared(RoomId room, long seq) { }
    };
}
