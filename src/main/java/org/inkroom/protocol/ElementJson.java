package org.inkroom.protocol;

/**
 * Writes an {@link Element}, and the {@code draw} message around it, as the exact text JSON-B
 * writes for them: the same property order, nulls left out, numbers as {@link Double#toString},
 * strings escaped as JSON-P escapes them. Every stroke is written once for its broadcast, its store
 * row and the bus; JSON-B took ~6 µs of a request thread per element and ~3 µs per envelope on Open
 * Liberty (BENCHMARKS.md, "Session 17"), this a fraction of that. {@code ElementJsonTest} holds the
 * text to JSON-B's, character for character, over generated elements.
 */
final class ElementJson {

    private ElementJson() { }

    /** {@code Codec.toJson(e)}, written directly. */
    static String of(Element e) {
        StringBuilder out = new StringBuilder(160 + (e.text() == null ? 0 : e.text().length())
                + 24 * e.pointCount());
        out.append('{');
        boolean first = true;
        first = string(out, first, "id", e.id());
        first = string(out, first, "elementType", e.elementType());
        first = number(out, first, "x1", e.x1());
        first = number(out, first, "y1", e.y1());
        first = number(out, first, "x2", e.x2());
        first = number(out, first, "y2", e.y2());
        if (e.points() != null) {
            first = key(out, first, "points");
            out.append('[');
            double[][] points = e.points();
            for (int i = 0; i < points.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                point(out, points[i]);
            }
            out.append(']');
        }
        first = string(out, first, "text", e.text());
        first = number(out, first, "fontSize", e.fontSize());
        first = string(out, first, "strokeColor", e.strokeColor());
        first = number(out, first, "strokeWidth", e.strokeWidth());
        first = string(out, first, "userId", e.userId());
        string(out, first, "op", e.op());
        return out.append('}').toString();
    }

    /** {@code Codec.encode(ServerMessage.draw(userId, element, seq))}, given the element's JSON. */
    static String drawMessage(String userId, String elementJson, long seq) {
        StringBuilder out = new StringBuilder(elementJson.length() + 64 + (userId == null ? 0 : userId.length()));
        out.append("{\"type\":\"draw\"");
        string(out, false, "userId", userId);
        return out.append(",\"data\":").append(elementJson).append(",\"seq\":").append(seq).append('}').toString();
    }

    private static void point(StringBuilder out, double[] point) {
        if (point == null) {
            out.append("null");
            return;
        }
        out.append('[');
        for (int i = 0; i < point.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(finite(point[i]));
        }
        out.append(']');
    }

    private static boolean key(StringBuilder out, boolean first, String name) {
        if (!first) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        return false;
    }

    private static boolean number(StringBuilder out, boolean first, String name, Double value) {
        if (value == null) {
            return first;
        }
        key(out, first, name);
        out.append(finite(value));
        return false;
    }

    private static boolean string(StringBuilder out, boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        key(out, first, name);
        quote(out, value);
        return false;
    }

    /** JSON has no NaN or infinity (validation keeps them out of every element before this). */
    private static double finite(double d) {
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not a JSON number: " + d);
        }
        return d;
    }

    /** A JSON string as JSON-P writes it: quote, backslash and control characters escaped, nothing else. */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        int start = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, start, i);
            start = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        out.append(s, start, s.length()).append('"');
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
