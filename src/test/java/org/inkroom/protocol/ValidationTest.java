package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation rule, exercised through {@link Codec#decode} on JSON text as a client would send it. */
class ValidationTest {

    private static final int MAX = MessageDecoder.DEFAULT_MAX_FRAME_BYTES;

    /** Raw JSON values of a valid seed line element; tests replace or remove one field. */
    private static Map<String, String> validElement() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("id", "\"el_1\"");
        m.put("elementType", "\"line\"");
        m.put("x1", "10");
        m.put("y1", "20");
        m.put("x2", "30");
        m.put("y2", "40");
        m.put("strokeColor", "\"#e74c3c\"");
        m.put("strokeWidth", "3");
        m.put("userId", "\"x\"");
        return m;
    }

    private static String object(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static Inbound drawWith(String field, String rawValue) {
        Map<String, String> element = validElement();
        element.put(field, rawValue);
        return decodeDraw(element);
    }

    private static Inbound drawWithout(String field) {
        Map<String, String> element = validElement();
        element.remove(field);
        return decodeDraw(element);
    }

    private static Inbound decodeDraw(Map<String, String> element) {
        return Codec.decode("{\"type\":\"draw\",\"userId\":\"x\",\"data\":" + object(element) + "}", MAX);
    }

    private static Inbound cursor(String data) {
        return Codec.decode("{\"type\":\"cursor\",\"userId\":\"x\",\"data\":" + data + "}", MAX);
    }

    private static void assertRejected(String code, Inbound in) {
        Inbound.Rejected r = assertInstanceOf(Inbound.Rejected.class, in);
        assertEquals(code, r.error().code(), () -> "message: " + r.error().message());
        assertFalse(r.error().message().isEmpty());
        assertFalse(r.tooLarge());
    }

    private static void assertInvalidElement(Inbound in) {
        assertRejected(ErrorData.INVALID_ELEMENT, in);
    }

    private static ClientMessage.Draw assertAccepted(Inbound in) {
        if (in instanceof Inbound.Rejected r) {
            throw new AssertionError("rejected: " + r.error());
        }
        return assertInstanceOf(ClientMessage.Draw.class, in);
    }

    @Test
    void validSeedLineElementIsAccepted() {
        ClientMessage.Draw draw = assertAccepted(decodeDraw(validElement()));

        assertEquals(Element.line("el_1", 10.0, 20.0, 30.0, 40.0, "#e74c3c", 3.0, "x"), draw.data());
    }

    // --- id ---

    @Test
    void elementWithoutIdIsRejected() {
        assertInvalidElement(drawWithout("id"));
    }

    @Test
    void elementWithEmptyIdIsRejected() {
        assertInvalidElement(drawWith("id", "\"\""));
    }

    @Test
    void elementWithNullIdIsRejected() {
        assertInvalidElement(drawWith("id", "null"));
    }

    @Test
    void elementIdOf129CharactersIsRejected() {
        assertInvalidElement(drawWith("id", "\"" + "a".repeat(129) + "\""));
    }

    @Test
    void elementIdOf128CharactersIsAccepted() {
        String id = "a".repeat(Validation.MAX_ELEMENT_ID);

        assertEquals(id, assertAccepted(drawWith("id", "\"" + id + "\"")).data().id());
    }

    // --- elementType ---

    @Test
    void elementWithoutElementTypeIsRejected() {
        assertInvalidElement(drawWithout("elementType"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"circle\"", "\"Line\"", "\"\"", "null"})
    void elementWithUnsupportedElementTypeIsRejected(String raw) {
        assertInvalidElement(drawWith("elementType", raw));
    }

    // --- coordinates ---

    @ParameterizedTest
    @ValueSource(strings = {"x1", "y1", "x2", "y2"})
    void elementWithMissingCoordinateIsRejected(String field) {
        assertInvalidElement(drawWithout(field));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "x1, 1e400", "y1, 1e400", "x2, 1e400", "y2, 1e400",
        "x1, -1e400", "y2, -1e400",
        "x1, 1000000.5", "y1, 1000000.5", "x2, 1000000.5", "y2, 1000000.5",
        "x1, -1000001", "y1, -1000001", "x2, -1000001", "y2, -1000001",
        "x1, null", "y2, null",
    })
    void elementWithOutOfRangeOrNonFiniteCoordinateIsRejected(String field, String raw) {
        assertInvalidElement(drawWith(field, raw));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "x1, 1e6", "y1, 1e6", "x2, 1e6", "y2, 1e6",
        "x1, -1e6", "y1, -1e6", "x2, -1e6", "y2, -1e6",
        "x1, 1000000", "y2, -1000000.0", "x1, 0", "y1, -0.25",
    })
    void elementWithCoordinateWithinOneMillionIsAccepted(String field, String raw) {
        assertAccepted(drawWith(field, raw));
    }

    // --- strokeColor ---

    @ParameterizedTest
    @ValueSource(strings = {"\"red\"", "\"#fff\"", "\"#12345g\"", "\"#1234567\"", "\"e74c3c\"", "\"\"", "null"})
    void elementWithBadStrokeColorIsRejected(String raw) {
        assertInvalidElement(drawWith("strokeColor", raw));
    }

    @Test
    void elementWithoutStrokeColorIsRejected() {
        assertInvalidElement(drawWithout("strokeColor"));
    }

    @Test
    void elementWithMixedCaseHexStrokeColorIsAccepted() {
        assertEquals("#A1b2C3", assertAccepted(drawWith("strokeColor", "\"#A1b2C3\"")).data().strokeColor());
    }

    // --- strokeWidth ---

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "200.0001", "1e400", "null"})
    void elementWithStrokeWidthOutsideZeroToTwoHundredIsRejected(String raw) {
        assertInvalidElement(drawWith("strokeWidth", raw));
    }

    @Test
    void elementWithoutStrokeWidthIsRejected() {
        assertInvalidElement(drawWithout("strokeWidth"));
    }

    @ParameterizedTest
    @CsvSource({"200, 200.0", "0.5, 0.5", "1, 1.0"})
    void elementWithStrokeWidthInRangeIsAccepted(String raw, double expected) {
        assertEquals(expected, assertAccepted(drawWith("strokeWidth", raw)).data().strokeWidth());
    }

    // --- strings that UTF-8 or the store cannot carry (found by the fuzz test) ---

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u0000\"", "\"a\\u0000b\"", "\"tab\\there\"", "\"\\u001b[31m\"", "\"del\\u007f\""})
    void elementIdWithAControlCharacterIsRejected(String raw) {
        // PostgreSQL refuses NUL in the id column: one such draw failed every commit of the store's writer.
        assertInvalidElement(drawWith("id", raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"a\\udfffb\"", "\"\\udc00\\ud800\"", "\"\\ud83d\"", "\"x\\ud800\\ud800\""})
    void elementIdWithAnUnpairedSurrogateIsRejected(String raw) {
        // UTF-8 cannot carry it: receivers, Redis and the store would each get '?' instead.
        assertInvalidElement(drawWith("id", raw));
    }

    @Test
    void elementIdsOfAnyRealCharacterAreAccepted() {
        String id = "\u00e9\u202e\u0645\ud83d\ude00\ud83d\udc68\u200d\ud83d\udc69";
        assertEquals(id, assertAccepted(drawWith("id", "\"" + id + "\"")).data().id());
        assertEquals("\ud83d\ude00", assertAccepted(drawWith("id", "\"\\ud83d\\ude00\"")).data().id());
    }

    @Test
    void textWithAnUnpairedSurrogateIsRejectedWhateverTheElementType() {
        Map<String, String> text = validElement();
        text.put("elementType", "\"text\"");
        text.put("fontSize", "12");
        text.put("text", "\"hi \\udbff\"");
        assertInvalidElement(decodeDraw(text));
        assertInvalidElement(drawWith("text", "\"\\ud800\"")); // on a line, which stores and sends it all the same
        text.put("text", "\"hi \\u0000 \\ud83d\\ude00\"");
        assertAccepted(decodeDraw(text)); // NUL travels escaped in JSON: harmless in text
    }

    @Test
    void opLabelWithAnUnpairedSurrogateIsRejectedOnEveryOp() {
        assertInvalidElement(drawWith("op", "\"\\ud800\""));
        assertRejected(ErrorData.INVALID_UPDATE, Codec.decode(
                "{\"type\":\"update\",\"data\":{\"id\":\"p\",\"from\":0,\"points\":[[1,2]],\"op\":\"\\udc00\"}}", MAX));
        assertRejected(ErrorData.INVALID_IDS, Codec.decode(
                "{\"type\":\"erase\",\"data\":{\"ids\":[\"a\"],\"op\":\"\\udc00\"}}", MAX));
    }

    @Test
    void updateEraseAndRestoreIdsAreHeldToTheSameRules() {
        assertRejected(ErrorData.INVALID_UPDATE, Codec.decode(
                "{\"type\":\"update\",\"data\":{\"id\":\"\\u0000\",\"from\":0,\"points\":[[1,2]]}}", MAX));
        assertRejected(ErrorData.INVALID_IDS, Codec.decode("{\"type\":\"erase\",\"data\":{\"ids\":[\"ok\",\"\\ud800\"]}}", MAX));
        assertRejected(ErrorData.INVALID_IDS, Codec.decode("{\"type\":\"restore\",\"data\":{\"ids\":[\"a\\u0000\"]}}", MAX));
    }

    // --- draw without element ---

    @Test
    void drawWithoutDataIsAnInvalidElement() {
        assertInvalidElement(Codec.decode("{\"type\":\"draw\",\"userId\":\"x\"}", MAX));
    }

    @Test
    void drawWithNullDataIsAnInvalidElement() {
        assertInvalidElement(Codec.decode("{\"type\":\"draw\",\"data\":null}", MAX));
    }

    // --- cursor ---

    @Test
    void cursorWithinRangeIsAccepted() {
        ClientMessage.Cursor c = assertInstanceOf(ClientMessage.Cursor.class, cursor("{\"x\":-1e6,\"y\":1e6}"));

        assertEquals(-1e6, c.data().x());
        assertEquals(1e6, c.data().y());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"y\":5}", "{\"x\":5}", "{}", "{\"x\":null,\"y\":5}",
        "{\"x\":1e400,\"y\":5}", "{\"x\":5,\"y\":-1e400}",
        "{\"x\":1000000.5,\"y\":5}", "{\"x\":5,\"y\":-1000001}", "{\"x\":1e300,\"y\":1e300}",
    })
    void cursorWithMissingOrHugeCoordinateIsAnInvalidCursor(String data) {
        assertRejected(ErrorData.INVALID_CURSOR, cursor(data));
    }

    @Test
    void cursorWithoutDataIsAnInvalidCursor() {
        assertRejected(ErrorData.INVALID_CURSOR, Codec.decode("{\"type\":\"cursor\",\"userId\":\"x\"}", MAX));
    }

    @Test
    void clearNeedsNoBody() {
        assertInstanceOf(ClientMessage.Clear.class, Codec.decode("{\"type\":\"clear\",\"data\":{\"any\":1}}", MAX));
    }
}
