package org.inkroom.protocol;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes an {@link Element} in the seed's field order, leaving out what it does not have (a null
 * string, an {@link Element#ABSENT} number), whole numbers as the seed writes them ({@link WholeNumbers}).
 * JSON-B cannot leave out a primitive on its own; through the shared {@link Codec} this is the only
 * way an element becomes JSON (a broadcast, a sync, the store's body).
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
