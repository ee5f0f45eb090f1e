package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link ElementJson} writes what JSON-B writes, character for character. */
class ElementJsonTest {

    private static final String[] STRINGS = {"", "a", "el_1", "#e74c3c", "名前", "q\"uote", "back\\slash", "new\nline",
        "tab\tcr\rff\fbs\b", "\u0000\u0001\u001f\u007f", "😀 pair", "\ud800 lone high", "lone low \udc00", "/slash/",
        "\u2028\u2029", "<script>&amp;</script>"};

    private static final double[] NUMBERS = {0, -0.0, 1, -1, 2, 0.1, 1.5, -2.25, 1e-7, 1e-300, 3e12, 1e6, 123456789.125,
        Double.MIN_VALUE, Double.MAX_VALUE, 4.9e-324, 1.0E21, 12345678901234567.0};

    @Test
    void generatedElementsAreWrittenExactlyAsJsonbWritesThem() {
        long seed = Long.getLong("inkroom.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            Element e = new Element(string(random), string(random), number(random), number(random), number(random),
                    number(random), points(random), string(random), number(random), string(random), number(random),
                    string(random), string(random));
            String context = "seed " + seed + " (-Dinkroom.fuzz.seed=" + seed + "), element " + i;
            assertEquals(Codec.toJson(e), Codec.elementJson(e), context);
            String user = string(random);
            long seq = random.nextLong() & Long.MAX_VALUE;
            assertEquals(Codec.encode(ServerMessage.draw(user, e, seq)), Codec.encodeDraw(user, Codec.elementJson(e), seq),
                    context);
        }
    }

    @Test
    void everyCharacterBelowTheSurrogatesIsEscapedAsJsonbEscapesIt() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0xd800; c++) {
            all.append(c);
        }
        Element e = Element.line(all.toString(), 1, 2, 3, 4, "#000000", 1, all.toString());
        assertEquals(Codec.toJson(e), Codec.elementJson(e));
    }

    @Test
    void aNumberJsonCannotHoldIsRefused() {
        Element nan = Element.line("a", Double.NaN, 2, 3, 4, "#000000", 1, "u");
        assertThrows(IllegalArgumentException.class, () -> Codec.elementJson(nan));
    }

    private static String string(Random random) {
        return random.nextInt(5) == 0 ? null : STRINGS[random.nextInt(STRINGS.length)]
                + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
    }

    private static Double number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> NUMBERS[random.nextInt(NUMBERS.length)];
            case 2 -> (double) (random.nextInt(4001) - 2000);
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        };
    }

    private static double[][] points(Random random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        double[][] points = new double[random.nextInt(6)][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[2 + random.nextInt(2)];
            for (int k = 0; k < points[i].length; k++) {
                Double n = number(random);
                points[i][k] = n == null ? 0 : n;
            }
        }
        return points;
    }
}
