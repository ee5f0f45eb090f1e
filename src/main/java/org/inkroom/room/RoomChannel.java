package org.inkroom.room;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.inkroom.protocol.CursorData;

/**
 * One room's link to the bus on this node: where its ops get their seq (centrifuge's
 * {@code Broker.Publish} returning a stream position is the model), and where it hears what other
 * nodes accepted, in seq order and without gaps.
 */
public interface RoomChannel extends AutoCloseable {

    /**
     * True when this node alone orders the room's ops: {@link #publish} then completes at once with
     * the next number, called under the room's lock, and nothing is ever delivered back.
     */
    boolean local();

    /**
     * Agrees with the other nodes on the room's epoch and on where numbering stands, given the
     * {@code canvas} just loaded from the store; ops the store does not hold yet are then delivered
     * to the listener. May block (once per room opening).
     */
    Start start(Canvas canvas);

    /**
     * Where the room's history stands on the bus. With {@code renumbered} the bus had lost it and
     * starts a new epoch whose numbering continues at {@code seq}; otherwise the canvas keeps its
     * seq and is caught up by deliveries.
     */
    record Start(String epoch, long seq, boolean renumbered) { }

    /**
     * Assigns {@code op} the room's next seq, atomically with de-duplication by element id, and
     * delivers it to every node hosting the room (this one included, with {@code origin} attached).
     * Completes with the seq assigned, or with the seq of the op that already drew the element.
     */
    CompletionStage<Publication> publish(String userId, Op op, Object origin);

    /** The result of {@link #publish}. */
    record Publication(long seq, boolean duplicate) { }

    /** The op stored under {@code seq} on the bus, if the bus still holds it (to store it when its origin could not). */
    default CompletionStage<Optional<Op.Sequenced>> fetch(long seq) {
        return java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    }

    /** Relays a cursor position to the other nodes (never ordered, never stored). */
    default void publishCursor(String userId, CursorData cursor) { }

    /**
     * A name and colour unique across the room on every node, claimed for a new member; {@code base}
     * is already sanitized, {@code localNames}/{@code localColors} are this node's members. May block.
     */
    Identity claim(String base, Set<String> localNames, Set<String> localColors, Role role);

    /** A member's identity in the room. */
    record Identity(String userId, String color) { }

    /** How a member on another node shows in the people list: its colour and role. */
    record Presence(String color, Role role) { }

    /** Gives back a claimed identity (the member left). */
    default void release(String userId) { }

    /** Members present on other nodes: user id to colour and role. */
    default Map<String, Presence> remoteMembers() {
        return Map.of();
    }

    /** Stops hearing the room (it was evicted). */
    @Override
    void close();

    /** What a room hears from its channel; called on the channel's own thread, one call at a time per room. */
    interface Listener {

        /** The next op in seq order; {@code origin} is what this node passed to {@link #publish}, or null. */
        void sequenced(Op.Sequenced op, Object origin);

        /** Another node's member moved its pointer. */
        void cursor(String userId, CursorData cursor);

        /** A member joined ({@code presence} set) or left ({@code presence} null) on another node. */
        void presence(String userId, Presence presence);

        /** The bus lost this room's history (an epoch change) or cannot fill a gap: reload and resync everyone. */
        void reset(String reason);

        /** The bus cannot be reached: the room's members are closed with 1013 so their pages retry. */
        void unavailable();
    }

    /** The bus is unreachable: the operation cannot be ordered now; try again later. */
    final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnavailableException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
