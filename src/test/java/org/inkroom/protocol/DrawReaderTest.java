package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DrawReader} takes the plain shape of a draw, reads it as JSON-B does, and leaves the rest to JSON-B. */
class DrawReaderTest {

    private static final String SEED_DRAW = "{\"type\":\"draw\",\"userId\":\"x\",\"data\":{\"id\":\"el_1\",\"elementType\":\"line\","
            + "\"x1\":10,\"y1\":20.5,\"x2\":-30,\"y2\":40,\"strokeColor\":\"#e74c3c\",\"strokeWidth\":3,\"userId\":\"x\"}}";

    @Test
    void aSeedClientsLineIsReadHereAndAsJsonbReadsIt() {
        ClientMessage.Draw read = DrawReader.read(SEED_DRAW);
        assertNotNull(read);
        assertEquals(Codec.fromJson(SEED_DRAW, ClientMessage.Draw.class), read);
        assertEquals(new ClientMessage.Draw("x", new Element("el_1", "line", 10.0, 20.5, -30.0, 40.0, null, null, null,
                "#e74c3c", 3.0, "x", null)), read);
    }

    @Test
    void generatedPlainDrawsAreReadHereAndAsJsonbReadsThem() {
        long seed = Long.getLong("inkroom.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            String text = plainDraw(random);
            String context = "seed " + seed + " (-Dinkroom.fuzz.seed=" + seed + "), frame " + i + ": " + text;
            ClientMessage.Draw read = DrawReader.read(text);
            assertNotNull(read, context);
            assertEquals(Codec.fromJson(text, ClientMessage.Draw.class), read, context);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"x1\":null}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"x1\":\"5\"}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"id\":\"b\"}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"extra\":[1,{\"b\":2}]}}",
        "{\"type\":\"draw\",\"data\":{\"id\":5}}",
        "{\"type\":\"draw\",\"data\":{\"points\":[[1,2],null]}}",
        "{\"type\":\"draw\",\"data\":{\"points\":[[1,\"2\"]]}}",
        "{\"type\":\"draw\",\"data\":{\"points\":[1,2]}}",
        "{\"type\":\"draw\",\"data\":null}",
        "{\"type\":\"draw\"}",
        "{\"type\":\"draw\",\"type\":\"draw\",\"data\":{}}",
        "{\"type\":\"draw\",\"userId\":7,\"data\":{}}",
        "{\"type\":\"cursor\",\"data\":{}}",
        "{\"type\":\"draw\",\"data\":{},\"more\":1}"})
    void anythingElseIsLeftToJsonb(String text) {
        assertNull(DrawReader.read(text));
    }

    private static final String[] KEYS = {"id", "elementType", "x1", "y1", "x2", "y2", "points", "text", "fontSize",
        "strokeColor", "strokeWidth", "userId", "op"};
    private static final String[] STRINGS = {"\"\"", "\"el_1\"", "\"line\"", "\"path\"", "\"#e74c3c\"", "\"名前\"",
        "\"q\\\"u\\\\o\\/te\\n\"", "\"\\u0041\\u00e9\\ud83d\\ude00\"", "\"\\ud800\""};
    private static final String[] NUMBERS = {"0", "-0", "1", "-1", "2.5", "1e-7", "3E+12", "-1.25e2", "0.1",
        "123456789012345678901234567890", "4.9e-324", "1e400", "12.000000000000000000001"};

    /** A draw of the plain shape: every key at most once, in any order, with whitespace. */
    private static String plainDraw(Random random) {
        List<String> keys = new ArrayList<>(List.of(KEYS));
        Collections.shuffle(keys, random);
        StringBuilder data = new StringBuilder("{");
        for (String key : keys.subList(0, random.nextInt(keys.size() + 1))) {
            if (data.length() > 1) {
                data.append(random.nextBoolean() ? "," : " ,\n ");
            }
            data.append('"').append(key).append("\": ").append(switch (key) {
                case "x1", "y1", "x2", "y2", "fontSize", "strokeWidth" -> NUMBERS[random.nextInt(NUMBERS.length)];
                case "points" -> points(random);
                default -> STRINGS[random.nextInt(STRINGS.length)];
            });
        }
        data.append('}');
        List<String> top = new ArrayList<>(List.of("\"type\":\"draw\"", "\"data\":" + data));
        if (random.nextBoolean()) {
            top.add("\"userId\":" + STRINGS[random.nextInt(STRINGS.length)]);
        }
        Collections.shuffle(top, random);
        return "{" + String.join(random.nextBoolean() ? "," : " , ", top) + "}";
    }

    private static String points(Random random) {
        List<String> points = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            List<String> p = new ArrayList<>();
            for (int k = random.nextInt(5); k > 0; k--) {
                p.add(NUMBERS[random.nextInt(NUMBERS.length)]);
            }
            points.add("[" + String.join(",", p) + "]");
        }
        return "[" + String.join(",", points) + "]";
    }
}
