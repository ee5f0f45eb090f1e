package org.inkroom.room;

/** A join refused for a limit: the room's members, or the node's rooms or members (closed with 1013). */
public final class RoomFullException extends RuntimeException {

    public RoomFullException(RoomId room, int max) {
        super("room " + room + " is full (" + max + " members)");
    }

    public RoomFullException(String message) {
        super(message);
    }
}
