package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decoder's frame limit: read from the configuration on the first init, kept for every later message. */
class MessageDecoderTest {

    @AfterEach
    void unset() {
        System.clearProperty(MessageDecoder.MAX_FRAME_BYTES);
    }

    /** A text element of 1,500 two-byte characters: about 3,100 bytes of UTF-8, inside every element limit. */
    private static final String DRAW_3K = "{\"type\":\"draw\",\"data\":{\"id\":\"t1\",\"elementType\":\"text\",\"x1\":1,\"y1\":2,"
            + "\"text\":\"" + "\u00e9".repeat(1500) + "\",\"fontSize\":12,\"strokeColor\":\"#000000\"}}";

    @Test
    void theLimitIsReadOnceAndKeptAcrossInitCalls() {
        System.setProperty(MessageDecoder.MAX_FRAME_BYTES, "2048");
        MessageDecoder decoder = new MessageDecoder();
        decoder.init(null);
        Inbound tooBig = decoder.decode(DRAW_3K);
        assertInstanceOf(Inbound.Rejected.class, tooBig);
        assertTrue(((Inbound.Rejected) tooBig).tooLarge());

        // Open Liberty calls init before every message; a later change of the setting does not reach
        // a decoder that has read it already (a new connection's decoder reads it again).
        System.setProperty(MessageDecoder.MAX_FRAME_BYTES, "65536");
        decoder.init(null);
        assertTrue(((Inbound.Rejected) decoder.decode(DRAW_3K)).tooLarge());
        assertEquals(65536, MessageDecoder.maxFrameBytes());

        MessageDecoder next = new MessageDecoder();
        next.init(null);
        Inbound accepted = next.decode(DRAW_3K);
        assertInstanceOf(ClientMessage.Draw.class, accepted, () -> accepted.toString());
    }
}
