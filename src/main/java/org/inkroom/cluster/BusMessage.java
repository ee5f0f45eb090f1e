package org.inkroom.cluster;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.util.List;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.CursorData;
import org.inkroom.protocol.Element;
import org.inkroom.room.Op;

/**
 * What crosses Redis for a room, as typed records decoded back by the shared Jsonb. {@code t} is
 * the kind: {@code op} (numbered, {@code seq} set by the publish script), {@code cursor},
 * {@code join} or {@code leave} (written by the presence scripts). {@code n} is the node that sent
 * it, {@code r} that node's request id (so it can find who asked), {@code u} the member.
 */
@JsonbPropertyOrder({"seq", "t", "n", "r", "u", "op", "c", "color"})
public record BusMessage(Long seq, String t, String n, Long r, String u, BusOp op, CursorData c, String color) {

    static final String OP = "op";
    static final String CURSOR = "cursor";
    static final String JOIN = "join";
    static final String LEAVE = "leave";

    static BusMessage op(String node, long requestId, String userId, Op op) {
        return new BusMessage(null, OP, node, requestId, userId, BusOp.of(op), null, null);
    }

    static BusMessage cursor(String node, String userId, CursorData cursor) {
        return new BusMessage(null, CURSOR, node, null, userId, null, cursor, null);
    }

    String encode() {
        return Codec.toJson(this);
    }

    /** Null for text that is not a bus message (logged by the caller, never thrown). */
    static BusMessage decode(String text) {
        try {
            return Codec.fromJson(text, BusMessage.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The op as it travels; {@code kind} tells which. */
    @JsonbTypeInfo(key = "kind", value = {
        @JsonbSubtype(alias = "draw", type = BusOp.Draw.class),
        @JsonbSubtype(alias = "update", type = BusOp.Update.class),
        @JsonbSubtype(alias = "erase", type = BusOp.Erase.class),
        @JsonbSubtype(alias = "restore", type = BusOp.Restore.class),
        @JsonbSubtype(alias = "clear", type = BusOp.Clear.class)
    })
    public sealed interface BusOp {

        record Draw(Element element) implements BusOp { }

        @JsonbPropertyOrder({"id", "from", "points"})
        record Update(String id, int from, double[][] points) implements BusOp { }

        record Erase(List<String> ids) implements BusOp { }

        record Restore(List<String> ids) implements BusOp { }

        record Clear(Boolean all) implements BusOp { }

        static BusOp of(Op op) {
            if (op instanceof Op.Draw d) {
                return new Draw(d.element());
            } else if (op instanceof Op.Update u) {
                return new Update(u.id(), u.from(), u.points());
            } else if (op instanceof Op.Erase e) {
                return new Erase(e.ids());
            } else if (op instanceof Op.Restore r) {
                return new Restore(r.ids());
            }
            return new Clear(true);
        }

        default Op toOp() {
            if (this instanceof Draw d) {
                return new Op.Draw(d.element());
            } else if (this instanceof Update u) {
                return new Op.Update(u.id(), u.from(), u.points());
            } else if (this instanceof Erase e) {
                return new Op.Erase(e.ids());
            } else if (this instanceof Restore r) {
                return new Op.Restore(r.ids());
            }
            return new Op.Clear();
        }
    }
}
