package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbSubtype;
import jakarta.json.bind.annotation.JsonbTypeInfo;

/**
 * A frame a client may send, told apart by its {@code type}. Any {@code userId} a client sends is
 * read and then ignored: identity is the server's.
 */
@JsonbTypeInfo(key = "type", value = {
    @JsonbSubtype(alias = "draw", type = ClientMessage.Draw.class),
    @JsonbSubtype(alias = "cursor", type = ClientMessage.Cursor.class),
    @JsonbSubtype(alias = "clear", type = ClientMessage.Clear.class)
})
public sealed interface ClientMessage extends Inbound {

    /** A drawing element to store and show to the others in the room. */
    record Draw(String userId, Element data) implements ClientMessage { }

    /** The sender's pointer position, relayed to the others and never stored. */
    record Cursor(String userId, CursorData data) implements ClientMessage { }

    /** Empties the room's canvas for everyone. */
    record Clear(String userId) implements ClientMessage { }
}
