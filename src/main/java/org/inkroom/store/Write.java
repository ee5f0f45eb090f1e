package org.inkroom.store;

import org.inkroom.protocol.Codec;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ServerMessage;
import org.inkroom.room.Op;

/** What rooms hand the store's writer, in the order they handed it over. */
sealed interface Write permits Write.Append, Write.Clear, Write.Barrier, Write.Upkeep {

    /** An op accepted under {@code seq}; {@code body} is the JSON of the matching wire record. */
    record Append(String room, long seq, String kind, String elementId, String body) implements Write {

        static Append of(String room, long seq, Op op) {
            if (op instanceof Op.Draw d) {
                return new Append(room, seq, "draw", d.element().id(), d.json() != null ? d.json() : Codec.toJson(d.element()));
            }
            if (op instanceof Op.Update u) {
                return new Append(room, seq, "update", u.id(),
                        Codec.toJson(new ServerMessage.UpdateData(u.id(), u.from(), u.points())));
            }
            if (op instanceof Op.Erase e) {
                return new Append(room, seq, "erase", "", Codec.toJson(new ServerMessage.IdsData(e.ids())));
            }
            Op.Restore r = (Op.Restore) op;
            return new Append(room, seq, "restore", "", Codec.toJson(new ServerMessage.IdsData(r.ids())));
        }

        /** The op a stored {@code kind} and {@code body} stand for. */
        static Op op(String kind, String body) {
            return switch (kind) {
                case "draw" -> new Op.Draw(Codec.fromJson(body, Element.class), body); // the element's JSON as it was kept
                case "update" -> {
                    ServerMessage.UpdateData u = Codec.fromJson(body, ServerMessage.UpdateData.class);
                    yield new Op.Update(u.id(), u.from(), u.points());
                }
                case "erase" -> new Op.Erase(Codec.fromJson(body, ServerMessage.IdsData.class).ids());
                case "restore" -> new Op.Restore(Codec.fromJson(body, ServerMessage.IdsData.class).ids());
                default -> throw new IllegalStateException("unknown op kind in the database: " + kind);
            };
        }
    }

    /** The room was cleared at {@code seq}. */
    record Clear(String room, long seq) implements Write { }

    /** Runs once everything before it is committed. */
    record Barrier(Runnable action) implements Write { }

    /** The layout's upkeep, now, after what is before it is committed (not waiting for its interval). */
    record Upkeep() implements Write { }
}
