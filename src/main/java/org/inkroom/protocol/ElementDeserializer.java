package org.inkroom.protocol;

import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.Arrays;

/**
 * Reads an {@link Element} straight off the parser (the {@link ElementSerializer}'s counterpart in the
 * shared {@link Codec}), with the rules JSON-B's creator applied until session 36: a number may come as
 * a JSON number or as a string Java reads as a double, a string field takes any scalar as its text,
 * null or a missing key is {@link Element#ABSENT} (a number) or null, unknown keys are skipped, a
 * repeated key keeps its last value, and anything else (an object for a number, {@code true} for a
 * coordinate) is refused with a {@link JsonbException}, which {@link Codec} answers as it did JSON-B's.
 *
 * <p>Why by hand: every drawn stroke is decoded once, and JSON-B's creator path (thirteen parameters
 * matched by name, six numbers boxed) took 1.4 of the 2.0 microseconds a seed line's frame cost to
 * decode (BENCHMARKS.md, session 36).
 */
final class ElementDeserializer implements JsonbDeserializer<Element> {

    @Override
    public Element deserialize(JsonParser parser, DeserializationContext context, Type type) {
        // JSON-B's parser ends where the value does: no next event means a scalar, not an object.
        if (!parser.hasNext()) {
            if (parser.getValue() == JsonValue.NULL) {
                return null; // validation answers "draw needs a data object"
            }
            throw new JsonbException("an element must be a JSON object");
        }
        return readObject(parser);
    }

    /** The element whose {@code START_OBJECT} the parser has just read, through its {@code END_OBJECT}. */
    static Element readObject(JsonParser parser) {
        String id = null;
        String elementType = null;
        String text = null;
        String strokeColor = null;
        String userId = null;
        String op = null;
        double x1 = Element.ABSENT;
        double y1 = Element.ABSENT;
        double x2 = Element.ABSENT;
        double y2 = Element.ABSENT;
        double fontSize = Element.ABSENT;
        double strokeWidth = Element.ABSENT;
        double[][] points = null;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_OBJECT; e = parser.next()) {
            if (e != JsonParser.Event.KEY_NAME) {
                throw new JsonbException("an element must be a JSON object");
            }
            String key = parser.getString();
            JsonParser.Event value = parser.next();
            switch (key) {
                case "id" -> id = text(parser, value);
                case "elementType" -> elementType = text(parser, value);
                case "x1" -> x1 = number(parser, value);
                case "y1" -> y1 = number(parser, value);
                case "x2" -> x2 = number(parser, value);
                case "y2" -> y2 = number(parser, value);
                case "points" -> points = points(parser, value);
                case "text" -> text = text(parser, value);
                case "fontSize" -> fontSize = number(parser, value);
                case "strokeColor" -> strokeColor = text(parser, value);
                case "strokeWidth" -> strokeWidth = number(parser, value);
                case "userId" -> userId = text(parser, value);
                case "op" -> op = text(parser, value);
                default -> skip(parser, value);
            }
        }
        return new Element(id, elementType, x1, y1, x2, y2, points, text, fontSize, strokeColor, strokeWidth, userId, op);
    }

    /** A string property: any scalar as its text ({@code 5} is "5", {@code true} is "true"), null as null. */
    private static String text(JsonParser parser, JsonParser.Event value) {
        return switch (value) {
            case VALUE_STRING, VALUE_NUMBER -> parser.getString();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            default -> throw new JsonbException("expected a string, got " + value);
        };
    }

    /** A number property: a JSON number, or a string Java reads as a double; null is {@link Element#ABSENT}. */
    private static double number(JsonParser parser, JsonParser.Event value) {
        return value == JsonParser.Event.VALUE_NULL ? Element.ABSENT : coordinate(parser, value);
    }

    private static double coordinate(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.VALUE_NUMBER && value != JsonParser.Event.VALUE_STRING) {
            throw new JsonbException("expected a number, got " + value);
        }
        String text = parser.getString();
        double plain = plainDecimal(text);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new JsonbException("not a number: " + e.getMessage());
        }
    }

    /** 10^0 .. 10^22: every one exact as a double. */
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    /**
     * {@code Double.parseDouble(text)} for the numbers drawings are made of, an optional minus, at
     * most 15 digits and an optional fraction ({@code 120}, {@code -3.25}), without its buffers;
     * NaN for anything else, which {@code parseDouble} reads. Exactly its value: the digits make a
     * whole number below 2^53 and 10^k is exact for k <= 22, so the one division is correctly
     * rounded, as {@code parseDouble} is (Clinger's fast path). {@code parseDouble}'s two buffers
     * per number were a fifth of what decoding a seed line allocated (BENCHMARKS.md, session 48).
     */
    static double plainDecimal(String text) {
        int n = text.length();
        int i = n > 0 && text.charAt(0) == '-' ? 1 : 0;
        long digits = 0;
        int count = 0;
        int point = -1;
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++count > 15) {
                    return Double.NaN;
                }
                digits = digits * 10 + (c - '0');
            } else if (c == '.' && point < 0 && count > 0) {
                point = count;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || point == count) {
            return Double.NaN; // no digits, or none after the point
        }
        double value = point < 0 ? digits : digits / POWERS_OF_TEN[count - point];
        return text.charAt(0) == '-' ? -value : value;
    }

    /** {@code [[x, y], [x, y, pressure], ...]}: a null point stays null (validation names it), a null inside one is refused. */
    private static double[][] points(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (value != JsonParser.Event.START_ARRAY) {
            throw new JsonbException("points must be an array");
        }
        double[][] all = new double[8][];
        int n = 0;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
            if (n == all.length) {
                all = Arrays.copyOf(all, n * 2);
            }
            all[n++] = point(parser, e);
        }
        return Arrays.copyOf(all, n);
    }

    private static double[] point(JsonParser parser, JsonParser.Event value) {
        if (value == JsonParser.Event.VALUE_NULL) {
            return null;
        }
        if (value != JsonParser.Event.START_ARRAY) {
            throw new JsonbException("a point must be an array");
        }
        double[] point = new double[3];
        int n = 0;
        for (JsonParser.Event e = parser.next(); e != JsonParser.Event.END_ARRAY; e = parser.next()) {
            if (n == point.length) {
                point = Arrays.copyOf(point, n * 2);
            }
            point[n++] = coordinate(parser, e);
        }
        return n == point.length ? point : Arrays.copyOf(point, n);
    }

    /** Past the value of a key the element does not have. */
    private static void skip(JsonParser parser, JsonParser.Event value) {
        if (value != JsonParser.Event.START_OBJECT && value != JsonParser.Event.START_ARRAY) {
            return;
        }
        for (int depth = 1; depth > 0; ) {
            JsonParser.Event e = parser.next();
            if (e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY) {
                depth++;
            } else if (e == JsonParser.Event.END_OBJECT || e == JsonParser.Event.END_ARRAY) {
                depth--;
            }
        }
    }
}
