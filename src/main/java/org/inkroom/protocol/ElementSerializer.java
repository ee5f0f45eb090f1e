package org.inkroom.protocol;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes an {@link Element} in the seed's field order, leaving out what it does not have (a null
 * string, an {@link Element#ABSENT} number), whole numbers as the seed writes them ({@link WholeNumbers}).
 * JSON-B cannot leave out a primitive on its own; through the shared {@link Codec} this is the only
 * way an element becomes JSON (a broadcast, a sync, the store's body): to a JSON-P generator when
 * JSON-B writes one inside another value, straight to a {@link StringBuilder} when a drawn element is
 * encoded ({@link Codec#toJson(Element)}). The two write the same text: {@code CodecTest} and
 * {@code CodecFuzzTest} compare them.
 */
final class ElementSerializer implements JsonbSerializer<Element> {

    @Override
    public void serialize(Element e, JsonGenerator out, SerializationContext context) {
        write(e, out);
    }

    /** The element as JSON on {@code out}; needs no JSON-B context, so {@link Codec#toJson(Element)} calls it directly. */
    static void write(Element e, JsonGenerator out) {
        out.writeStartObject();
        text(out, "id", e.id());
        text(out, "elementType", e.elementType());
        number(out, "x1", e.x1());
        number(out, "y1", e.y1());
        number(out, "x2", e.x2());
        number(out, "y2", e.y2());
        if (e.points() != null) {
            out.writeStartArray("points");
            for (double[] point : e.points()) {
                WholeNumbers.writePoint(out, point);
            }
            out.writeEnd();
        }
        text(out, "text", e.text());
        number(out, "fontSize", e.fontSize());
        text(out, "strokeColor", e.strokeColor());
        number(out, "strokeWidth", e.strokeWidth());
        text(out, "userId", e.userId());
        text(out, "op", e.op()); // a client's label: owned elements (stored, broadcast) have none
        out.writeEnd();
    }

    /**
     * The element as JSON text on {@code to}, what {@link #write} gives. The generator's per-element
     * objects (its contexts, a string per number, the writer and its buffer) were most of what
     * encoding allocated, and encoding was 23 % of what Inkroom allocates beyond the bare relay
     * (WildFly, 200 rooms of 10; BENCHMARKS.md, session 48).
     */
    static StringBuilder append(Element e, StringBuilder to) {
        int open = to.append('{').length();
        text(to, open, "id", e.id());
        text(to, open, "elementType", e.elementType());
        number(to, open, "x1", e.x1());
        number(to, open, "y1", e.y1());
        number(to, open, "x2", e.x2());
        number(to, open, "y2", e.y2());
        if (e.points() != null) {
            key(to, open, "points").append('[');
            for (int i = 0; i < e.points().length; i++) {
                if (i > 0) {
                    to.append(',');
                }
                WholeNumbers.appendPoint(to, e.points()[i]);
            }
            to.append(']');
        }
        text(to, open, "text", e.text());
        number(to, open, "fontSize", e.fontSize());
        text(to, open, "strokeColor", e.strokeColor());
        number(to, open, "strokeWidth", e.strokeWidth());
        text(to, open, "userId", e.userId());
        text(to, open, "op", e.op());
        return to.append('}');
    }

    /** {@code "name":}, after a comma unless it is the first key of the object opened just before {@code open}. */
    private static StringBuilder key(StringBuilder to, int open, String name) {
        if (to.length() > open) {
            to.append(',');
        }
        return to.append('"').append(name).append("\":");
    }

    private static void text(StringBuilder to, int open, String name, String value) {
        if (value != null) {
            Codec.appendString(key(to, open, name), value);
        }
    }

    private static void number(StringBuilder to, int open, String name, double value) {
        if (Element.has(value)) {
            WholeNumbers.append(key(to, open, name), value);
        }
    }

    private static void text(JsonGenerator out, String name, String value) {
        if (value != null) {
            out.write(name, value);
        }
    }

    private static void number(JsonGenerator out, String name, double value) {
        if (Element.has(value)) {
            out.writeKey(name);
            WholeNumbers.write(out, value);
        }
    }
}
