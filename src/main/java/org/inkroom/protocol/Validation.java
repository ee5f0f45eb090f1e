package org.inkroom.protocol;

import java.util.Set;

/** Every rule a client message must pass, in one place. Returns the error to answer, or null. */
public final class Validation {

    /** Coordinates beyond this are absurd for a whiteboard and would only bloat every client's canvas. */
    public static final double MAX_COORDINATE = 1e6;
    public static final double MAX_STROKE_WIDTH = 200;
    public static final int MAX_ELEMENT_ID = 128;
    public static final int MAX_OP_LABEL = 64;
    /** One freehand stroke: enough for minutes of drawing, small enough to stay one frame. */
    public static final int MAX_POINTS = 5000;
    public static final int MAX_TEXT = 2000;
    public static final double MIN_FONT = 4;
    public static final double MAX_FONT = 400;
    public static final int MAX_IDS = 500;
    public static final Set<String> ELEMENT_TYPES = Set.of("line", "rect", "ellipse", "path", "text");

    private Validation() { }

    public static ErrorData check(ClientMessage message) {
        if (message instanceof ClientMessage.Draw d) {
            return element(d.data());
        }
        if (message instanceof ClientMessage.Cursor c) {
            return cursor(c.data());
        }
        if (message instanceof ClientMessage.Update u) {
            return update(u.data());
        }
        if (message instanceof ClientMessage.Erase e) {
            return ids(e.data(), "erase");
        }
        if (message instanceof ClientMessage.Restore r) {
            return ids(r.data(), "restore");
        }
        return null; // clear has no body to check
    }

    static ErrorData element(Element e) {
        if (e == null) {
            return invalidElement("draw needs a data object (the element)");
        }
        String idProblem = idProblem(e.id());
        if (idProblem != null) {
            return invalidElement(idProblem);
        }
        String opProblem = opProblem(e.op());
        if (opProblem != null) {
            return invalidElement(opProblem);
        }
        if (e.elementType() == null || !ELEMENT_TYPES.contains(e.elementType())) {
            return invalidElement("elementType must be one of " + ELEMENT_TYPES);
        }
        if (!isColor(e.strokeColor())) {
            return invalidElement("strokeColor must be #rrggbb");
        }
        String notFinite = nonFiniteField(e);
        if (notFinite != null) {
            // Also in fields this element type does not use: they are stored and sent as they are.
            return invalidElement(notFinite + " must be a finite number");
        }
        if (e.text() != null && hasUnpairedSurrogate(e.text())) {
            return invalidElement("text " + UNPAIRED); // whatever the type: it is stored and sent as it is
        }
        String bad;
        switch (e.elementType()) {
            case "path" -> {
                String points = pointsProblem(e.points(), MAX_POINTS);
                if (points != null) {
                    return invalidElement(points);
                }
                bad = strokeWidthProblem(e.strokeWidth());
            }
            case "text" -> {
                bad = firstBadCoordinate(new String[] {"x1", "y1"}, e.x1(), e.y1());
                if (bad != null) {
                    return invalidElement(bad + " must be a finite number with |" + bad + "| <= 1e6");
                }
                if (e.text() == null || e.text().isEmpty() || e.text().length() > MAX_TEXT) {
                    return invalidElement("text must have 1 to " + MAX_TEXT + " characters");
                }
                double f = e.fontSize();
                bad = !Double.isFinite(f) || f < MIN_FONT || f > MAX_FONT
                        ? "fontSize must be a number in [4, 400]" : null;
            }
            default -> { // line, rect, ellipse
                bad = firstBadCoordinate(new String[] {"x1", "y1", "x2", "y2"}, e.x1(), e.y1(), e.x2(), e.y2());
                if (bad != null) {
                    return invalidElement(bad + " must be a finite number with |" + bad + "| <= 1e6");
                }
                bad = strokeWidthProblem(e.strokeWidth());
            }
        }
        return bad == null ? null : invalidElement(bad);
    }

    /**
     * {@code #rrggbb}, hex digits in either case. By hand, not a regular expression: every drawn element
     * is checked, and the matcher was three quarters of the check's time (BENCHMARKS.md, session 47).
     */
    static boolean isColor(String s) {
        if (s == null || s.length() != 7 || s.charAt(0) != '#') {
            return false;
        }
        for (int i = 1; i < 7; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean nonFinite(double v) {
        return Element.has(v) && !Double.isFinite(v);
    }

    /** The first number in the element that is not finite (1e309 reads as infinity), or null. */
    private static String nonFiniteField(Element e) {
        // One by one, not as arrays: this runs for every drawn stroke.
        String bad = nonFinite(e.x1()) ? "x1" : nonFinite(e.y1()) ? "y1" : nonFinite(e.x2()) ? "x2"
                : nonFinite(e.y2()) ? "y2" : nonFinite(e.fontSize()) ? "fontSize" : nonFinite(e.strokeWidth()) ? "strokeWidth" : null;
        if (bad != null) {
            return bad;
        }
        if (e.points() != null) {
            for (double[] p : e.points()) {
                if (p == null) {
                    return "points";
                }
                for (double v : p) {
                    if (!Double.isFinite(v)) {
                        return "points";
                    }
                }
            }
        }
        return null;
    }

    static ErrorData cursor(CursorData c) {
        if (c == null) {
            return new ErrorData(ErrorData.INVALID_CURSOR, "cursor needs a data object {x, y}");
        }
        String bad = c.x() == null ? "x" : c.y() == null ? "y" : firstBadCoordinate(new String[] {"x", "y"}, c.x(), c.y());
        return bad == null ? null
                : new ErrorData(ErrorData.INVALID_CURSOR, bad + " must be a finite number with |" + bad + "| <= 1e6");
    }

    static ErrorData update(ClientMessage.UpdateData u) {
        if (u == null) {
            return invalidUpdate("update needs a data object {id, from, points}");
        }
        String problem = idProblem(u.id());
        if (problem == null && (u.from() == null || u.from() < 0)) {
            problem = "from must be a whole number >= 0";
        }
        if (problem == null) {
            problem = pointsProblem(u.points(), MAX_POINTS);
        }
        if (problem == null) {
            problem = opProblem(u.op());
        }
        return problem == null ? null : invalidUpdate(problem);
    }

    static ErrorData ids(ClientMessage.IdsData d, String type) {
        if (d == null || d.ids() == null || d.ids().isEmpty() || d.ids().size() > MAX_IDS) {
            return new ErrorData(ErrorData.INVALID_IDS, type + " needs data.ids: 1 to " + MAX_IDS + " element ids");
        }
        for (String id : d.ids()) {
            String problem = idProblem(id);
            if (problem != null) {
                return new ErrorData(ErrorData.INVALID_IDS, problem);
            }
        }
        String opProblem = opProblem(d.op());
        if (opProblem != null) {
            return new ErrorData(ErrorData.INVALID_IDS, opProblem);
        }
        return null;
    }

    private static final String UNPAIRED = "must be valid Unicode: it holds an unpaired surrogate";

    /**
     * Ids are 1 to 128 characters, none of them a control character (PostgreSQL refuses NUL in the
     * id column, which jammed the store's writer) nor an unpaired surrogate (see {@link #hasUnpairedSurrogate}).
     */
    private static String idProblem(String id) {
        if (id == null || id.isEmpty()) {
            return "id is required";
        }
        if (id.length() > MAX_ELEMENT_ID) {
            return "id is longer than " + MAX_ELEMENT_ID + " characters";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "id must not contain control characters";
            }
        }
        return hasUnpairedSurrogate(id) ? "id " + UNPAIRED : null;
    }

    /** The client's optional op label: at most 64 characters of valid Unicode. */
    private static String opProblem(String op) {
        if (op == null) {
            return null;
        }
        if (op.length() > MAX_OP_LABEL) {
            return "op is longer than " + MAX_OP_LABEL + " characters";
        }
        return hasUnpairedSurrogate(op) ? "op " + UNPAIRED : null;
    }

    /**
     * A JSON escape ({@code "\ud800"}) can put half a surrogate pair in a string. UTF-8 cannot carry
     * it: the socket, Redis and the database would each turn it into '?', so the others, the other
     * nodes and the store would hold another id or text than this room.
     */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String pointsProblem(double[][] points, int max) {
        if (points == null || points.length == 0 || points.length > max) {
            return "points must hold 1 to " + max + " points";
        }
        for (double[] p : points) {
            if (p == null || p.length < 2 || p.length > 3) {
                return "each point must be [x, y] or [x, y, pressure]";
            }
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])
                    || Math.abs(p[0]) > MAX_COORDINATE || Math.abs(p[1]) > MAX_COORDINATE) {
                return "point coordinates must be finite numbers with |v| <= 1e6";
            }
            if (p.length == 3 && (!Double.isFinite(p[2]) || p[2] < 0 || p[2] > 1)) {
                return "pressure must be in [0, 1]";
            }
        }
        return null;
    }

    private static String strokeWidthProblem(double w) {
        return !Double.isFinite(w) || w <= 0 || w > MAX_STROKE_WIDTH
                ? "strokeWidth must be a number in (0, 200]" : null;
    }

    private static String firstBadCoordinate(String[] names, double... values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v) || Math.abs(v) > MAX_COORDINATE) { // NaN: absent
                return names[i];
            }
        }
        return null;
    }

    private static ErrorData invalidElement(String message) {
        return new ErrorData(ErrorData.INVALID_ELEMENT, message);
    }

    private static ErrorData invalidUpdate(String message) {
        return new ErrorData(ErrorData.INVALID_UPDATE, message);
    }
}
