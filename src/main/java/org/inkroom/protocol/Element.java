package org.inkroom.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One drawing element. The seed's {@code line} uses (x1,y1)-(x2,y2); {@code rect} and
 * {@code ellipse} use them as opposite corners; {@code path} (freehand) has {@code points}
 * ({@code [x, y]} or {@code [x, y, pressure]}); {@code text} has {@code text} and {@code fontSize}
 * at (x1,y1). A number the frame did not give is {@link #ABSENT} (NaN, which JSON cannot carry),
 * so a missing field is told apart from zero; absent parts are not written
 * ({@link ElementSerializer}), so a seed {@code line} looks exactly as the seed wrote it. Frames are
 * read by {@link ElementDeserializer}.
 *
 * <p>The numbers are primitives, not {@code Double}s: five boxed numbers were five of an element's
 * ten objects, made for every frame decoded. A room does not keep elements as objects: its canvas
 * keeps their JSON ({@code room.ElementTable}) and only the paths still being drawn stay objects.
 *
 * <p>{@code op} is the client's optional label for matching the {@code ack}; it is never stored
 * or broadcast ({@link #owned} drops it).
 */
public record Element(String id, String elementType, double x1, double y1, double x2, double y2,
                      double[][] points, String text, double fontSize,
                      String strokeColor, double strokeWidth, String userId, String op) {

    /** A number the element does not have. */
    public static final double ABSENT = Double.NaN;

    /** True when {@code v} was given (NaN marks one that was not; no JSON number reads as NaN). */
    public static boolean has(double v) {
        return !Double.isNaN(v);
    }

    /** A seed line. */
    public static Element line(String id, double x1, double y1, double x2, double y2, String color,
                               double width, String userId) {
        return new Element(id, "line", x1, y1, x2, y2, null, null, ABSENT, color, width, userId, null);
    }

    /** A freehand path. */
    public static Element path(String id, double[][] points, String color, double width, String userId) {
        return new Element(id, "path", ABSENT, ABSENT, ABSENT, ABSENT, points, null, ABSENT, color, width, userId, null);
    }

    /**
     * The element as the server keeps it: attributed to {@code owner}, the client's op label dropped,
     * and only the fields its type uses (a {@code line} carrying a 2,000-character {@code text} is
     * stored and relayed without it: other members see nothing the drawing does not need).
     */
    public Element owned(String owner) {
        boolean path = "path".equals(elementType);
        boolean isText = "text".equals(elementType);
        boolean corners = !path && !isText;
        return new Element(id, elementType, path ? ABSENT : x1, path ? ABSENT : y1,
                corners ? x2 : ABSENT, corners ? y2 : ABSENT, path ? points : null, isText ? text : null, isText ? fontSize : ABSENT,
                strokeColor, strokeWidth, owner, null);
    }

    /** A path with {@code more} points appended. */
    public Element withMorePoints(double[][] more) {
        double[][] all = Arrays.copyOf(points, points.length + more.length);
        System.arraycopy(more, 0, all, points.length, more.length);
        return new Element(id, elementType, x1, y1, x2, y2, all, text, fontSize, strokeColor, strokeWidth, userId, op);
    }

    public int pointCount() {
        return points == null ? 0 : points.length;
    }

    // Arrays compare by content, not identity.
    @Override
    public boolean equals(Object o) {
        return o instanceof Element e && Objects.equals(id, e.id) && Objects.equals(elementType, e.elementType)
                && Double.compare(x1, e.x1) == 0 && Double.compare(y1, e.y1) == 0 && Double.compare(x2, e.x2) == 0
                && Double.compare(y2, e.y2) == 0 && Arrays.deepEquals(points, e.points) && Objects.equals(text, e.text)
                && Double.compare(fontSize, e.fontSize) == 0 && Objects.equals(strokeColor, e.strokeColor)
                && Double.compare(strokeWidth, e.strokeWidth) == 0 && Objects.equals(userId, e.userId)
                && Objects.equals(op, e.op);
    }

    /**
     * The id's hash: equal elements have equal ids, and an id names one element in a room. JSON-B
     * hashes every object it writes (its recursion check keeps them in a hash set), so this runs
     * for every element serialised; hashing all thirteen fields boxed six doubles and walked the
     * points each time.
     */
    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }

    @Override
    public String toString() {
        return "Element[" + id + " " + elementType + (points == null ? "" : " " + points.length + " points") + "]";
    }
}
