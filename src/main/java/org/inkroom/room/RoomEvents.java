package org.inkroom.room;

/**
 * What happens in rooms, for whoever observes it: metrics and the audit log implement this (one
 * seam, as cargotracker's {@code ApplicationEvents}), rooms, the store, the bus and the web layer
 * call it. Every method must return at once and never throw: some are called on the fan-out path.
 */
public interface RoomEvents {

    default void roomOpened(RoomId room) { }

    default void roomEvicted(RoomId room) { }

    default void memberJoined(RoomId room, String userId) { }

    default void memberLeft(RoomId room, String userId) { }

    /** A valid message from a member: {@code draw}, {@code update}, {@code erase}, {@code restore}, {@code clear} or {@code cursor}. */
    default void received(String type) { }

    /** An {@code error} reply with this code. */
    default void errorSent(String code) { }

    /** A receiver closed by the server with this close code. */
    default void receiverClosed(int code) { }

    /** Frames written to receivers, holding {@code messages} messages (more than one with batch=1). */
    default void sent(int frames, int messages) { }

    default void acked() { }

    /** The canvas was cleared: by a member ({@code by} its user id) or an administrator. */
    default void cleared(RoomId room, String by) { }

    /** An administrator acted on a room (close, clear, remove a member). */
    default void adminAction(String action, RoomId room, String detail) { }

    /** The store committed {@code writes} writes in {@code nanos}. */
    default void storeCommitted(int writes, long nanos) { }

    default void storeFailed() { }

    /** The bus numbered an op in {@code nanos} (cluster). */
    default void busPublished(long nanos) { }

    /** Ops read from the stream to fill a gap pub/sub left (cluster). */
    default void busGapFilled(int ops) { }

    default void busReconnected() { }

    /** Nothing observes. */
    RoomEvents NONE = new RoomEvents() { };

    /** Both, in order. */
    static RoomEvents both(RoomEvents first, RoomEvents second) {
        return new Both(first, second);
    }
}
