package org.inkroom.room;

import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.ErrorData;

/**
 * A connection's handle on the room it joined: what the endpoint keeps and calls. Every message
 * passes the member's {@link SendPolicy} first.
 */
public final class Membership {

    private final Room room;
    private final Member member;
    private final SendPolicy policy;
    /** Set once the policy closed this connection; read and written on its message thread only, as the policy is. */
    private boolean expelled;

    Membership(Room room, Member member, SendPolicy policy) {
        this.room = room;
        this.member = member;
        this.policy = policy;
    }

    public String userId() {
        return member.userId();
    }

    public String color() {
        return member.color();
    }

    public Role role() {
        return member.role();
    }

    public RoomId roomId() {
        return room.id();
    }

    /** A valid message from this member: applied if the policy lets it through, else refused or the connection closed. */
    public void receive(ClientMessage message) {
        act(policy.admit(message), message);
    }

    /** A frame from this member that could not be read as a valid message: answered with {@code error}. */
    public void reject(ErrorData error) {
        act(policy.malformed(error), null);
    }

    private void act(SendPolicy.Verdict verdict, ClientMessage message) {
        if (expelled) {
            return; // what a flooder still had in flight: closed already, logged and counted once
        }
        if (verdict instanceof SendPolicy.Admit) {
            room.receive(member, message);
        } else if (verdict instanceof SendPolicy.Refuse refuse) {
            room.reject(member, refuse.error());
        } else if (verdict instanceof SendPolicy.Close close) {
            expelled = true;
            room.expel(member, close.code(), close.reason());
        }
    }

    /** Removes this member; safe to call more than once. */
    public void leave() {
        room.leave(member);
    }
}
