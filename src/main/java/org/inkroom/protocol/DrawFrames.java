package org.inkroom.protocol;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.Map;

/**
 * Reads the commonest frame, a {@code draw} of the plain shape {@code {"type":"draw","data":{...}}}
 * (an optional {@code userId} string too), straight off a JSON-P parser, without JSON-B's binding
 * around it: every stroke is decoded once, and JSON-B's own work (its parser wrapper, deserialisation
 * context, model lookups and the record's creator) was half of what a draw's decode cost (BENCHMARKS.md,
 * session 47). The element itself is read by {@link ElementDeserializer}, as through JSON-B.
 *
 * <p>Anything else, or anything this reader is not sure of (another key, a key twice, a {@code data}
 * that is not an object, a value JSON-B would refuse, text the parser refuses), returns null, and the
 * frame goes through JSON-B as before: what is accepted, and every error, stays exactly what JSON-B's
 * reading gave ({@code CodecFuzzTest} compares the two on every frame it makes).
 */
final class DrawFrames {

    // Thread-safe; skips the provider lookup Json.createParser would do per call.
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private DrawFrames() { }

    /**
     * The draw this frame is, or null when it should go through JSON-B. Called only for a frame
     * already known to be one JSON object whose one {@code "type"} key says {@code draw}.
     */
    static ClientMessage.Draw read(String text) {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (parser.next() != JsonParser.Event.START_OBJECT) {
                return null;
            }
            boolean type = false;
            boolean user = false;
            String userId = null;
            Element data = null;
            for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
                if (e != JsonParser.Event.KEY_NAME) {
                    return null;
                }
                String key = parser.getString();
                JsonParser.Event value = parser.next();
                switch (key) {
                    case "type" -> {
                        if (type || value != JsonParser.Event.VALUE_STRING || !"draw".equals(parser.getString())) {
                            return null;
                        }
                        type = true;
                    }
                    case "userId" -> {
                        if (user || value != JsonParser.Event.VALUE_STRING) {
                            return null;
                        }
                        user = true;
                        userId = parser.getString();
                    }
                    case "data" -> {
                        if (data != null || value != JsonParser.Event.START_OBJECT) {
                            return null;
                        }
                        data = ElementDeserializer.readObject(parser);
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return type && data != null ? new ClientMessage.Draw(userId, data) : null;
        } catch (RuntimeException e) {
            return null; // JSON-B reads it again, and answers it as it always did
        }
    }
}
