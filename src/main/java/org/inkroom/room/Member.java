package org.inkroom.room;

/** A peer admitted to a room under its server-assigned identity, colour and role. */
public final class Member {

    private final String userId;
    private final String color;
    private final Peer peer;
    private final boolean acks;
    private final Role role;

    Member(String userId, String color, Peer peer, boolean acks) {
        this(userId, color, peer, acks, Role.EDITOR);
    }

    Member(String userId, String color, Peer peer, boolean acks, Role role) {
        this.userId = userId;
        this.color = color;
        this.peer = peer;
        this.acks = acks;
        this.role = role;
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

    public Role role() {
        return role;
    }

    /** The role as the protocol shows it: {@code "viewer"}, or null (omitted) for an editor. */
    String roleOnWire() {
        return role == Role.VIEWER ? role.wireName() : null;
    }

    Peer peer() {
        return peer;
    }

    @Override
    public String toString() {
        return userId;
    }
}
