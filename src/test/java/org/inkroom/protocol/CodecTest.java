package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CodecTest {

    private static final int MAX = MessageDecoder.DEFAULT_MAX_FRAME_BYTES;

    private static final String SEED_LINE = "{\"id\":\"el_1\",\"elementType\":\"line\",\"x1\":10,\"y1\":20.5,"
            + "\"x2\":-30,\"y2\":40,\"strokeColor\":\"#e74c3c\",\"strokeWidth\":3,\"userId\":\"x\"}";

    private static final Element LINE =
            Element.line("el_1", 10.0, 20.5, -30.0, 40.0, "#e74c3c", 3.0, "alice");

    private static final String LINE_JSON = "{\"id\":\"el_1\",\"elementType\":\"line\",\"x1\":10,\"y1\":20.5,"
            + "\"x2\":-30,\"y2\":40,\"strokeColor\":\"#e74c3c\",\"strokeWidth\":3,\"userId\":\"alice\"}";

    private static Inbound.Rejected rejected(String text) {
        return assertInstanceOf(Inbound.Rejected.class, Codec.decode(text, MAX));
    }

    // --- hostile input found by the security review ---------------------------------------

    @Test
    void aBalancedFrameNested10000DeepIsAnsweredNotAZombie() {
        String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        Inbound.Rejected r = rejected(deep);
        assertEquals(ErrorData.INVALID_MESSAGE, r.error().code());
        assertEquals("frame nests deeper than 32 levels", r.error().message());
        Inbound.Rejected arrays = rejected("{\"type\":\"draw\",\"data\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        assertEquals(ErrorData.INVALID_MESSAGE, arrays.error().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"draw\",\"x\":[}}",
        "{\"type\":\"clear\",\"x\":{]}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"x\":[{]}}}",
        // Found by the fuzz test (seed 556414335137, frame 267): spun a thread in Parsson's skipArray forever.
        "{\"type\":\"draw\",\"da\\u0085ta\":[\"id\":\"f27-846\",\"elementType\":\"text\",\"x1\":982.3,\"y1\":-389.1,"
                + "\"text\":\"note 31\",\"fontSize\":31,\"op\":\"op428\"}}"})
    void aBracketClosedByTheOtherKindIsRefusedBeforeTheParserCanSpinOnIt(String frame) {
        // JSON-B skips an unknown key's value with Parsson's skipArray/skipObject, which count only
        // their own bracket and never stop at the end of the text (eclipse-ee4j/parsson#23). The
        // guard turns a regression into a failure instead of a build that never ends.
        Inbound.Rejected r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> rejected(frame));
        assertEquals(ErrorData.MALFORMED_JSON, r.error().code());
        assertEquals("frame is not valid JSON", r.error().message());
    }

    @Test
    void anUnknownKeyWithNestedArraysAndObjectsIsStillSkipped() {
        assertInstanceOf(ClientMessage.Clear.class,
                Codec.decode("{\"type\":\"clear\",\"x\":[1,{\"a\":[2,{}]},[[]]],\"y\":{\"b\":[]}}", MAX));
    }

    private static String drawn(String elementFields) {
        Inbound read = Codec.decode("{\"type\":\"draw\",\"data\":{" + elementFields + "}}", MAX);
        return read instanceof ClientMessage.Draw d ? Codec.toJson(d.data()) : ((Inbound.Rejected) read).error().message();
    }

    @Test
    void anElementIsReadByTheRulesJsonBsCreatorHad() {
        // ElementDeserializer replaced JSON-B's @JsonbCreator (session 36); what a client sends reads as before.
        String line = "\"elementType\":\"line\",\"y1\":1,\"x2\":2,\"y2\":3,\"strokeColor\":\"#112233\",\"strokeWidth\":2";
        String written = "{\"id\":\"a\",\"elementType\":\"line\",\"x1\":%s,\"y1\":1,\"x2\":2,\"y2\":3,\"strokeColor\":\"#112233\",\"strokeWidth\":2}";
        // a number as a JSON number or as a string Java reads as a double
        assertEquals(written.formatted("5"), drawn("\"id\":\"a\",\"x1\":\"5\"," + line));
        assertEquals(written.formatted("100"), drawn("\"id\":\"a\",\"x1\":\"1e2\"," + line));
        assertEquals(written.formatted("0.5"), drawn("\"id\":\"a\",\"x1\":5E-1," + line));
        assertEquals("fields of 'draw' have the wrong JSON types", drawn("\"id\":\"a\",\"x1\":\"0x10\"," + line));
        assertEquals("fields of 'draw' have the wrong JSON types", drawn("\"id\":\"a\",\"x1\":true," + line));
        assertEquals("fields of 'draw' have the wrong JSON types", drawn("\"id\":\"a\",\"x1\":[]," + line));
        assertEquals("x1 must be a finite number with |x1| <= 1e6", drawn("\"id\":\"a\",\"x1\":null," + line));
        // a string field takes any scalar as its text; a repeated key keeps its last value; unknown keys are skipped
        assertEquals(written.formatted("5").replace("\"a\"", "\"5.10\""), drawn("\"id\":5.10,\"x1\":5," + line));
        assertEquals(written.formatted("5").replace("\"a\"", "\"true\""), drawn("\"id\":true,\"x1\":5," + line));
        assertEquals(written.formatted("5").replace("\"a\"", "\"b\""),
                drawn("\"id\":\"a\",\"id\":\"b\",\"x1\":5,\"extra\":{\"q\":[1,{\"r\":[]}]}," + line));
        assertEquals("fields of 'draw' have the wrong JSON types", drawn("\"id\":{},\"x1\":5," + line));
        // points: a null point is named by validation, a null or a string that is no number inside one is refused
        String path = "\"id\":\"p\",\"elementType\":\"path\",\"strokeColor\":\"#112233\",\"strokeWidth\":2,\"points\":";
        assertEquals("{\"id\":\"p\",\"elementType\":\"path\",\"points\":[[1,2],[3,4,0.5]],\"strokeColor\":\"#112233\",\"strokeWidth\":2}",
                drawn(path + "[[1,\"2\"],[3,4,0.5]]"));
        assertEquals("points must be a finite number", drawn(path + "[[1,2],null]"));
        assertEquals("fields of 'draw' have the wrong JSON types", drawn(path + "[[1,null]]"));
        assertEquals("fields of 'draw' have the wrong JSON types", drawn(path + "[1,2]"));
        assertEquals("each point must be [x, y] or [x, y, pressure]", drawn(path + "[[1,2],[]]"));
        // data that is not an object
        assertEquals("draw needs a data object (the element)", rejected("{\"type\":\"draw\",\"data\":null}").error().message());
        assertEquals("fields of 'draw' have the wrong JSON types", rejected("{\"type\":\"draw\",\"data\":5}").error().message());
        assertEquals("fields of 'draw' have the wrong JSON types", rejected("{\"type\":\"draw\",\"data\":[]}").error().message());
    }

    @Test
    void aNumberLongerThanTheParserReadsIsAnsweredNotThrown() {
        // Found by the fuzz test: JSON-B refuses the frame, then the diagnosing parse threw
        // Parsson's UnsupportedOperationException (numbers past 1,100 characters) out of decode.
        // Read as the record the frame names, such a number is just a long way of writing 0.111...
        String cursor = "{\"type\":\"cursor\",\"data\":{\"x\":0." + "1".repeat(1100) + ",\"y\":1}}";
        ClientMessage.Cursor read = assertInstanceOf(ClientMessage.Cursor.class, Codec.decode(cursor, MAX));
        assertEquals(0.1111, read.data().x(), 1e-4);
        // Through the interface (a frame whose type is not plain) it still meets Parsson's limit: answered.
        String escaped = "{\"type\":\"curs\\u006fr\",\"data\":{\"x\":0." + "1".repeat(1100) + ",\"y\":1}}";
        assertEquals(ErrorData.MALFORMED_JSON, rejected(escaped).error().code());
        String line = "{\"type\":\"draw\",\"data\":{\"id\":\"l\",\"elementType\":\"line\",\"x1\":-" + "9".repeat(20_000)
                + ",\"y1\":0,\"x2\":0,\"y2\":0,\"strokeColor\":\"#000000\",\"strokeWidth\":1}}";
        assertEquals("x1 must be a finite number", rejected(line).error().message());
    }

    @Test
    void anUnknownTypeIsQuotedInTheErrorOnlyAsTextUtf8CanCarry() {
        // Found by the fuzz test: "\ud800" (a JSON escape) was echoed in the error message; the
        // container could not encode the reply and the connection went silent for good.
        for (String type : List.of("\\ud800\\ud800", "x\\udc00", "a".repeat(31) + "\\ud83d\\ude00tail")) {
            Inbound.Rejected r = rejected("{\"type\":\"" + type + "\",\"data\":{}}");
            assertEquals(ErrorData.UNKNOWN_TYPE, r.error().code());
            String reply = Codec.encode(ServerMessage.error(r.error()));
            assertEquals(reply, new String(reply.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8), reply);
        }
        assertTrue(rejected("{\"type\":\"\\ud800!\"}").error().message().startsWith("unknown type '\ufffd!'"));
        assertTrue(rejected("{\"type\":\"\\ud83d\\ude00\"}").error().message().startsWith("unknown type '\ud83d\ude00'"));
    }

    @Test
    void aNonFiniteNumberInAFieldTheElementTypeDoesNotUseIsRefused() {
        String path = "{\"type\":\"draw\",\"data\":{\"id\":\"p1\",\"elementType\":\"path\",\"points\":[[1,2]],"
                + "\"strokeColor\":\"#000000\",\"strokeWidth\":2,\"x1\":1e309}}";
        Inbound.Rejected r = rejected(path);
        assertEquals(ErrorData.INVALID_ELEMENT, r.error().code());
        assertEquals("x1 must be a finite number", r.error().message());
        String text = "{\"type\":\"draw\",\"data\":{\"id\":\"t1\",\"elementType\":\"text\",\"x1\":1,\"y1\":2,"
                + "\"text\":\"hi\",\"fontSize\":12,\"strokeColor\":\"#000000\",\"points\":[[1,-1e999]]}}";
        assertEquals("points must be a finite number", rejected(text).error().message());
    }

    // --- decoding accepted frames -------------------------------------------------------------

    @Test
    void decodeDrawGivesDrawWithAllElementFields() {
        Inbound in = Codec.decode("{\"type\":\"draw\",\"userId\":\"x\",\"data\":" + SEED_LINE + "}", MAX);

        ClientMessage.Draw draw = assertInstanceOf(ClientMessage.Draw.class, in);
        assertEquals("x", draw.userId());
        assertEquals(Element.line("el_1", 10.0, 20.5, -30.0, 40.0, "#e74c3c", 3.0, "x"), draw.data());
    }

    @Test
    void decodeCursorGivesCursorWithCoordinates() {
        Inbound in = Codec.decode("{\"type\":\"cursor\",\"userId\":\"x\",\"data\":{\"x\":12.5,\"y\":-7}}", MAX);

        ClientMessage.Cursor cursor = assertInstanceOf(ClientMessage.Cursor.class, in);
        assertEquals("x", cursor.userId());
        assertEquals(new CursorData(12.5, -7.0, null), cursor.data());
    }

    @Test
    void decodeClearWithUserIdGivesClear() {
        Inbound in = Codec.decode("{\"type\":\"clear\",\"userId\":\"x\"}", MAX);

        assertEquals(new ClientMessage.Clear("x"), assertInstanceOf(ClientMessage.Clear.class, in));
    }

    @Test
    void decodeClearWithoutDataOrUserIdGivesClear() {
        Inbound in = Codec.decode("{\"type\":\"clear\"}", MAX);

        ClientMessage.Clear clear = assertInstanceOf(ClientMessage.Clear.class, in);
        assertNull(clear.userId());
    }

    // --- encoding: exact wire format ----------------------------------------------------------

    @Test
    void encodeSyncHasElementsUserIdColorAndSeqInData() {
        String json = Codec.encode(ServerMessage.sync("alice", "#3498db", List.of(LINE), 7, "ep1"));

        assertEquals("{\"type\":\"sync\",\"userId\":\"alice\",\"data\":{\"elements\":[" + LINE_JSON + "],"
                + "\"userId\":\"alice\",\"color\":\"#3498db\",\"seq\":7,\"epoch\":\"ep1\"}}", json);
    }

    @Test
    void encodeResumeSyncCarriesSince() {
        String json = Codec.encode(ServerMessage.resume("alice", "#3498db", List.of(LINE), List.of("gone"), 9, "ep1", 8));

        assertEquals("{\"type\":\"sync\",\"userId\":\"alice\",\"data\":{\"elements\":[" + LINE_JSON + "],"
                + "\"userId\":\"alice\",\"color\":\"#3498db\",\"seq\":9,\"epoch\":\"ep1\",\"since\":8,"
                + "\"erased\":[\"gone\"]}}", json);
    }

    @Test
    void encodeAckHasElementIdAndSeqAndNoUserId() {
        assertEquals("{\"type\":\"ack\",\"data\":{\"id\":\"a-1\",\"seq\":3}}",
                Codec.encode(ServerMessage.ack("a-1", null, 3)));
        assertEquals("{\"type\":\"ack\",\"data\":{\"op\":\"o7\",\"seq\":4}}",
                Codec.encode(ServerMessage.ack(null, "o7", 4)));
    }

    @Test
    void encodeSyncOfEmptyCanvasHasEmptyElementsArray() {
        String json = Codec.encode(ServerMessage.sync("bob", "#e74c3c", List.of(), 0, "ep2"));

        assertEquals("{\"type\":\"sync\",\"userId\":\"bob\",\"data\":{\"elements\":[],"
                + "\"userId\":\"bob\",\"color\":\"#e74c3c\",\"seq\":0,\"epoch\":\"ep2\"}}", json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "a,\"seq\":1", "名前 \\ \"q\"", "", "tab\there\b\f\n\r\u0001\u001f\u007f/\u2028"})
    void encodeWithDataGivesExactlyWhatEncodingTheWholeMessageGives(String userId) {
        Element path = Element.path("p-1", new double[][] {{0, 0}, {1.5, -2.25}, {1e-7, 3e12}}, "#123abc", 2.5, userId);
        for (Element e : List.of(LINE, path)) {
            assertEquals(Codec.encode(ServerMessage.draw(userId, e, 42)),
                    Codec.encodeWithData(ServerMessage.draw(userId, null, 42), Codec.toJson(e)));
            assertEquals(Codec.encode(new ServerMessage("draw", userId, e, null)),
                    Codec.encodeWithData(new ServerMessage("draw", userId, null, null), Codec.toJson(e)));
        }
        assertEquals(Codec.encode(new ServerMessage("draw", null, LINE, 7L)),
                Codec.encodeWithData(new ServerMessage("draw", null, null, 7L), LINE_JSON));
    }

    @Test
    void anElementWrittenByHandIsWhatTheGeneratorWritesForIt() {
        java.util.Random random = new java.util.Random(49);
        String[] strings = {null, "", "a", "名前 \\ \"q\"", "tab\there\b\f\n\r\u0001\u001f\u007f/\u2028", "😀"};
        double[] numbers = {Element.ABSENT, 0, -0.0, 1, -1, 0.1, 2.5, 1e15, 1e16, 9_007_199_254_740_993d, 1e300, -1e-7, 123.456};
        for (int i = 0; i < 2_000; i++) {
            double[][] points = random.nextInt(3) == 0 ? null : new double[random.nextInt(4)][];
            for (int p = 0; points != null && p < points.length; p++) {
                points[p] = random.nextInt(5) == 0 ? null : new double[] {numbers[1 + random.nextInt(numbers.length - 1)],
                        random.nextDouble() * 1000, random.nextGaussian()};
            }
            Element e = new Element(pick(random, strings), pick(random, strings), pickNumber(random, numbers),
                    pickNumber(random, numbers), pickNumber(random, numbers), pickNumber(random, numbers), points,
                    pick(random, strings), pickNumber(random, numbers), pick(random, strings), pickNumber(random, numbers),
                    pick(random, strings), pick(random, strings));
            assertEquals(Codec.toJson((Object) e), Codec.toJson(e), e.toString());
        }
    }

    private static String pick(java.util.Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }

    private static double pickNumber(java.util.Random random, double[] from) {
        return random.nextInt(4) == 0 ? random.nextDouble() * 2000 - 1000 : from[random.nextInt(from.length)];
    }

    @Test
    void numbersAreReadAsDoubleParseDoubleReadsThem() {
        List<String> texts = new java.util.ArrayList<>(List.of("0", "-0", "7", "120", "-3.25", "0.1", "007", "1.5",
                "999999999999999", "9999999999999999", "123456789012345.6", "0.000000000000001", "1.", ".5", "-",
                "", "1e5", "1E-3", "-.5", "1.2.3", "+1", " 1", "NaN", "Infinity", "0x10", "1d", "12a"));
        java.util.Random random = new java.util.Random(49);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder t = new StringBuilder(random.nextBoolean() ? "-" : "");
            int whole = 1 + random.nextInt(16);
            for (int d = 0; d < whole; d++) {
                t.append((char) ('0' + random.nextInt(10)));
            }
            int fraction = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(16);
            if (fraction > 0) {
                t.append('.');
            }
            for (int d = 0; d < fraction; d++) {
                t.append((char) ('0' + random.nextInt(10)));
            }
            texts.add(t.toString());
        }
        int plain = 0;
        for (String t : texts) {
            double read = ElementDeserializer.plainDecimal(t);
            if (!Double.isNaN(read)) {
                plain++;
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(t)), Double.doubleToRawLongBits(read), t);
            }
        }
        for (String t : List.of("0", "-0", "120", "-3.25", "0.1", "999999999999999")) {
            assertFalse(Double.isNaN(ElementDeserializer.plainDecimal(t)), t + " is read without parseDouble");
        }
        for (String t : List.of("1e5", "1.", ".5", "-", "", " 1", "NaN", "9999999999999999", "+1")) {
            assertTrue(Double.isNaN(ElementDeserializer.plainDecimal(t)), t + " is left to parseDouble");
        }
        assertTrue(plain > 30_000, "only " + plain + " read without parseDouble");
    }

    @Test
    void encodeWithDataRefusesAMessageThatHasData() {
        assertThrows(IllegalArgumentException.class, () -> Codec.encodeWithData(ServerMessage.draw("a", LINE, 1), LINE_JSON));
    }

    @Test
    void encodeDrawHasElementInFieldOrderAndSeqLast() {
        String json = Codec.encode(ServerMessage.draw("alice", LINE, 42));

        assertEquals("{\"type\":\"draw\",\"userId\":\"alice\",\"data\":" + LINE_JSON + ",\"seq\":42}", json);
    }

    @Test
    void encodeCursorHasXYAndColorAndNoSeq() {
        String json = Codec.encode(ServerMessage.cursor("alice", new CursorData(1.5, 2.0, "#2ecc71")));

        assertEquals("{\"type\":\"cursor\",\"userId\":\"alice\",\"data\":{\"x\":1.5,\"y\":2,\"color\":\"#2ecc71\"}}",
                json);
    }

    @Test
    void wholeNumbersAreWrittenAsTheSeedWritesThemAndReadBackTheSame() {
        // Go's encoding/json writes the float64 200.0 as 200: so do we, in elements, points and cursors.
        Element path = Element.path("p-1", new double[][] {{200.0, -0.0}, {1.5, 2, 0.5}, {-3, 1e15}}, "#123abc", 4.0, "alice");
        String json = Codec.toJson(path);
        assertEquals("{\"id\":\"p-1\",\"elementType\":\"path\",\"points\":[[200,0],[1.5,2,0.5],[-3,1000000000000000]],"
                + "\"strokeColor\":\"#123abc\",\"strokeWidth\":4,\"userId\":\"alice\"}", json);
        assertTrue(java.util.Arrays.deepEquals(new double[][] {{200, 0}, {1.5, 2, 0.5}, {-3, 1e15}},
                Codec.fromJson(json, Element.class).points()));
        assertEquals(LINE, Codec.fromJson(LINE_JSON, Element.class));
        // Fractions and numbers beyond a long's exact range keep JSON-B's own form.
        assertEquals("{\"x\":0.1,\"y\":1.0E300}", Codec.toJson(new CursorData(0.1, 1e300, null)));
    }

    @Test
    void encodeClearHasNoDataButSeq() {
        assertEquals("{\"type\":\"clear\",\"userId\":\"alice\",\"seq\":3}",
                Codec.encode(ServerMessage.clear("alice", 3)));
    }

    @Test
    void encodeJoinHasColorInData() {
        assertEquals("{\"type\":\"join\",\"userId\":\"bob\",\"data\":{\"color\":\"#f39c12\"}}",
                Codec.encode(ServerMessage.join("bob", "#f39c12")));
    }

    @Test
    void encodeLeaveHasOnlyTypeAndUserId() {
        assertEquals("{\"type\":\"leave\",\"userId\":\"bob\"}", Codec.encode(ServerMessage.leave("bob")));
    }

    @Test
    void encodeUserlistHasNoUserIdAndArrayOfUsers() {
        String json = Codec.encode(ServerMessage.userlist(List.of(
                new ServerMessage.UserInfo("alice", "#e74c3c"), new ServerMessage.UserInfo("bob", "#3498db"))));

        assertEquals("{\"type\":\"userlist\",\"data\":[{\"userId\":\"alice\",\"color\":\"#e74c3c\"},"
                + "{\"userId\":\"bob\",\"color\":\"#3498db\"}]}", json);
    }

    @Test
    void encodeErrorHasCodeAndMessageAndNoUserId() {
        String json = Codec.encode(ServerMessage.error(new ErrorData("room_full", "the room is full")));

        assertEquals("{\"type\":\"error\",\"data\":{\"code\":\"room_full\",\"message\":\"the room is full\"}}", json);
    }

    @Test
    void encodedDrawParsesBackToTheSameElementValues() {
        String json = Codec.encode(ServerMessage.draw("alice", LINE, 9));

        JsonObject frame;
        try (var reader = Json.createReader(new StringReader(json))) {
            frame = reader.readObject();
        }
        assertEquals("draw", frame.getString("type"));
        assertEquals("alice", frame.getString("userId"));
        assertEquals(9L, frame.getJsonNumber("seq").longValue());
        JsonObject data = frame.getJsonObject("data");
        assertEquals(LINE.id(), data.getString("id"));
        assertEquals(LINE.elementType(), data.getString("elementType"));
        assertEquals(LINE.x1(), data.getJsonNumber("x1").doubleValue());
        assertEquals(LINE.y1(), data.getJsonNumber("y1").doubleValue());
        assertEquals(LINE.x2(), data.getJsonNumber("x2").doubleValue());
        assertEquals(LINE.y2(), data.getJsonNumber("y2").doubleValue());
        assertEquals(LINE.strokeColor(), data.getString("strokeColor"));
        assertEquals(LINE.strokeWidth(), data.getJsonNumber("strokeWidth").doubleValue());
        assertEquals(LINE.userId(), data.getString("userId"));
    }

    @Test
    void bracesAndEscapedQuotesInsideStringsDoNotConfuseTheShapeCheck() {
        String frame = "  {\"type\":\"draw\",\"data\":{\"id\":\"a}\\\"{[\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,"
                + "\"x2\":3,\"y2\":4,\"strokeColor\":\"#000000\",\"strokeWidth\":1}}\n ";
        ClientMessage.Draw draw = assertInstanceOf(ClientMessage.Draw.class, Codec.decode(frame, MAX));
        assertEquals("a}\"{[", draw.data().id());
        assertEquals("malformed_json", rejected("{\"type\":\"clear\"").error().code());
        assertEquals("malformed_json", rejected("{\"type\":\"clear\",\"x\":\"}").error().code());
    }

    @Test
    void encodedDrawDecodesBackAsAnEqualDrawMessage() {
        // A server draw frame is also a valid client draw frame (the seq is ignored).
        Inbound in = Codec.decode(Codec.encode(ServerMessage.draw("alice", LINE, 9)), MAX);

        ClientMessage.Draw draw = assertInstanceOf(ClientMessage.Draw.class, in);
        assertEquals(LINE, draw.data());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"type\":\"draw\",\"data\":{}}                         | Draw",
        "{ \"data\" : {\"type\":\"line\"} , \"type\" : \"cursor\" } | Cursor",
        "{\"userId\":\"type\",\"type\":\"clear\"}             | Clear",
        "{\"a\":[\"type\",{\"type\":\"draw\"}],\"type\":\"erase\"} | Erase",
        "{\"x\":\"\\\",\\\"type\\\":\\\"draw\",\"type\":\"restore\"} | Restore",
        "{\"type\":\"update\"}                                  | Update",
        "{\"type\":\"clear\",\"type\":\"draw\"}                | -",
        "{\"type\":\"dr\\u0061w\"}                              | -",
        "{\"typ\\u0065\":\"draw\"}                              | -",
        "{\"type\":\"drawing\"}                                 | -",
        "{\"type\":7}                                           | -",
        "{\"data\":{\"type\":\"draw\"}}                         | -",
        "{\"type\":\"draw                                        | -",
    })
    void theRecordAFrameNamesIsFoundWithoutReadingTheRest(String text, String named) {
        Class<? extends ClientMessage> type = Codec.namedType(text);

        assertEquals(named, type == null ? "-" : type.getSimpleName());
    }

    @Test
    void aFrameReadAsTheRecordItNamesEqualsTheSameFrameReadThroughTheInterface() {
        List<String> frames = List.of(
                "{\"type\":\"draw\",\"data\":" + SEED_LINE + "}",
                "{\"data\":{\"x\":3,\"y\":4.5},\"userId\":\"u\",\"type\":\"cursor\"}",
                "{\"type\":\"update\",\"data\":{\"id\":\"p\",\"from\":2,\"points\":[[1,2],[3,4,0.5]],\"op\":\"o\"}}",
                "{\"type\":\"erase\",\"data\":{\"ids\":[\"a\",\"b\"],\"op\":\"e1\"}}",
                "{\"type\":\"restore\",\"data\":{\"ids\":[\"a\"]}}",
                "{\"type\":\"clear\",\"userId\":\"x\"}");
        for (String frame : frames) {
            ClientMessage viaRecord = Codec.fromJson(frame, Codec.namedType(frame));
            ClientMessage viaInterface = Codec.fromJson(frame, ClientMessage.class);

            assertEquals(Codec.toJson(viaInterface), Codec.toJson(viaRecord), frame);
            assertEquals(Codec.toJson(viaInterface), Codec.toJson(Codec.decode(frame, MAX)), frame);
        }
    }

    // --- rejections ---------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{not json                                              | malformed_json",
        "{\"type\":\"draw\",                                    | malformed_json",
        "``                                                     | malformed_json",
        "`   `                                                  | malformed_json",
        "[1,2,3]                                                | invalid_message",
        "[]                                                     | invalid_message",
        "[{\"type\":\"clear\"}]                             | invalid_message",
        "{\"type\":\"clear\"} garbage                       | malformed_json",
        "{\"type\":\"clear\"}{\"type\":\"clear\"}       | malformed_json",
        "42                                                     | invalid_message",
        "\"draw\"                                               | invalid_message",
        "{}                                                     | invalid_message",
        "{\"userId\":\"x\",\"data\":{}}                         | invalid_message",
        "{\"type\":7}                                           | invalid_message",
        "{\"type\":\"paint\"}                                   | unknown_type",
        "{\"type\":\"paint\",\"userId\":\"x\",\"data\":{}}      | unknown_type",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":\"abc\",\"y1\":0,\"x2\":0,\"y2\":0,\"strokeColor\":\"#000000\",\"strokeWidth\":1}} | invalid_element",
        "{\"type\":\"draw\",\"data\":\"not an object\"}         | invalid_element",
        "{\"type\":\"cursor\",\"data\":{\"x\":\"abc\",\"y\":0}} | invalid_cursor",
    })
    void rejectedFrameHasCodeAndMessageAndIsNotTooLarge(String text, String code) {
        Inbound.Rejected r = rejected(text);

        assertEquals(code, r.error().code());
        assertNotNull(r.error().message());
        assertFalse(r.error().message().isBlank());
        assertFalse(r.tooLarge());
    }

    @Test
    void malformedJsonIsRejected() {
        Inbound.Rejected r = rejected("{\"type\":\"draw\"");

        assertEquals(ErrorData.MALFORMED_JSON, r.error().code());
        assertFalse(r.error().message().isEmpty());
        assertFalse(r.tooLarge());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2,3]", "[]", "123", "-0.5"})
    void nonObjectJsonIsAnInvalidMessage(String text) {
        Inbound.Rejected r = rejected(text);

        assertEquals(ErrorData.INVALID_MESSAGE, r.error().code());
        assertFalse(r.error().message().isEmpty());
        assertFalse(r.tooLarge());
    }

    @Test
    void missingTypeIsAnInvalidMessage() {
        Inbound.Rejected r = rejected("{\"userId\":\"x\"}");

        assertEquals(ErrorData.INVALID_MESSAGE, r.error().code());
        assertFalse(r.error().message().isEmpty());
        assertFalse(r.tooLarge());
    }

    @Test
    void unknownTypeIsRejectedAsUnknownType() {
        Inbound.Rejected r = rejected("{\"type\":\"paint\",\"userId\":\"x\"}");

        assertEquals(ErrorData.UNKNOWN_TYPE, r.error().code());
        assertTrue(r.error().message().contains("paint"));
        assertFalse(r.tooLarge());
    }

    @Test
    void drawWithStringCoordinateIsAnInvalidElement() {
        Inbound.Rejected r = rejected("{\"type\":\"draw\",\"userId\":\"x\",\"data\":"
                + SEED_LINE.replace("\"x1\":10", "\"x1\":\"abc\"") + "}");

        assertEquals(ErrorData.INVALID_ELEMENT, r.error().code());
        assertFalse(r.error().message().isEmpty());
        assertFalse(r.tooLarge());
    }

    // --- frame size ---------------------------------------------------------------------------

    /** A valid clear frame padded (inside the userId) to exactly {@code bytes} UTF-8 bytes. */
    private static String clearFrameOf(int bytes, String padUnit) {
        String head = "{\"type\":\"clear\",\"userId\":\"";
        String tail = "\"}";
        int unitBytes = padUnit.getBytes(StandardCharsets.UTF_8).length;
        int room = bytes - head.length() - tail.length();
        StringBuilder b = new StringBuilder(head);
        b.append(padUnit.repeat(room / unitBytes));
        b.append("a".repeat(room % unitBytes));
        String frame = b.append(tail).toString();
        assertEquals(bytes, frame.getBytes(StandardCharsets.UTF_8).length);
        return frame;
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, MessageDecoder.DEFAULT_MAX_FRAME_BYTES})
    void frameOfExactlyMaxBytesIsNotTooLarge(int max) {
        Inbound in = Codec.decode(clearFrameOf(max, "a"), max);

        assertInstanceOf(ClientMessage.Clear.class, in);
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 1000, MessageDecoder.DEFAULT_MAX_FRAME_BYTES})
    void frameOneByteOverMaxIsTooLarge(int max) {
        Inbound.Rejected r = assertInstanceOf(Inbound.Rejected.class, Codec.decode(clearFrameOf(max + 1, "a"), max));

        assertTrue(r.tooLarge());
        assertEquals(ErrorData.FRAME_TOO_LARGE, r.error().code());
        assertFalse(r.error().message().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void multiByteFrameOfExactlyMaxBytesIsNotTooLarge(String unit) {
        int max = 1000;
        String frame = clearFrameOf(max, unit);
        assertTrue(frame.length() < max);

        assertInstanceOf(ClientMessage.Clear.class, Codec.decode(frame, max));
    }

    @ParameterizedTest
    @ValueSource(strings = {"é", "€", "😀"})
    void multiByteFrameUnderLimitInCharsButOverInBytesIsTooLarge(String unit) {
        int max = 1000;
        String frame = clearFrameOf(max + 1, unit);
        assertTrue(frame.length() <= max, "char count must be under the limit");

        Inbound.Rejected r = assertInstanceOf(Inbound.Rejected.class, Codec.decode(frame, max));
        assertTrue(r.tooLarge());
        assertEquals(ErrorData.FRAME_TOO_LARGE, r.error().code());
    }

    @Test
    void frameMuchLargerThanLimitIsTooLargeWithoutBeingParsed() {
        Inbound.Rejected r = assertInstanceOf(Inbound.Rejected.class, Codec.decode("{".repeat(500), 100));

        assertTrue(r.tooLarge());
        assertEquals(ErrorData.FRAME_TOO_LARGE, r.error().code());
    }

    @Test
    void aSyncWithPreEncodedElementsIsTheSameTextAsEncodingItWhole() {
        List<Element> elements = List.of(
                Element.line("a", 1, 2, 3.5, 4, "#112233", 2, "Ann"),
                Element.path("b", new double[][] {{1, 2}, {3, 4.25}}, "#445566", 3, "Bob"),
                new Element("c", "text", 5, 6, Element.ABSENT, Element.ABSENT, null, "quote \" back\\slash \u00e9\u2603 \n", 18,
                        "#000000", Element.ABSENT, "Cy", null));
        List<String> encoded = elements.stream().map(Codec::toJson).toList();
        assertEquals(Codec.encode(ServerMessage.sync("Dee", "#abcdef", elements, 42, "ep1")),
                Codec.encodeSync(ServerMessage.sync("Dee", "#abcdef", List.of(), 42, "ep1"), encoded));
        assertEquals(Codec.encode(ServerMessage.resume("Dee", "#abcdef", elements, List.of("x", "y"), 42, "ep1", 40L)),
                Codec.encodeSync(ServerMessage.resume("Dee", "#abcdef", List.of(), List.of("x", "y"), 42, "ep1", 40L), encoded));
        assertEquals(Codec.encode(ServerMessage.sync("Dee", "#abcdef", List.of(), 0, "ep1")),
                Codec.encodeSync(ServerMessage.sync("Dee", "#abcdef", List.of(), 0, "ep1"), List.of()));
    }
}
