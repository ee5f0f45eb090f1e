package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One drawing element, as the seed protocol defines it ({@code elementType} "line" from
 * (x1,y1) to (x2,y2)). Boxed numbers so that a missing field is told apart from zero.
 */
@JsonbPropertyOrder({"id", "elementType", "x1", "y1", "x2", "y2", "strokeColor", "strokeWidth", "userId"})
public record Element(String id, String elementType, Double x1, Double y1, Double x2, Double y2,
                      String strokeColor, Double strokeWidth, String userId) {

    /** The same element attributed to {@code owner}, whatever the client claimed. */
    public Element withUserId(String owner) {
        return owner.equals(userId) ? this
                : new Element(id, elementType, x1, y1, x2, y2, strokeColor, strokeWidth, owner);
    }
}
