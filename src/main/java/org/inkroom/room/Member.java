package org.inkroom.room;

/** A peer admitted to a room under its server-assigned identity and colour. */
public final class Member {

    private final String userId;
    private final String color;
    private final Peer peer;
    private final boolean acks;

    Member(String userId, String color, Peer peer, boolean acks) {
        this.userId = userId;
        this.color = color;
        this.peer = peer;
        this.acks = acks;
    }

    boolean wantsAcks() {
        return acks;
    }

    public String userId() {
        return userId;
    }

    public String color() {
        return color;
    }

    Peer peer() {
        return peer;
    }

    @Override
    public String toString() {
        return userId;
    }
}
