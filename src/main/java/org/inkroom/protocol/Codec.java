package org.inkroom.protocol;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The application's one {@link Jsonb} (thread-safe by its contract) and the frame rules around it. */
public final class Codec {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withFormatting(false)
            .withSerializers(new ElementSerializer(), new WholeNumbers.Boxed(), new WholeNumbers.Point())
            .withDeserializers(new ElementDeserializer()));
    // Thread-safe; skips the provider lookup Json.createReader would do per call.
    private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private Codec() { }

    /** Serialises a server message; called once per broadcast, whatever the number of receivers. */
    public static String encode(ServerMessage message) {
        return JSONB.toJson(message);
    }

    private static final String EMPTY_SYNC_ELEMENTS = "\"data\":{\"elements\":[]";

    /**
     * A {@code sync} whose element list is given already encoded: {@code sync} is encoded with an
     * empty list and the elements are spliced in, so the text is exactly what encoding the full
     * message would give (elements is SyncData's first property), without serialising every element
     * again for every joiner.
     */
    public static String encodeSync(ServerMessage sync, List<String> encodedElements) {
        if (!(sync.data() instanceof ServerMessage.SyncData d) || !d.elements().isEmpty()) {
            throw new IllegalArgumentException("expected a sync message with an empty element list");
        }
        String envelope = JSONB.toJson(sync);
        int at = envelope.indexOf(EMPTY_SYNC_ELEMENTS);
        if (at < 0) {
            throw new IllegalStateException("unexpected sync encoding: " + envelope);
        }
        int split = at + EMPTY_SYNC_ELEMENTS.length() - 1; // just after '['
        long size = envelope.length() + encodedElements.size();
        for (String e : encodedElements) {
            size += e.length();
        }
        StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 16, size));
        text.append(envelope, 0, split);
        for (int i = 0; i < encodedElements.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(encodedElements.get(i));
        }
        return text.append(envelope, split, envelope.length()).toString();
    }

    /**
     * A message whose {@code data} is given already encoded: the text is exactly what {@link #encode}
     * gives for the whole message ({@code type}, {@code userId}, {@code data}, {@code seq}, null parts
     * omitted), written by hand around the data. A drawn element is serialised once for its broadcast
     * and the store, and its envelope no longer goes through JSON-B: marshalling the three-field
     * envelope cost a drawing room's lock holder more than serialising the element (169 against 131
     * samples, Liberty 17, one room of 50 at 3,000 sends/s; BENCHMARKS.md, session 43).
     */
    public static String encodeWithData(ServerMessage envelope, String encodedData) {
        if (envelope.data() != null) {
            throw new IllegalArgumentException("expected a message without data");
        }
        if (envelope.type() != null && envelope.userId() != null && envelope.seq() != null
                && plain(envelope.type()) && plain(envelope.userId())) {
            // A relayed draw's shape: one concatenation allocates the text once, at its exact size,
            // where a builder allocated it twice (its buffer, then the string's copy).
            return "{\"type\":\"" + envelope.type() + "\",\"userId\":\"" + envelope.userId() + "\",\"data\":"
                    + encodedData + ",\"seq\":" + envelope.seq().longValue() + "}";
        }
        StringBuilder text = new StringBuilder(encodedData.length() + 64).append('{');
        if (envelope.type() != null) {
            appendString(text.append("\"type\":"), envelope.type()).append(',');
        }
        if (envelope.userId() != null) {
            appendString(text.append("\"userId\":"), envelope.userId()).append(',');
        }
        text.append("\"data\":").append(encodedData);
        if (envelope.seq() != null) {
            text.append(",\"seq\":").append(envelope.seq().longValue());
        }
        return text.append('}').toString();
    }

    /**
     * {@code value} as a JSON string, escaped as the shared Jsonb's generator (Parsson) escapes it:
     * quote and backslash with a backslash, the control characters below U+0020 as {@code \b \t \n
     * \f \r} or {@code \\u00xx}, everything else as it is.
     */
    static StringBuilder appendString(StringBuilder to, String value) {
        to.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (verbatim(c)) {
                to.append(c);
                continue;
            }
            switch (c) {
                case '"' -> to.append("\\\"");
                case '\\' -> to.append("\\\\");
                case '\b' -> to.append("\\b");
                case '\t' -> to.append("\\t");
                case '\n' -> to.append("\\n");
                case '\f' -> to.append("\\f");
                case '\r' -> to.append("\\r");
                default -> to.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return to.append('"');
    }

    /** True when {@link #appendString} would write {@code value} between its quotes as it is. */
    private static boolean plain(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!verbatim(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A character a JSON string carries as it is: not a quote, a backslash or a control character below U+0020. */
    private static boolean verbatim(char c) {
        return c >= 0x20 && c != '"' && c != '\\';
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * One element as JSON: the same text the shared Jsonb writes for it (the {@link ElementSerializer}'s
     * own field order and number forms), written straight to a builder sized for it. Every drawn
     * stroke is serialised once, and JSON-B's marshalling around the one serializer it calls (a
     * context, a serializer lookup, the recursion check's hash set) cost more than the writing
     * (BENCHMARKS.md, session 36); a JSON-P generator's own objects were still most of what the
     * writing allocated (session 49).
     */
    public static String toJson(Element element) {
        return ElementSerializer.append(element, new StringBuilder(sizeOf(element))).toString();
    }

    /** Room for a typical element's text: its strings, and about 24 characters a number. */
    private static int sizeOf(Element e) {
        int size = 160 + length(e.id()) + length(e.elementType()) + length(e.text()) + length(e.strokeColor())
                + length(e.userId()) + length(e.op());
        return e.points() == null ? size : (int) Math.min(1 << 20, size + 48L * e.points().length);
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** Any value as JSON through the shared Jsonb (stored op bodies, tests). */
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
        return decode(text, maxFrameBytes, true);
    }

    /** {@link #decode} without {@link DrawFrames}: every frame through JSON-B, for the tests to compare. */
    static Inbound decodeThroughJsonb(String text, int maxFrameBytes) {
        return decode(text, maxFrameBytes, false);
    }

    private static Inbound decode(String text, int maxFrameBytes, boolean plainDrawsByHand) {
        if (utf8Length(text, maxFrameBytes) > maxFrameBytes) {
            return new Inbound.Rejected(new ErrorData(ErrorData.FRAME_TOO_LARGE,
                    "frame exceeds " + maxFrameBytes + " bytes"), true);
        }
        Inbound.Rejected notAnObject = singleObject(text);
        if (notAnObject != null) {
            return notAnObject;
        }
        Class<? extends ClientMessage> named = namedType(text);
        ClientMessage draw = plainDrawsByHand && named == ClientMessage.Draw.class ? DrawFrames.read(text) : null;
        return draw != null ? validated(draw) : throughJsonb(text, named);
    }

    private static Inbound throughJsonb(String text, Class<? extends ClientMessage> named) {
        ClientMessage message;
        try {
            // Read as the concrete record the frame names: read as the sealed interface, JSON-B first
            // builds the whole object as a JSON-P tree to find its type (twice the garbage, twice the time).
            message = JSONB.fromJson(text, named != null ? named : ClientMessage.class);
        } catch (JsonbException | ClassCastException | IllegalArgumentException e) {
            return diagnose(text);
        } catch (RuntimeException e) {
            // Whatever else the parser throws on hostile input is still an answer, never a dead socket.
            return Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame could not be read as JSON");
        }
        return validated(message);
    }

    private static Inbound validated(ClientMessage message) {
        if (message == null) {
            return Inbound.Rejected.of(ErrorData.INVALID_MESSAGE, "frame must be a JSON object");
        }
        ErrorData error = Validation.check(message);
        return error == null ? message : new Inbound.Rejected(error, false);
    }

    /**
     * JSON-B alone would unwrap {@code [ {...} ]} and ignore text after the first value, so the
     * frame's shape is checked first: one scan over the characters (strings and escapes followed,
     * brackets matched), no tokens built. What is inside the object is JSON-B's to judge; what it
     * refuses is explained by {@link #diagnose}.
     *
     * <p>Brackets must match by kind, not only by count: JSON-B skips the value of a key it does not
     * know with the parser's {@code skipArray}/{@code skipObject}, which in Parsson count only their
     * own kind and never stop at the end of the text (eclipse-ee4j/parsson#23). {@code
     * {"type":"draw","x":[}}} would spin a server thread forever.
     */
    private static Inbound.Rejected singleObject(String text) {
        int n = text.length();
        int i = skipWhitespace(text, 0);
        if (i == n) {
            return Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame is empty");
        }
        if (text.charAt(i) != '{') {
            return text.charAt(i) == '[' || Character.isDigit(text.charAt(i)) || text.charAt(i) == '"'
                    || text.charAt(i) == '-' || text.startsWith("true", i) || text.startsWith("false", i)
                    || text.startsWith("null", i)
                    ? Inbound.Rejected.of(ErrorData.INVALID_MESSAGE, "frame must be a JSON object")
                    : Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame is not valid JSON");
        }
        int depth = 0;
        long arrays = 0; // bit d set: the bracket open at depth d + 1 is '['
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                i = endOfString(text, i);
                if (i < 0) {
                    break; // a string that never closes
                }
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return Inbound.Rejected.of(ErrorData.INVALID_MESSAGE, "frame nests deeper than " + MAX_DEPTH + " levels");
                }
                arrays = c == '[' ? arrays | 1L << (depth - 1) : arrays & ~(1L << (depth - 1));
            } else if (c == '}' || c == ']') {
                if ((c == ']') != ((arrays & 1L << (depth - 1)) != 0)) {
                    break; // closes a bracket of the other kind
                }
                if (--depth == 0) {
                    return skipWhitespace(text, i + 1) == n ? null
                            : Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame must hold exactly one JSON object");
                }
            }
        }
        return Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame is not valid JSON");
    }

    private static final List<Map.Entry<String, Class<? extends ClientMessage>>> TYPES = List.of(
            Map.entry("draw", ClientMessage.Draw.class), Map.entry("cursor", ClientMessage.Cursor.class),
            Map.entry("update", ClientMessage.Update.class), Map.entry("clear", ClientMessage.Clear.class),
            Map.entry("erase", ClientMessage.Erase.class), Map.entry("restore", ClientMessage.Restore.class));
    private static final Set<String> CLIENT_TYPES = Set.copyOf(TYPES.stream().map(Map.Entry::getKey).toList());

    /**
     * The record a frame (already known to be one object) names with its own {@code "type"} key, or
     * null when that is not plain: no such key, given twice, not a string, escaped or unknown. Null
     * leaves the frame to JSON-B's own reading of the type (and its refusal to {@link #diagnose}).
     */
    static Class<? extends ClientMessage> namedType(String text) {
        Class<? extends ClientMessage> named = null;
        int depth = 0;
        boolean keyNext = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                int end = endOfString(text, i);
                if (end < 0) {
                    return null;
                }
                if (depth == 1 && keyNext) {
                    keyNext = false;
                    if (end - i == 5 && text.startsWith("type", i + 1)) {
                        int v = skipWhitespace(text, end + 1);
                        v = v < n && text.charAt(v) == ':' ? skipWhitespace(text, v + 1) : -1;
                        Class<? extends ClientMessage> type = named == null && v >= 0 ? typeAt(text, v) : null;
                        if (type == null) {
                            return null;
                        }
                        named = type;
                        end = endOfString(text, v);
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                keyNext = ++depth == 1;
            } else if (c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 1) {
                keyNext = true;
            }
        }
        return named;
    }

    /** The type whose name is the plain string starting at {@code at} (its opening quote), or null. */
    private static Class<? extends ClientMessage> typeAt(String text, int at) {
        for (Map.Entry<String, Class<? extends ClientMessage>> t : TYPES) {
            String name = t.getKey();
            int close = at + 1 + name.length();
            if (close < text.length() && text.charAt(at) == '"' && text.startsWith(name, at + 1) && text.charAt(close) == '"') {
                return t.getValue();
            }
        }
        return null;
    }

    /** The index of the quote closing the string that opens at {@code open}, or -1 if it never closes. */
    private static int endOfString(String text, int open) {
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Far deeper than any message of the protocol (a path's points are 4 levels down); at most 64 (one bit a level). */
    static final int MAX_DEPTH = 32;

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** Explains a frame JSON-B refused: only on the error path, so parsing twice costs nothing that matters. */
    private static Inbound.Rejected diagnose(String text) {
        JsonValue value;
        try (var reader = READERS.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException | IllegalArgumentException e) {
            return Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame is not valid JSON");
        } catch (RuntimeException e) {
            // Valid JSON past a parser limit (Parsson refuses a number of more than 1,100 characters
            // with UnsupportedOperationException): still an answer, never an exception out of decode.
            return Inbound.Rejected.of(ErrorData.MALFORMED_JSON, "frame could not be read as JSON");
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
        String code = switch (type.getString()) {
            case "cursor" -> ErrorData.INVALID_CURSOR;
            case "draw" -> ErrorData.INVALID_ELEMENT;
            case "update" -> ErrorData.INVALID_UPDATE;
            case "erase", "restore" -> ErrorData.INVALID_IDS;
            default -> ErrorData.INVALID_MESSAGE;
        };
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

    /**
     * At most 32 characters of a client's string, to quote in an error reply, with any unpaired
     * surrogate (a JSON escape can make one; a cut can too) replaced by U+FFFD: the reply must be
     * text UTF-8 can carry, or the container fails to send it and the connection goes silent.
     */
    private static String truncate(String s) {
        String cut = s.length() <= 32 ? s : s.substring(0, Character.isHighSurrogate(s.charAt(31)) ? 31 : 32) + "...";
        StringBuilder quoted = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1))) {
                quoted.append(c).append(cut.charAt(++i));
            } else {
                quoted.append(Character.isSurrogate(c) ? '\ufffd' : c);
            }
        }
        return quoted.toString();
    }
}
