package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DrawFrames} reads a plain draw without JSON-B; whatever it reads, or leaves to JSON-B, the
 * decoder's answer is the one JSON-B's reading gives ({@code CodecFuzzTest} compares the two on
 * thousands of random frames; these are the shapes it must get right by name).
 */
class DrawFramesTest {

    private static final int MAX = MessageDecoder.DEFAULT_MAX_FRAME_BYTES;

    @ParameterizedTest
    @ValueSource(strings = {
        // the seed's line, and the others a client draws
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3.5,\"y2\":-4e2,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"userId\":\"Mallory\",\"data\":{\"id\":\"a\",\"elementType\":\"rect\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#AbCdEf\",\"strokeWidth\":2,\"userId\":\"Eve\",\"op\":\"o1\"}}",
        "{\"data\":{\"id\":\"p\",\"elementType\":\"path\",\"points\":[[1,2],[3,4,0.5],[5,6]],\"strokeColor\":\"#000000\",\"strokeWidth\":3},\"type\":\"draw\"}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"t\",\"elementType\":\"text\",\"x1\":1,\"y1\":2,\"text\":\"h\\u00e9\\n\\\"\",\"fontSize\":20,\"strokeColor\":\"#000000\",\"strokeWidth\":1}}",
        " { \"type\" : \"draw\" , \"data\" : { \"id\" : \"a\" , \"elementType\" : \"ellipse\" , \"x1\" : \"1\" , \"y1\" : 2 , \"x2\" : 3 , \"y2\" : 4 , \"strokeColor\" : \"#112233\" , \"strokeWidth\" : 2 } } ",
        // unknown keys inside the element, skipped
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"extra\":{\"deep\":[1,[2,{\"x\":3}]]},\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        // a key twice inside the element: the last one counts
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"id\":\"b\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        // refused by validation, read the same
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#11223\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1e309,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#11223g\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":\"NaN\",\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"path\",\"points\":[null,[1,2]],\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        // an escaped key is the same key once read
        "{\"type\":\"draw\",\"d\\u0061ta\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
    })
    void plainDrawsAreReadWithoutJsonbAndAsJsonbReadsThem(String frame) {
        assertNotNull(DrawFrames.read(frame), "read without JSON-B");
        assertEquals(Codec.decodeThroughJsonb(frame, MAX), Codec.decode(frame, MAX));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"draw\",\"data\":null}",
        "{\"type\":\"draw\"}",
        "{\"type\":\"draw\",\"data\":[1]}",
        "{\"type\":\"draw\",\"data\":\"x\"}",
        "{\"type\":\"draw\",\"userId\":5,\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"userId\":true,\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"userId\":{},\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"userId\":[],\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"userId\":null,\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"op\":\"o\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\"},\"data\":{\"id\":\"b\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"typ\\u0065\":\"cursor\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":true,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":{},\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":01,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"path\",\"points\":[[1,null]],\"strokeColor\":\"#112233\",\"strokeWidth\":2}}",
        "{\"type\":\"draw\",\"data\":{\"id\":\"a\",\"elementType\":\"line\",\"x1\":1,\"y1\":2,\"x2\":3,\"y2\":4,\"strokeColor\":\"#112233\",\"strokeWidth\":2}",
    })
    void everyOtherDrawIsLeftToJsonbAndAnsweredAsItAnswers(String frame) {
        assertNull(DrawFrames.read(frame), "left to JSON-B");
        assertEquals(Codec.decodeThroughJsonb(frame, MAX), Codec.decode(frame, MAX));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#000000", "#ffffff", "#ABCDEF", "#a1B2c3"})
    void colorsAreSixHexDigits(String color) {
        assertTrue(Validation.isColor(color));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "#fff", "#gggggg", "#12345", "#1234567", "112233 ", "#11223 ", "#１２３４５６", "#/:@G`g"})
    void anythingElseIsNotAColor(String color) {
        assertTrue(!Validation.isColor(color));
    }
}
