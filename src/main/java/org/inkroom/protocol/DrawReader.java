package org.inkroom.protocol;

import jakarta.json.Json;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.json.stream.JsonParserFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the usual shape of a {@code draw} frame straight off JSON-P's streaming parser, for the one
 * message every stroke sends. JSON-B's binding of the same frame took ~11 µs of a request thread on
 * Open Liberty, about a quarter of Inkroom's own work per message (BENCHMARKS.md, "Session 17").
 *
 * <p>Only the plain shape is read here: the keys of {@link ClientMessage.Draw} and {@link Element},
 * each at most once, strings where strings belong and numbers where numbers belong. Anything else
 * (a null, an unknown key, a repeated key, a number written as a string, a parser error) gives
 * null, and the caller reads the frame with JSON-B, whose reading and refusals stay the rule. So
 * this class can only be faster, never different: {@code DrawReaderTest} holds it to JSON-B's result.
 */
final class DrawReader {

    // Thread-safe; created once, like Codec's reader factory.
    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private DrawReader() { }

    /** The draw this frame (one JSON object, already checked) holds, or null to leave it to JSON-B. */
    static ClientMessage.Draw read(String text) {
        try (JsonParser p = PARSERS.createParser(new StringReader(text))) {
            if (p.next() != Event.START_OBJECT) {
                return null;
            }
            String userId = null;
            Element data = null;
            int seen = 0;
            for (Event e = p.next(); e != Event.END_OBJECT; e = p.next()) {
                int bit;
                switch (p.getString()) {
                    case "type" -> {
                        bit = 1;
                        if (!"draw".equals(string(p))) {
                            return null;
                        }
                    }
                    case "userId" -> {
                        bit = 2;
                        userId = string(p);
                    }
                    case "data" -> {
                        bit = 4;
                        data = p.next() == Event.START_OBJECT ? element(p) : null;
                    }
                    default -> {
                        return null;
                    }
                }
                if ((seen & bit) != 0 || (bit == 2 && userId == null) || (bit == 4 && data == null)) {
                    return null;
                }
                seen |= bit;
            }
            return (seen & 5) == 5 ? new ClientMessage.Draw(userId, data) : null;
        } catch (RuntimeException e) {
            return null; // JSON-B reads it again and gives the answer
        }
    }

    /** The element whose object the parser has just opened, or null if it is not of the plain shape. */
    private static Element element(JsonParser p) {
        String id = null;
        String type = null;
        String text = null;
        String color = null;
        String owner = null;
        String op = null;
        Double x1 = null;
        Double y1 = null;
        Double x2 = null;
        Double y2 = null;
        Double fontSize = null;
        Double width = null;
        double[][] points = null;
        int seen = 0;
        for (Event e = p.next(); e != Event.END_OBJECT; e = p.next()) {
            int bit;
            Object value;
            switch (p.getString()) {
                case "id" -> { bit = 1; value = id = string(p); }
                case "elementType" -> { bit = 1 << 1; value = type = string(p); }
                case "x1" -> { bit = 1 << 2; value = x1 = number(p); }
                case "y1" -> { bit = 1 << 3; value = y1 = number(p); }
                case "x2" -> { bit = 1 << 4; value = x2 = number(p); }
                case "y2" -> { bit = 1 << 5; value = y2 = number(p); }
                case "points" -> { bit = 1 << 6; value = points = points(p); }
                case "text" -> { bit = 1 << 7; value = text = string(p); }
                case "fontSize" -> { bit = 1 << 8; value = fontSize = number(p); }
                case "strokeColor" -> { bit = 1 << 9; value = color = string(p); }
                case "strokeWidth" -> { bit = 1 << 10; value = width = number(p); }
                case "userId" -> { bit = 1 << 11; value = owner = string(p); }
                case "op" -> { bit = 1 << 12; value = op = string(p); }
                default -> {
                    return null;
                }
            }
            if (value == null || (seen & bit) != 0) {
                return null;
            }
            seen |= bit;
        }
        return new Element(id, type, x1, y1, x2, y2, points, text, fontSize, color, width, owner, op);
    }

    private static String string(JsonParser p) {
        return p.next() == Event.VALUE_STRING ? p.getString() : null;
    }

    private static Double number(JsonParser p) {
        return p.next() == Event.VALUE_NUMBER ? Double.parseDouble(p.getString()) : null;
    }

    /** {@code [[x, y], [x, y, p], ...]}: arrays of numbers only, or null. */
    private static double[][] points(JsonParser p) {
        if (p.next() != Event.START_ARRAY) {
            return null;
        }
        List<double[]> all = new ArrayList<>();
        double[] point = new double[4];
        for (Event e = p.next(); e != Event.END_ARRAY; e = p.next()) {
            if (e != Event.START_ARRAY) {
                return null;
            }
            int n = 0;
            for (Event v = p.next(); v != Event.END_ARRAY; v = p.next()) {
                if (v != Event.VALUE_NUMBER) {
                    return null;
                }
                if (n == point.length) {
                    point = Arrays.copyOf(point, n * 2);
                }
                point[n++] = Double.parseDouble(p.getString());
            }
            all.add(Arrays.copyOf(point, n));
        }
        return all.toArray(new double[0][]);
    }
}
