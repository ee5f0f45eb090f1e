package org.inkroom.protocol;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The application's one {@link Jsonb} (thread-safe by its contract) and the frame rules around it. */
public final class Codec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(false));
    private static final Set<String> CLIENT_TYPES = Set.of("draw", "cursor", "clear");

    private Codec() { }

    /** Serialises a server message; called once per broadcast, whatever the number of receivers. */
    public static String encode(ServerMessage message) {
        return JSONB.toJson(message);
    }

    /** Any value as JSON (tests and tools); never used to build frames by hand. */
    public static String toJson(Object value) {
        return JSONB.toJson(value);
    }

    public static <T> T fromJson(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    /**
     * Turns one text frame into a valid message or a rejection; never throws. Frames longer than
     * {@code maxFrameBytes} (UTF-8) are rejected as too large without being parsed.
     */
    public static Inbound decode(String text, int maxFrameBytes) {
        if (utf8Length(text, maxFrameBytes) > maxFrameBytes) {
            return new Inbound.Rejected(new ErrorData(ErrorData.FRAME_TOO_LARGE,
                    "frame exceeds " + maxFrameBytes + " bytes"), true);
        }
        ClientMessage message;
        try {
            message = JSONB.fromJson(text, ClientMessage.class);
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
            return diagnose(text);
        }
        if (message == null) {
            return Inbound.Rejected.of(ErrorData.INVALID_MESSAGE, "frame must be a JSON object");
        }
        ErrorData error = Validation.check(message);
        return error == null ? message : new Inbound.Rejected(error, false);
    }

    /** Explains a frame JSON-B refused: only on the error path, so parsing twice costs nothing that matters. */
    private static Inbound.Rejected diagnose(String text) {
        JsonValue value;
        try (var reader = Json.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (jakarta.json.JsonException e) {
            return Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame is not valid JSON");
        }
        if (!(value instanceof JsonObject object)) {
            return Inbound.Rejected.of(ErrorData.INVALID_MESSAGE, "frame must be a JSON object");
        }
        if (!(object.get("type") instanceof JsonString type)) {
            return Inbound.Rejected.of(ErrorData.INVALID_MESSAGE, "frame needs a string \"type\"");
        }
        if (!CLIENT_TYPES.contains(type.getString())) {
            return Inbound.Rejected.of(ErrorData.UNKNOWN_TYPE,
                    "unknown type '" + truncate(type.getString()) + "'; expected one of " + CLIENT_TYPES);
        }
        String code = "cursor".equals(type.getString()) ? ErrorData.INVALID_CURSOR
                : "draw".equals(type.getString()) ? ErrorData.INVALID_ELEMENT : ErrorData.INVALID_MESSAGE;
        return Inbound.Rejected.of(code, "fields of '" + type.getString() + "' have the wrong JSON types");
    }

    /** UTF-8 size of {@code s}, counting no further than just past {@code limit}. */
    static int utf8Length(String s, int limit) {
        if ((long) s.length() * 3 <= limit) {
            return s.length(); // cannot exceed the limit; exact size not needed
        }
        if (s.length() > limit) {
            return s.length(); // every char is at least one byte
        }
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String truncate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "...";
    }
}
