package org.inkroom.room;

import java.util.function.LongSupplier;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.ErrorData;

/**
 * Decides what one member may send and how often: viewers send nothing that changes the room,
 * everyone's drawing ops, cursors and clears go through a token bucket each, and a connection that
 * keeps sending what is refused (by this policy or as malformed) is closed as a flood. One per
 * connection, used from that connection's message thread only (the container delivers one message
 * per session at a time).
 */
public final class SendPolicy {

    /** What happens to one incoming message. */
    public sealed interface Verdict permits Admit, Refuse, Close { }

    /** Goes on to the room. */
    public record Admit() implements Verdict { }

    /** Answered with this error only; nothing changes. */
    public record Refuse(ErrorData error) implements Verdict { }

    /** The connection is closed with this code: it flooded. */
    public record Close(int code, String reason) implements Verdict { }

    private static final Admit ADMIT = new Admit();

    private final Role role;
    private final LongSupplier nanoClock;
    private final TokenBucket ops;
    private final TokenBucket cursors;
    private final TokenBucket clears;
    private final TokenBucket refusals;

    public SendPolicy(Role role, SendLimits limits, LongSupplier nanoClock) {
        this.role = role;
        this.nanoClock = nanoClock;
        long now = nanoClock.getAsLong();
        this.ops = new TokenBucket(limits.opsPerSecond(), limits.opsBurst(), now);
        this.cursors = new TokenBucket(limits.cursorsPerSecond(), limits.cursorsBurst(), now);
        this.clears = new TokenBucket(limits.clearsPerMinute() / 60.0, limits.clearsBurst(), now);
        this.refusals = limits.refusalBurst() == 0 ? null
                : new TokenBucket(limits.opsPerSecond(), limits.refusalBurst(), now);
    }

    public Role role() {
        return role;
    }

    /** The verdict on a well-formed message from this member. */
    public Verdict admit(ClientMessage message) {
        long now = nanoClock.getAsLong();
        if (role == Role.VIEWER) {
            return refuse(now, ErrorData.READ_ONLY, "you joined with a view-only link: "
                    + Audience.typeOf(message) + " is not allowed", opLabel(message));
        }
        if (message instanceof ClientMessage.Cursor) {
            return cursors.tryTake(now) ? ADMIT
                    : refuse(now, ErrorData.TOO_MANY_CURSORS, "cursor positions sent faster than the server accepts", null);
        }
        if (message instanceof ClientMessage.Clear) {
            return clears.tryTake(now) ? ADMIT
                    : refuse(now, ErrorData.TOO_MANY_CLEARS, "clear sent too often: wait a little", null);
        }
        return ops.tryTake(now) ? ADMIT
                : refuse(now, ErrorData.TOO_MANY_OPS, "drawing operations sent faster than the server accepts", opLabel(message));
    }

    /** The verdict on a frame that was refused before it became a message (malformed, invalid). */
    public Verdict malformed(ErrorData error) {
        return refuse(nanoClock.getAsLong(), error.code(), error.message(), error.op());
    }

    private Verdict refuse(long now, String code, String message, String op) {
        if (refusals != null && !refusals.tryTake(now)) {
            return new Close(Peer.POLICY_VIOLATION, "flooding: too many refused messages");
        }
        return new Refuse(new ErrorData(code, message, op));
    }

    private static String opLabel(ClientMessage message) {
        if (message instanceof ClientMessage.Draw d) {
            return d.data().op();
        }
        if (message instanceof ClientMessage.Update u) {
            return u.data().op();
        }
        if (message instanceof ClientMessage.Erase e) {
            return e.data().op();
        }
        if (message instanceof ClientMessage.Restore r) {
            return r.data().op();
        }
        return null;
    }
}
