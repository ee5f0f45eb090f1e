package org.inkroom.room;

/**
 * What a connecting client asked for beyond the seed protocol: {@code ack} frames for its own
 * operations, and resuming from {@code since} in {@code epoch} instead of a full {@code sync};
 * and the role its link gave it.
 */
public record JoinOptions(boolean acks, Long since, String epoch, Role role) {

    public static final JoinOptions SEED = new JoinOptions(false, null, null, Role.EDITOR);

    public JoinOptions {
        if (role == null) {
            throw new IllegalArgumentException("a member needs a role");
        }
    }

    public JoinOptions(boolean acks, Long since, String epoch) {
        this(acks, since, epoch, Role.EDITOR);
    }

    public JoinOptions withRole(Role newRole) {
        return new JoinOptions(acks, since, epoch, newRole);
    }

    /** The role as the protocol shows it: {@code "viewer"}, or null (omitted) for an editor. */
    String roleOnWire() {
        return role == Role.VIEWER ? role.wireName() : null;
    }
}
