package org.inkroom.room;

/**
 * How the nodes that host the same room agree on one order of its ops and hear each other (Redis
 * in a cluster). A node opens one {@link RoomChannel} per room it hosts, when the room opens, and
 * closes it when the room is evicted.
 */
public interface RoomBus extends AutoCloseable {

    /** Opens this node's channel for {@code room}; {@code listener} hears what the channel delivers. */
    RoomChannel open(RoomId room, RoomChannel.Listener listener);

    /** False while the bus cannot be reached: joins are refused and members closed with 1013 meanwhile. */
    default boolean available() {
        return true;
    }

    /** A short name for the logs: which bus, and which node this is. */
    default String describe() {
        return "single node";
    }

    @Override
    default void close() { }

    /** A single node: the room's own lock orders its ops; nothing to publish to, nothing to hear. */
    RoomBus SINGLE_NODE = (room, listener) -> new LocalChannel();
}
