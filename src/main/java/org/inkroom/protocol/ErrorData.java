package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The body of an {@code error} reply: a stable machine-readable code, a human-readable message,
 * and the refused op's {@code op} label when it had one (so a client can drop that op).
 */
@JsonbPropertyOrder({"code", "message", "op"})
public record ErrorData(String code, String message, String op) {

    public ErrorData(String code, String message) {
        this(code, message, null);
    }

    public static final String MALFORMED_JSON = "malformed_json";
    public static final String INVALID_MESSAGE = "invalid_message";
    public static final String UNKNOWN_TYPE = "unknown_type";
    public static final String INVALID_ELEMENT = "invalid_element";
    public static final String INVALID_CURSOR = "invalid_cursor";
    public static final String FRAME_TOO_LARGE = "frame_too_large";
    public static final String INVALID_UPDATE = "invalid_update";
    public static final String INVALID_IDS = "invalid_ids";
    public static final String NOT_ALLOWED = "not_allowed";
    public static final String ROOM_FULL = "room_full";
    /** A viewer sent something that changes the room. */
    public static final String READ_ONLY = "read_only";
    public static final String TOO_MANY_OPS = "too_many_ops";
    public static final String TOO_MANY_CURSORS = "too_many_cursors";
    public static final String TOO_MANY_CLEARS = "too_many_clears";

    /** Every code above. */
    public static final java.util.List<String> CODES = java.util.List.of(MALFORMED_JSON, INVALID_MESSAGE, UNKNOWN_TYPE,
            INVALID_ELEMENT, INVALID_CURSOR, FRAME_TOO_LARGE, INVALID_UPDATE, INVALID_IDS, NOT_ALLOWED, ROOM_FULL,
            READ_ONLY, TOO_MANY_OPS, TOO_MANY_CURSORS, TOO_MANY_CLEARS);
}
