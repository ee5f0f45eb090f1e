package org.inkroom.protocol;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes a coordinate, width or size that holds a whole number without a fraction, as the seed does
 * (Go's {@code encoding/json} writes the float64 {@code 200.0} as {@code 200}; JSON-B writes
 * {@code 200.0}). Readers get the same number either way; the frames get shorter (a seed line
 * broadcast: 10 of its ~217 characters), and every receiver's write pays per character. Values
 * with a fraction, and whole ones beyond 2^53 (not exactly a long), are written as before.
 */
final class WholeNumbers {

    private WholeNumbers() { }

    /** Largest magnitude where every whole double is exact; the schema's limits are far below it. */
    private static final double EXACT = 9_007_199_254_740_992d;

    /** A whole number a long holds exactly: written without a fraction. */
    private static boolean whole(double v) {
        return v == Math.rint(v) && Math.abs(v) <= EXACT;
    }

    static void write(JsonGenerator out, double v) {
        if (whole(v)) {
            out.write((long) v); // -0.0 becomes 0, as a reader compares it anyway
        } else {
            out.write(v);
        }
    }

    /** {@link #write}'s text, on a {@link StringBuilder}: what the generator writes ({@code String.valueOf}) for the rest. */
    static StringBuilder append(StringBuilder to, double v) {
        if (whole(v)) {
            return to.append((long) v);
        }
        if (!Double.isFinite(v)) {
            throw new NumberFormatException("JSON has no " + v); // as the generator refuses it; validation lets none in
        }
        return to.append(v);
    }

    static void appendPoint(StringBuilder to, double[] point) {
        if (point == null) {
            to.append("null");
            return;
        }
        to.append('[');
        for (int i = 0; i < point.length; i++) {
            if (i > 0) {
                to.append(',');
            }
            append(to, point[i]);
        }
        to.append(']');
    }

    /** For {@code Double} properties ({@code x1}, {@code strokeWidth}, a cursor's {@code x}, ...). */
    static final class Boxed implements JsonbSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator out, SerializationContext context) {
            write(out, value);
        }
    }

    static void writePoint(JsonGenerator out, double[] point) {
        if (point == null) {
            out.writeNull();
            return;
        }
        out.writeStartArray();
        for (double v : point) {
            write(out, v);
        }
        out.writeEnd();
    }

    /** For points outside an element ({@code update}'s {@code double[][]}: JSON-B hands each inner {@code double[]} here). */
    static final class Point implements JsonbSerializer<double[]> {
        @Override
        public void serialize(double[] point, JsonGenerator out, SerializationContext context) {
            writePoint(out, point);
        }
    }
}
