package org.inkroom.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Client frames as maps, serialised by the shared Jsonb: never JSON by string concatenation. */
public final class Frames {

    private Frames() { }

    public static Map<String, Object> line(String id, double x1, double y1, double x2, double y2) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", id);
        data.put("elementType", "line");
        data.put("x1", x1);
        data.put("y1", y1);
        data.put("x2", x2);
        data.put("y2", y2);
        data.put("strokeColor", "#e74c3c");
        data.put("strokeWidth", 4);
        return data;
    }

    public static Map<String, Object> draw(Map<String, Object> element) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "draw");
        m.put("data", element);
        return m;
    }

    public static Map<String, Object> draw(String id) {
        return draw(line(id, 10, 20, 30, 40));
    }

    public static Map<String, Object> cursor(double x, double y) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("x", x);
        data.put("y", y);
        return Map.of("type", "cursor", "data", data);
    }

    public static Map<String, Object> clear() {
        return Map.of("type", "clear");
    }
}
