package org.inkroom.protocol;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** A pointer position; {@code color} is set by the server to the sender's colour. */
@JsonbPropertyOrder({"x", "y", "color"})
public record CursorData(Double x, Double y, String color) {

    public CursorData withColor(String c) {
        return new CursorData(x, y, c);
    }
}
