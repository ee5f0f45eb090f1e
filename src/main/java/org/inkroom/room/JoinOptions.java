package org.inkroom.room;

/**
 * What a connecting client asked for beyond the seed protocol: {@code ack} frames for its own
 * operations, and resuming from {@code since} in {@code epoch} instead of a full {@code sync}.
 */
public record JoinOptions(boolean acks, Long since, String epoch) {

    public static final JoinOptions SEED = new JoinOptions(false, null, null);
}
