package org.inkroom.floor;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code floor-stamped} variant ({@code floor.stamp=true} or FLOOR_STAMP=true; {@code seed}: the
 * {@code floor-seedframe} variant, the same without {@code seq}): the relay sends
 * what the seed's protocol makes any server send for a client's op, not the client's own frame. The
 * seed's server writes the sender's {@code userId} into the envelope and into the element (so no
 * client can draw in another's name); Inkroom adds the room's {@code seq}. A client's
 * {@code {"type":"draw","data":{...}}} goes out as
 * {@code {"type":"draw","userId":"U","data":{...,"userId":"U"},"seq":N}}, built once per frame by
 * string splicing (still no JSON parser, no room, no store). It shows how much of a server's cost is
 * the protocol's own bytes: on loopback a write's cost grows with them (BENCHMARKS.md, session 24).
 */
final class Stamp {

    private static final String MODE = setting();
    static final boolean ON = "true".equals(MODE) || "seed".equals(MODE);
    /** {@code seed}: the seed's frame, without Inkroom's {@code seq}. */
    static final boolean SEQ = !"seed".equals(MODE);
    private static final String DATA = ",\"data\":{";

    private Stamp() { }

    private static String setting() {
        String v = System.getProperty("floor.stamp");
        return v == null || v.isBlank() ? System.getenv("FLOOR_STAMP") : v.trim();
    }

    /** The {@code userId} the client asked for (as the seed and Inkroom use it), or one made up. */
    static String userId(jakarta.websocket.Session session) {
        java.util.List<String> asked = session.getRequestParameterMap().get("userId");
        return asked == null || asked.isEmpty() || asked.get(0).isBlank() ? newUserId() : asked.get(0);
    }

    /** A user id as Inkroom makes one when none is asked for: {@code user_} and six letters. */
    static String newUserId() {
        StringBuilder b = new StringBuilder("user_");
        for (int i = 0; i < 6; i++) {
            b.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return b.toString();
    }

    /** The frame as the protocol sends it on; a frame of another shape goes out as it came. */
    static String apply(String text, String userId, long seq) {
        int data = text.indexOf(DATA);
        if (data < 0 || !text.endsWith("}}")) {
            return text;
        }
        String quoted = "\"userId\":\"" + userId + "\"";
        StringBuilder b = new StringBuilder(text.length() + 2 * quoted.length() + 32)
                .append(text, 0, data).append(',').append(quoted)
                .append(text, data, text.length() - 2).append(',').append(quoted).append('}');
        if (SEQ) {
            b.append(",\"seq\":").append(seq);
        }
        return b.append('}').toString();
    }
}
