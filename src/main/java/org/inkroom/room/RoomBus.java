package org.inkroom.room;

import java.util.function.Consumer;
import org.inkroom.protocol.ServerMessage;

/**
 * How the nodes that host the same room hear each other (Redis pub/sub in a cluster). A node
 * subscribes once per room it hosts, when the room is opened, and closes that subscription when
 * the room is evicted; everything a room accepts locally is published once.
 */
public interface RoomBus {

    /** Starts receiving other nodes' messages for {@code room}; exactly one per hosted room. */
    Subscription subscribe(RoomId room, Consumer<ServerMessage> fromOtherNodes);

    /** Hands a message this node accepted to the other nodes hosting {@code room}. */
    void publish(RoomId room, ServerMessage message);

    /** An open subscription; closing it stops delivery. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** A single node: nothing to publish to, nothing to hear. */
    RoomBus SINGLE_NODE = new RoomBus() {
        @Override
        public Subscription subscribe(RoomId room, Consumer<ServerMessage> fromOtherNodes) {
            return () -> { };
        }

        @Override
        public void publish(RoomId room, ServerMessage message) { }
    };
}
