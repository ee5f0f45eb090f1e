package org.inkroom.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.inkroom.protocol.Codec;

/**
 * Random and mutated client frames for fuzzing, from one seeded {@link Random}: the same seed gives
 * the same frames. Valid messages are built as maps and serialised by the shared Jsonb; what JSON
 * cannot say as a map (1e309, a 5,000-digit number, a raw escape, a duplicate key) is spliced in
 * for a placeholder string after serialisation, and byte-level damage is done to the text.
 */
public final class HostileFrames {

    /** One frame and the family it came from (printed with the seed when a check fails). */
    public record Sample(String kind, String text) {
        /** The text as the server will read it: what a UTF-8 WebSocket client can put on the wire. */
        public String onTheWire() {
            return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }

        public int utf8Bytes() {
            return text.getBytes(StandardCharsets.UTF_8).length;
        }

        /** Printable: anything outside printable ASCII as a \\uXXXX escape, long frames cut. */
        @Override
        public String toString() {
            return kind + " " + printable(text.length() <= 300 ? text : text.substring(0, 300))
                    + (text.length() <= 300 ? "" : "... (" + text.length() + " chars)");
        }
    }

    /** {@code s} with every character outside printable ASCII written as a Java escape. */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c >= 0x20 && c < 0x7f) {
                b.append(c);
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b.toString();
    }

    private static final String[] ELEMENT_TYPES = {"line", "rect", "ellipse", "path", "text"};
    private static final String[] TYPES = {"draw", "update", "erase", "restore", "cursor", "clear"};
    private static final String RAW = "\u0001raw";

    /** Numbers JSON can write but a double cannot hold, or that parsers have choked on. */
    private static final String[] HOSTILE_NUMBERS = {
        "1e309", "-1e309", "-0", "-0.0", "1e-400", "-1e-400", "0e999999999", "1e999999999", "-1e-999999999",
        "2147483648", "-2147483649", "9223372036854775808", "1E+2", "1.0e2", "4.9e-324", "1.7976931348623157e308",
        "1" + "0".repeat(400), "0." + "0".repeat(1200) + "1", "1" + "0".repeat(5000), "-" + "9".repeat(20_000),
        "0." + "1".repeat(1099), "123456789012345678901234567890", "1e6", "1000000.0000001", "-1e6", "200.0000001"
    };

    /** Values of the wrong JSON type (or the right type with a wrong value) for any field. */
    private static final String[] WRONG_VALUES = {
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "\"x\"", "\"12\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"",
        "\"0x1p3\"", "\"1e309\"", "[]", "{}", "[[]]", "[null]", "[[null]]", "[1,2]", "[[1,2,3,4]]", "[\"a\"]",
        "{\"a\":1}", "[{}]", "[[1,\"2\"]]", "\"#GGGGGG\"", "\"#fff\"", "\"draw\"", "[[1e309,0]]", "[[0,0,2]]",
        "[[0,0,-0.1]]", "{\"ids\":[\"a\"]}", "\"\\u0000\"", "[true]", "[[[]]]"
    };

    /** String contents a careless encoder, store or page might mishandle. */
    private static final String[] HOSTILE_TEXTS = {
        "\u0000", "a\u0000b", "\ud800", "\udfff", "x\ud83d", "\ude00y", "\udbff\udbff", "\u202eevil\u202c", "\u0645\u0631\u062d\u0628\u0627",
        "\ud83d\ude00", "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", "e\u0301\u0301\u0301", "\ufeff", "\uffff", "\ufffe",
        "\u2028\u2029", "\u0007\u001b[31m", "<script>alert(1)</script>", "\"quoted\"", "back\\slash", "%00",
        "\u00c0\u00af", "\u00ed\u00a0\u0080", "\r\n", "\t", "\u007f", "\u0085", "\u200b", "../../etc/passwd"
    };

    /** Raw JSON string literals (escapes as the parser sees them). */
    private static final String[] RAW_STRINGS = {
        "\"\\ud800\"", "\"\\udfff\"", "\"a\\ud800b\"", "\"\\ud800\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"",
        "\"\\u0000\\u0001\"", "\"\\uD83D\\uDE00\"", "\"\\u202e\"", "\"\\uFEFF\"", "\"\\/\"", "\"\\u00\"", "\"\\x00\"",
        "\"\\'\"", "\"\\U0001F600\"", "\"\\uZZZZ\""
    };

    private final Random random;
    private final int maxFrameBytes;
    private final List<String> ids = new ArrayList<>();
    private int counter;

    public HostileFrames(long seed, int maxFrameBytes) {
        this.random = new Random(seed);
        this.maxFrameBytes = maxFrameBytes;
    }

    /** The next frame, of a family drawn at random. */
    public Sample next() {
        int roll = random.nextInt(100);
        if (roll < 10) {
            return new Sample("valid", validText());
        } else if (roll < 28) {
            return new Sample("mutated", mutate(validText(), 1 + (random.nextInt(4) == 0 ? random.nextInt(6) : 0)));
        } else if (roll < 34) {
            String v = validText();
            return new Sample("truncated", v.substring(0, random.nextInt(v.length())));
        } else if (roll < 50) {
            return new Sample("wrong-type", wrongType());
        } else if (roll < 60) {
            return new Sample("number", hostileNumber());
        } else if (roll < 70) {
            return new Sample("unicode", unicode());
        } else if (roll < 75) {
            return new Sample("nesting", nesting());
        } else if (roll < 80) {
            return new Sample("size", size());
        } else if (roll < 88) {
            return new Sample("junk", junk());
        } else if (roll < 95) {
            return new Sample("type-confusion", typeConfusion());
        } else {
            return new Sample("splice", splice());
        }
    }

    // --- valid messages ------------------------------------------------------------------

    /** A valid client message of any type except {@code clear} (which the others cannot tell from a fuzzer's). */
    public String validText() {
        return Codec.toJson(validMessage(TYPES[random.nextInt(TYPES.length - 1)]));
    }

    private Map<String, Object> validMessage(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        switch (type) {
            case "draw" -> m.put("data", element(ELEMENT_TYPES[random.nextInt(ELEMENT_TYPES.length)]));
            case "update" -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("id", knownId());
                d.put("from", random.nextInt(4) == 0 ? 0 : random.nextInt(30));
                d.put("points", points(1 + random.nextInt(8)));
                maybeOp(d);
                m.put("data", d);
            }
            case "erase", "restore" -> {
                Map<String, Object> d = new LinkedHashMap<>();
                List<String> some = new ArrayList<>();
                for (int i = random.nextInt(4); i >= 0; i--) {
                    some.add(knownId());
                }
                d.put("ids", some);
                maybeOp(d);
                m.put("data", d);
            }
            case "cursor" -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("x", coordinate());
                d.put("y", coordinate());
                m.put("data", d);
            }
            default -> { } // clear
        }
        if (random.nextInt(10) == 0) {
            m.put("userId", "spoofed");
        }
        return m;
    }

    private Map<String, Object> element(String elementType) {
        Map<String, Object> e = new LinkedHashMap<>();
        String id = "f" + Integer.toString(counter++, 36) + "-" + random.nextInt(1000);
        if (ids.size() < 64) {
            ids.add(id);
        } else {
            ids.set(random.nextInt(ids.size()), id);
        }
        e.put("id", id);
        e.put("elementType", elementType);
        switch (elementType) {
            case "path" -> {
                e.put("points", points(1 + random.nextInt(12)));
                e.put("strokeWidth", 1 + random.nextInt(20));
            }
            case "text" -> {
                e.put("x1", coordinate());
                e.put("y1", coordinate());
                e.put("text", "note " + random.nextInt(100));
                e.put("fontSize", 4 + random.nextInt(60));
            }
            default -> {
                e.put("x1", coordinate());
                e.put("y1", coordinate());
                e.put("x2", coordinate());
                e.put("y2", coordinate());
                e.put("strokeWidth", random.nextDouble() * 10 + 0.5);
            }
        }
        e.put("strokeColor", String.format("#%06x", random.nextInt(0x1000000)));
        maybeOp(e);
        return e;
    }

    private void maybeOp(Map<String, Object> data) {
        if (random.nextBoolean()) {
            data.put("op", "op" + random.nextInt(1000));
        }
    }

    private String knownId() {
        return ids.isEmpty() || random.nextInt(8) == 0 ? "nope" + random.nextInt(50) : ids.get(random.nextInt(ids.size()));
    }

    private double coordinate() {
        return random.nextInt(5) == 0 ? Math.round(random.nextGaussian() * 100) : random.nextGaussian() * 500;
    }

    private List<List<Double>> points(int n) {
        List<List<Double>> pts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pts.add(random.nextBoolean() ? List.of(coordinate(), coordinate())
                    : List.of(coordinate(), coordinate(), random.nextDouble()));
        }
        return pts;
    }

    // --- hostile families ----------------------------------------------------------------

    /** Damages {@code text} in {@code edits} places, one character at a time. */
    public String mutate(String text, int edits) {
        StringBuilder s = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int at = s.length() == 0 ? 0 : random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0 -> { if (s.length() > 0) { s.deleteCharAt(at); } }
                case 1 -> s.insert(at, interestingChar());
                case 2 -> { if (s.length() > 0) { s.setCharAt(at, interestingChar()); } }
                case 3 -> { if (s.length() > 0) { s.setCharAt(at, (char) (s.charAt(at) ^ (1 << random.nextInt(7)))); } }
                default -> { // duplicate a short run
                    int end = Math.min(s.length(), at + 1 + random.nextInt(12));
                    s.insert(at, s.substring(at, end));
                }
            }
        }
        return s.toString();
    }

    private char interestingChar() {
        String pool = "{}[]:,\"\\ 0123456789-+.eEtrufalsn\u0000\u001f\ud800\udc00\u00e9\u202e\uffff";
        return random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : pool.charAt(random.nextInt(pool.length()));
    }

    /** A valid message with one field (at any depth, the envelope's included) given a value of the wrong type. */
    private String wrongType() {
        Map<String, Object> m = validMessage(TYPES[random.nextInt(TYPES.length - 1)]);
        String value = WRONG_VALUES[random.nextInt(WRONG_VALUES.length)];
        List<Map<String, Object>> holders = new ArrayList<>();
        holders.add(m);
        if (m.get("data") instanceof Map<?, ?> data) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) data;
            holders.add(d);
            holders.add(d);
            holders.add(d); // fields of the body are where the types matter most
        }
        Map<String, Object> holder = holders.get(random.nextInt(holders.size()));
        List<String> keys = new ArrayList<>(holder.keySet());
        // Also fields the message does not have yet, but another type or element type would use.
        for (String extra : List.of("x1", "y1", "x2", "y2", "points", "text", "fontSize", "strokeWidth", "strokeColor",
                "elementType", "id", "ids", "from", "op", "x", "y", "data", "type", "userId")) {
            if (random.nextInt(8) == 0) {
                keys.add(extra);
            }
        }
        holder.put(keys.get(random.nextInt(keys.size())), raw(value));
        return render(m);
    }

    /** A valid message with one numeric field (or a point's coordinate) written as a hostile literal. */
    private String hostileNumber() {
        String type = random.nextInt(3) == 0 ? "cursor" : random.nextBoolean() ? "draw" : "update";
        Map<String, Object> m = validMessage(type);
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m.get("data");
        String number = HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)];
        List<String> numeric = new ArrayList<>();
        d.forEach((k, v) -> {
            if (v instanceof Number) {
                numeric.add(k);
            }
        });
        if (d.get("points") instanceof List<?> pts && (numeric.isEmpty() || random.nextBoolean())) {
            List<Object> copy = new ArrayList<>(pts);
            int i = random.nextInt(copy.size());
            List<Object> point = new ArrayList<>((List<?>) copy.get(i));
            point.set(random.nextInt(point.size()), raw(number));
            copy.set(i, point);
            d.put("points", copy);
        } else if (!numeric.isEmpty()) {
            d.put(numeric.get(random.nextInt(numeric.size())), raw(number));
        } else {
            d.put("x1", raw(number));
        }
        return render(m);
    }

    /** A valid message with a string field holding a hostile string, as characters or as raw escapes. */
    private String unicode() {
        Map<String, Object> m = validMessage(random.nextBoolean() ? "draw" : TYPES[random.nextInt(TYPES.length - 1)]);
        Map<String, Object> holder = m;
        if (m.get("data") instanceof Map<?, ?> data && random.nextInt(5) != 0) {
            @SuppressWarnings("unchecked")
            Map<String, Object> d = (Map<String, Object>) data;
            holder = d;
        }
        if ("draw".equals(m.get("type")) && holder != m && random.nextInt(3) == 0) {
            holder.put("elementType", "text"); // so that `text` is a field the element uses
            holder.put("x1", 1);
            holder.put("y1", 2);
            holder.put("fontSize", 12);
        }
        List<String> strings = new ArrayList<>();
        holder.forEach((k, v) -> {
            if (v instanceof String) {
                strings.add(k);
            }
        });
        strings.add("text");
        strings.add("op");
        String key = strings.get(random.nextInt(strings.size()));
        Object value;
        if (random.nextInt(3) == 0) {
            value = raw(RAW_STRINGS[random.nextInt(RAW_STRINGS.length)]);
        } else {
            String hostile = HOSTILE_TEXTS[random.nextInt(HOSTILE_TEXTS.length)];
            String base = holder.get(key) instanceof String s ? s : "t";
            value = switch (random.nextInt(3)) {
                case 0 -> hostile;
                case 1 -> base + hostile;
                default -> hostile + base;
            };
        }
        if ("ids".equals(key) || (holder.containsKey("ids") && random.nextBoolean())) {
            holder.put("ids", List.of(value));
        } else {
            holder.put(key, value);
        }
        return render(m);
    }

    /** Objects or arrays nested far deeper than any message, balanced or not, at the top or in data. */
    private String nesting() {
        int[] depths = {31, 33, 64, 1000, 10_000, 30_000};
        int depth = depths[random.nextInt(depths.length)];
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String inner = arrays ? "1" : "1";
        StringBuilder s = new StringBuilder();
        boolean inData = random.nextBoolean();
        if (inData) {
            s.append("{\"type\":\"").append(TYPES[random.nextInt(TYPES.length - 1)]).append("\",\"data\":");
        } else if (arrays) {
            s.append("{\"type\":\"draw\",\"a\":");
        }
        s.append(open.repeat(depth)).append(inner);
        int closing = random.nextInt(4) == 0 ? random.nextInt(depth + 2) : depth;
        s.append(close.repeat(closing));
        if (inData || arrays) {
            s.append('}');
        }
        return s.toString();
    }

    /** Fields just within and just past their limits, and whole frames just under and over the frame limit. */
    private String size() {
        Map<String, Object> m;
        switch (random.nextInt(8)) {
            case 0 -> {
                m = validMessage("draw");
                data(m).put("id", "i".repeat(random.nextBoolean() ? 128 : 129));
            }
            case 1 -> {
                m = validMessage("draw");
                Map<String, Object> e = data(m);
                e.put("elementType", "text");
                e.put("x1", 1);
                e.put("y1", 1);
                e.put("fontSize", 10);
                e.put("text", (random.nextBoolean() ? "\ud83d\ude00" : "t").repeat(random.nextBoolean() ? 1000 : 1001)
                        + (random.nextBoolean() ? "" : "!"));
            }
            case 2 -> {
                m = validMessage(random.nextBoolean() ? "erase" : "update");
                data(m).put("op", "o".repeat(random.nextBoolean() ? 64 : 65));
            }
            case 3 -> {
                m = validMessage("draw");
                Map<String, Object> e = data(m);
                e.put("elementType", "path");
                e.put("strokeWidth", 2);
                // [1,2] serialises to 9 characters: 5,000 of them stay under 64 KiB.
                e.put("points", java.util.Collections.nCopies(random.nextBoolean() ? 5000 : 5001, List.of(1, 2)));
            }
            case 4 -> {
                m = validMessage(random.nextBoolean() ? "erase" : "restore");
                data(m).put("ids", java.util.Collections.nCopies(random.nextBoolean() ? 500 : 501, "a"));
            }
            default -> {
                // A frame of exactly the limit give or take a few bytes, padded with 1-, 2- or 3-byte characters.
                m = validMessage(random.nextBoolean() ? "draw" : "cursor");
                String pad = new String[] {"p", "\u00e9", "\u20ac", "\ud83d\ude00"}[random.nextInt(4)];
                int delta = random.nextInt(9) - 6; // -6 .. +2 bytes around the limit
                String base = render(m);
                int room = maxFrameBytes + delta - base.getBytes(StandardCharsets.UTF_8).length - 12;
                int unit = pad.getBytes(StandardCharsets.UTF_8).length;
                String filler = pad.repeat(Math.max(0, room / unit)) + "x".repeat(Math.max(0, room % unit));
                m.put("padding", filler);
            }
        }
        return render(m);
    }

    private static Map<String, Object> data(Map<String, Object> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) m.get("data");
        return d;
    }

    /** Text that is not one JSON object: other values, broken syntax, noise. */
    private String junk() {
        String[] fixed = {
            "", " ", "\n\t\r ", "null", "true", "0", "-", "\"type\"", "[]", "[{\"type\":\"clear\"}]", "{}", "{", "}", "{{}}",
            "{\"type\":\"clear\"}{\"type\":\"clear\"}", "{\"type\":\"clear\"} x", "{\"type\":\"clear\",}", "{,}",
            "{\"type\":\"clear\"\"data\":1}", "{'type':'clear'}", "{type:clear}", "{\"type\":\"clear\" /* c */}",
            "{\"type\":NaN}", "{\"type\":\"cursor\",\"data\":{\"x\":Infinity,\"y\":-Infinity}}", "\ufeff{\"type\":\"clear\"}",
            "{\"type\":\"clear\"}\u0000", "{\"type\":\"\\", "{\"\\", "{\"type\":\"cursor\",\"data\":{\"x\":01,\"y\":.5}}",
            "{\"type\":\"cursor\",\"data\":{\"x\":1.,\"y\":+5}}", "{\"type\":\"cursor\",\"data\":{\"x\":0x10,\"y\":1}}",
            "{\"\":\"\"}", "{\"type\":\"draw\",\"data\":{\"\":{\"\":[]}}}", "\u0000", "]", "[", "\"", "\\", "{\"a\":\"\u0000\"}"
        };
        if (random.nextInt(3) == 0) {
            return fixed[random.nextInt(fixed.length)];
        }
        StringBuilder s = new StringBuilder(random.nextBoolean() ? "{" : "");
        for (int i = random.nextInt(200); i > 0; i--) {
            s.append(interestingChar());
        }
        return s.toString();
    }

    /** Unknown, missing, mistyped and duplicated {@code type}s, and duplicate keys elsewhere. */
    private String typeConfusion() {
        String valid = validText();
        return switch (random.nextInt(9)) {
            case 0 -> valid.replaceFirst("\"type\":\"[a-z]+\"", "\"type\":\"" + pick("paint", "DRAW", "Draw", " draw", "draw ",
                    "", "sync", "ack", "error", "join", "leave", "userlist", "d\\u0072aw", "draw\\u0000", "__proto__", "constructor") + "\"");
            case 1 -> valid.replaceFirst("\"type\":\"[a-z]+\"", "\"type\":" + pick("null", "1", "true", "[\"draw\"]",
                    "{\"draw\":1}", "\"draw\",\"type\":\"cursor\""));
            case 2 -> valid.replaceFirst("\"type\":\"[a-z]+\",?", "");
            case 3 -> "{\"type\":\"" + pick(TYPES) + "\"," + valid.substring(1); // two types
            case 4 -> valid.substring(0, valid.length() - 1) + ",\"type\":\"" + pick(TYPES) + "\"}";
            case 5 -> valid.substring(0, valid.length() - 1) + ",\"data\":" + pick("null", "{}", "[]", "{\"id\":\"dup\"}") + "}";
            case 6 -> valid.replaceFirst("\"id\":", "\"id\":\"first\",\"id\":");
            case 7 -> valid.replaceFirst("\\{\"type\"", "{\"Type\":\"clear\",\"type\"");
            default -> valid.replaceFirst("\"data\":", "\"DATA\":");
        };
    }

    private String splice() {
        String a = validText();
        String b = random.nextBoolean() ? validText() : junk();
        return switch (random.nextInt(3)) {
            case 0 -> a + b;
            case 1 -> a.substring(0, random.nextInt(a.length())) + b;
            default -> a.substring(0, a.length() - 1) + "," + b.substring(Math.min(1, b.length())) ;
        };
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    // --- raw splices ---------------------------------------------------------------------

    private int raws;
    private final Map<String, String> rawValues = new LinkedHashMap<>();

    /** A placeholder that {@link #render} replaces with {@code json} as it is, unquoted. */
    private String raw(String json) {
        String key = RAW + (raws++) + "\u0001";
        rawValues.put(key, json);
        return key;
    }

    private String render(Map<String, Object> m) {
        String text = Codec.toJson(m);
        for (Map.Entry<String, String> r : rawValues.entrySet()) {
            String quoted = Codec.toJson(r.getKey());
            text = text.replace(quoted, r.getValue());
        }
        rawValues.clear();
        return text;
    }
}
