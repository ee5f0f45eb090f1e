package org.inkroom.protocol;

import java.util.Set;
import java.util.regex.Pattern;

/** Every rule a client message must pass, in one place. Returns the error to answer, or null. */
public final class Validation {

    /** Coordinates beyond this are absurd for a whiteboard and would only bloat every client's canvas. */
    public static final double MAX_COORDINATE = 1e6;
    public static final double MAX_STROKE_WIDTH = 200;
    public static final int MAX_ELEMENT_ID = 128;
    public static final Set<String> ELEMENT_TYPES = Set.of("line");

    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");

    private Validation() { }

    public static ErrorData check(ClientMessage message) {
        if (message instanceof ClientMessage.Draw d) {
            return element(d.data());
        }
        if (message instanceof ClientMessage.Cursor c) {
            return cursor(c.data());
        }
        return null; // clear has no body to check

    }

    static ErrorData element(Element e) {
        if (e == null) {
            return invalidElement("draw needs a data object (the element)");
        }
        if (e.id() == null || e.id().isEmpty()) {
            return invalidElement("id is required");
        }
        if (e.id().length() > MAX_ELEMENT_ID) {
            return invalidElement("id is longer than " + MAX_ELEMENT_ID + " characters");
        }
        if (e.elementType() == null || !ELEMENT_TYPES.contains(e.elementType())) {
            return invalidElement("elementType must be one of " + ELEMENT_TYPES);
        }
        String bad = firstBadCoordinate(new String[] {"x1", "y1", "x2", "y2"},
                e.x1(), e.y1(), e.x2(), e.y2());
        if (bad != null) {
            return invalidElement(bad + " must be a finite number with |" + bad + "| <= 1e6");
        }
        if (e.strokeColor() == null || !COLOR.matcher(e.strokeColor()).matches()) {
            return invalidElement("strokeColor must be #rrggbb");
        }
        Double w = e.strokeWidth();
        if (w == null || !Double.isFinite(w) || w <= 0 || w > MAX_STROKE_WIDTH) {
            return invalidElement("strokeWidth must be a number in (0, 200]");
        }
        return null;
    }

    static ErrorData cursor(CursorData c) {
        if (c == null) {
            return new ErrorData(ErrorData.INVALID_CURSOR, "cursor needs a data object {x, y}");
        }
        String bad = firstBadCoordinate(new String[] {"x", "y"}, c.x(), c.y());
        return bad == null ? null
                : new ErrorData(ErrorData.INVALID_CURSOR, bad + " must be a finite number with |" + bad + "| <= 1e6");
    }

    public static boolean isColor(String s) {
        return s != null && COLOR.matcher(s).matches();
    }

    private static String firstBadCoordinate(String[] names, Double... values) {
        for (int i = 0; i < values.length; i++) {
            Double v = values[i];
            if (v == null || !Double.isFinite(v) || Math.abs(v) > MAX_COORDINATE) {
                return names[i];
            }
        }
        return null;
    }

    private static ErrorData invalidElement(String message) {
        return new ErrorData(ErrorData.INVALID_ELEMENT, message);
    }
}
