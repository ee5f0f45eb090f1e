package org.inkroom.room;

import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.ErrorData;

/** A connection's handle on the room it joined: what the endpoint keeps and calls. */
public final class Membership {

    private final Room room;
    private final Member member;

    Membership(Room room, Member member) {
        this.room = room;
        this.member = member;
    }

    public String userId() {
        return member.userId();
    }

    public String color() {
        return member.color();
    }

    public RoomId roomId() {
        return room.id();
    }

    /** Applies a valid message from this member. */
    public void receive(ClientMessage message) {
        room.receive(member, message);
    }

    /** Answers this member (only) with an error. */
    public void reject(ErrorData error) {
        room.reject(member, error);
    }

    /** Removes this member; safe to call more than once. */
    public void leave() {
        room.leave(member);
    }
}
