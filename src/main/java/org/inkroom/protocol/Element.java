package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One drawing element. The seed's {@code line} uses (x1,y1)-(x2,y2); {@code rect} and
 * {@code ellipse} use them as opposite corners; {@code path} (freehand) has {@code points}
 * ({@code [x, y]} or {@code [x, y, pressure]}); {@code text} has {@code text} and {@code fontSize}
 * at (x1,y1). Boxed numbers so that a missing field is told apart from zero; absent parts are
 * not written, so a seed {@code line} looks exactly as the seed wrote it.
 *
 * <p>{@code op} is the client's optional label for matching the {@code ack}; it is never stored
 * or broadcast ({@link #owned} drops it).
 */
@JsonbPropertyOrder({"id", "elementType", "x1", "y1", "x2", "y2", "points", "text", "fontSize",
    "strokeColor", "strokeWidth", "userId"})
public record Element(String id, String elementType, Double x1, Double y1, Double x2, Double y2,
                      double[][] points, String text, Double fontSize,
                      String strokeColor, Double strokeWidth, String userId, String op) {

    /** A seed line. */
    public static Element line(String id, double x1, double y1, double x2, double y2, String color,
                               double width, String userId) {
        return new Element(id, "line", x1, y1, x2, y2, null, null, null, color, width, userId, null);
    }

    /** A freehand path. */
    public static Element path(String id, double[][] points, String color, double width, String userId) {
        return new Element(id, "path", null, null, null, null, points, null, null, color, width, userId, null);
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
        // A room keeps every element for its lifetime, so its type and colour are shared strings, not
        // one copy per element (~100 of an element's ~430 bytes; fewer bytes for each young collection
        // to copy while the element is new). Types and colours are few; interned strings go when unused.
        return new Element(id, elementType == null ? null : elementType.intern(), path ? null : x1, path ? null : y1, corners ? x2 : null,
                corners ? y2 : null, path ? points : null, isText ? text : null, isText ? fontSize : null,
                strokeColor == null ? null : strokeColor.intern(), strokeWidth, owner, null);
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
                && Objects.equals(x1, e.x1) && Objects.equals(y1, e.y1) && Objects.equals(x2, e.x2)
                && Objects.equals(y2, e.y2) && Arrays.deepEquals(points, e.points) && Objects.equals(text, e.text)
                && Objects.equals(fontSize, e.fontSize) && Objects.equals(strokeColor, e.strokeColor)
                && Objects.equals(strokeWidth, e.strokeWidth) && Objects.equals(userId, e.userId)
                && Objects.equals(op, e.op);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, elementType, x1, y1, x2, y2, Arrays.deepHashCode(points), text, fontSize,
                strokeColor, strokeWidth, userId, op);
    }

    @Override
    public String toString() {
        return "Element[" + id + " " + elementType + (points == null ? "" : " " + points.length + " points") + "]";
    }
}
