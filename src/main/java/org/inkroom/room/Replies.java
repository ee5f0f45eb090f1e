package org.inkroom.room;

import static org.inkroom.room.Audience.closeSlow;
import static org.inkroom.room.Audience.errorFrame;
import static org.inkroom.room.Audience.offer;

import java.util.ArrayList;
import java.util.List;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.ErrorData;
import org.inkroom.protocol.ServerMessage;

/**
 * What a room tells the sender about its own message: an error for one refused, an ack (if asked
 * for) only once the store holds the op, so an acknowledged stroke survives a crash.
 */
final class Replies {

    private final RoomId id;
    private final CanvasStore store;
    private final RoomChannel channel;
    private final RoomEvents events;

    Replies(RoomId id, CanvasStore store, RoomChannel channel, RoomEvents events) {
        this.id = id;
        this.store = store;
        this.channel = channel;
        this.events = events;
    }

    /** A frame the member sent could not be read or broke a rule: an error to it alone. */
    void reject(Member to, ErrorData error) {
        List<Peer> slow = new ArrayList<>(1);
        events.errorSent(error.code());
        offer(to, errorFrame(error.code(), error.message(), error.op()), slow);
        to.peer().flush();
        closeSlow(slow, events);
    }

    /** An op that changed nothing: refused (error to the sender) or already on the canvas (ack again). */
    void answer(Submission s, Canvas.Outcome outcome, List<Peer> slow) {
        if (s.from() == null) {
            return; // an administrator's op: nobody to answer
        }
        if (outcome instanceof Canvas.Refused r) {
            events.errorSent(r.code());
            offer(s.from(), errorFrame(r.code(), r.message(), s.label()), slow);
        } else if (outcome instanceof Canvas.Known k) {
            acknowledgeKnown(s, k.seq());
        }
    }

    /**
     * A resend of something the room already has: acknowledged again once stored. In a cluster the
     * op may have come from a node that died before storing it: the bus still holds it, so it is
     * stored here (the store ignores a seq it has) before the ack.
     */
    void acknowledgeKnown(Submission s, long seq) {
        if (channel.local()) {
            acknowledgeWhenDurable(s.from(), s.elementId(), s.label(), seq);
            return;
        }
        channel.fetch(seq).whenComplete((op, failure) -> {
            if (op != null && op.isPresent() && !(op.get().op() instanceof Op.Clear)) {
                store.append(id, seq, op.get().op());
            }
            acknowledgeWhenDurable(s.from(), s.elementId(), s.label(), seq);
        });
    }

    /** The ack goes out only once the store holds the operation. */
    void acknowledgeWhenDurable(Member to, String elementId, String op, long opSeq) {
        if (!to.wantsAcks()) {
            return;
        }
        store.whenDurable(() -> {
            Peer peer = to.peer();
            events.acked();
            if (peer.offer(Frame.of(Codec.encode(ServerMessage.ack(elementId, op, opSeq))))) {
                peer.flush();
            } else {
                closeSlow(List.of(peer), events);
            }
        });
    }
}
