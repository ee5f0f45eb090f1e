package org.inkroom.room;

/** A join refused because the room has its maximum number of members. */
public final class RoomFullException extends RuntimeException {

    public RoomFullException(RoomId room, int max) {
        super("room " + room + " is full (" + max + " members)");
    }
}
