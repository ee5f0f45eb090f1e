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
 * encoded ({@link Codec#toJson(Element)}). Both take the fields from one list ({@link #fields}) and
 * write the same text: {@code CodecTest} and {@code CodecFuzzTest} compare them.
 */
final class ElementSerializer implements JsonbSerializer<Element> {

    @Override
    public void serialize(Element e, JsonGenerator out, SerializationContext context) {
        write(e, out);
    }

    /** The element as JSON on {@code out}; needs no JSON-B context, so {@link Codec#toJson(Element)} calls it directly. */
    static void write(Element e, JsonGenerator out) {
        out.writeStartObject();
        fields(e, GENERATOR, out);
        out.writeEnd();
    }

    /**
     * The element as JSON text on {@code to}, what {@link #write} gives. The generator's per-element
     * objects (its contexts, a string per number, the writer and its buffer) were most of what
     * encoding allocated, and encoding was 23 % of what Inkroom allocates beyond the bare relay
     * (WildFly, 200 rooms of 10; BENCHMARKS.md, session 48).
     */
    static StringBuilder append(Element e, StringBuilder to) {
        to.append('{');
        fields(e, TEXT, to);
        return to.append('}');
    }

    /** Where {@link #fields} writes a field it has: a JSON-P generator or a text being built. */
    private interface Sink<T> {
        void text(T to, String name, String value);

        void number(T to, String name, double value);

        void points(T to, String name, double[][] points);
    }

    /**
     * The element's fields in the seed's order, each only if the element has it (a null string, an
     * {@link Element#ABSENT} number are left out): the one place that order is written down, for
     * both ways an element becomes JSON.
     */
    private static <T> void fields(Element e, Sink<T> sink, T to) {
        text(sink, to, "id", e.id());
        text(sink, to, "elementType", e.elementType());
        number(sink, to, "x1", e.x1());
        number(sink, to, "y1", e.y1());
        number(sink, to, "x2", e.x2());
        number(sink, to, "y2", e.y2());
        if (e.points() != null) {
            sink.points(to, "points", e.points());
        }
        text(sink, to, "text", e.text());
        number(sink, to, "fontSize", e.fontSize());
        text(sink, to, "strokeColor", e.strokeColor());
        number(sink, to, "strokeWidth", e.strokeWidth());
        text(sink, to, "userId", e.userId());
        text(sink, to, "op", e.op()); // a client's label: owned elements (stored, broadcast) have none
    }

    private static <T> void text(Sink<T> sink, T to, String name, String value) {
        if (value != null) {
            sink.text(to, name, value);
        }
    }

    private static <T> void number(Sink<T> sink, T to, String name, double value) {
        if (Element.has(value)) {
            sink.number(to, name, value);
        }
    }

    private static final Sink<JsonGenerator> GENERATOR = new Sink<>() {
        @Override
        public void text(JsonGenerator out, String name, String value) {
            out.write(name, value);
        }

        @Override
        public void number(JsonGenerator out, String name, double value) {
            out.writeKey(name);
            WholeNumbers.write(out, value);
        }

        @Override
        public void points(JsonGenerator out, String name, double[][] points) {
            out.writeStartArray(name);
            for (double[] point : points) {
                WholeNumbers.writePoint(out, point);
            }
            out.writeEnd();
        }
    };

    private static final Sink<StringBuilder> TEXT = new Sink<>() {
        @Override
        public void text(StringBuilder to, String name, String value) {
            Codec.appendString(key(to, name), value);
        }

        @Override
        public void number(StringBuilder to, String name, double value) {
            WholeNumbers.append(key(to, name), value);
        }

        @Override
        public void points(StringBuilder to, String name, double[][] points) {
            key(to, name).append('[');
            for (int i = 0; i < points.length; i++) {
                if (i > 0) {
                    to.append(',');
                }
                WholeNumbers.appendPoint(to, points[i]);
            }
            to.append(']');
        }

        /** {@code "name":}, after a comma unless it is the object's first key (the text ends in its '{'). */
        private StringBuilder key(StringBuilder to, String name) {
            if (to.charAt(to.length() - 1) != '{') {
                to.append(',');
            }
            return to.append('"').append(name).append("\":");
        }
    };
}
