package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;
import java.util.List;

/**
 * A frame a client may send, told apart by its {@code type}. Any {@code userId} a client sends is
 * read and then ignored: identity is the server's. {@code op} fields are the client's labels for
 * matching acks.
 */
@JsonbTypeInfo(key = "type", value = {
    @JsonbSubtype(alias = "draw", type = ClientMessage.Draw.class),
    @JsonbSubtype(alias = "cursor", type = ClientMessage.Cursor.class),
    @JsonbSubtype(alias = "clear", type = ClientMessage.Clear.class),
    @JsonbSubtype(alias = "update", type = ClientMessage.Update.class),
    @JsonbSubtype(alias = "erase", type = ClientMessage.Erase.class),
    @JsonbSubtype(alias = "restore", type = ClientMessage.Restore.class)
})
public sealed interface ClientMessage extends Inbound {

    /** A drawing element to store and show to the others in the room. */
    record Draw(String userId, Element data) implements ClientMessage { }

    /** The sender's pointer position, relayed to the others and never stored. */
    record Cursor(String userId, CursorData data) implements ClientMessage { }

    /** Empties the room's canvas for everyone. */
    record Clear(String userId) implements ClientMessage { }

    /** Appends points to the sender's own path, from index {@code from} (idempotent). */
    record Update(String userId, UpdateData data) implements ClientMessage { }

    /** Removes elements (anyone's). */
    record Erase(String userId, IdsData data) implements ClientMessage { }

    /** Brings erased elements back (undo of an erase, redo of a draw). */
    record Restore(String userId, IdsData data) implements ClientMessage { }

    /** {@code update} body. */
    record UpdateData(String id, Integer from, double[][] points, String op) { }

    /** {@code erase}/{@code restore} body. */
    record IdsData(List<String> ids, String op) { }
}
