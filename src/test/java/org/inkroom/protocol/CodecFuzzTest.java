package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import org.inkroom.testing.HostileFrames;
import org.junit.jupiter.api.Test;

/**
 * The decoder alone, fed thousands of random and mutated frames (no network, so many more
 * than the endpoint fuzz can afford): it never throws, every refusal is a known code with a short
 * message, and everything it accepts survives what the room does with it (owned, encoded, sent,
 * stored) and decodes back to the same message. Seed: {@code -Dinkroom.fuzz.seed=N}.
 */
class CodecFuzzTest {

    private static final int MAX = MessageDecoder.DEFAULT_MAX_FRAME_BYTES;
    private static final int FRAMES = Integer.getInteger("inkroom.fuzz.codec.frames", 8_000);

    @Test
    void noFrameMakesTheDecoderThrowAndWhatItAcceptsEncodesBackToItself() {
        long seed = Long.getLong("inkroom.fuzz.seed", System.nanoTime());
        HostileFrames frames = new HostileFrames(seed, MAX);
        int accepted = 0;
        for (int i = 0; i < FRAMES; i++) {
            HostileFrames.Sample sample = frames.next();
            String context = "seed " + seed + " (-Dinkroom.fuzz.seed=" + seed + "), frame " + i + ": " + sample;
            try {
                // As written (a JSON escape can still make a lone surrogate) and as a UTF-8 client sends it.
                accepted += check(sample.text(), context);
                check(sample.onTheWire(), context);
            } catch (AssertionError e) {
                throw e;
            } catch (Throwable t) {
                throw new AssertionError(context + ": " + t, t);
            }
        }
        assertTrue(accepted > FRAMES / 50, "seed " + seed + ": only " + accepted + " of " + FRAMES + " frames were valid");
    }

    /** 1 if {@code text} was accepted. */
    private static int check(String text, String context) {
        Inbound inbound = Codec.decode(text, MAX);
        // DrawFrames reads plain draws without JSON-B: it must accept and refuse exactly what JSON-B does.
        Inbound throughJsonb = Codec.decodeThroughJsonb(text, MAX);
        if (inbound instanceof ClientMessage.Draw || inbound instanceof Inbound.Rejected
                || throughJsonb instanceof ClientMessage.Draw || throughJsonb instanceof Inbound.Rejected) {
            assertEquals(throughJsonb, inbound, context + ": read otherwise than through JSON-B");
        }
        if (inbound instanceof Inbound.Rejected r) {
            assertTrue(ErrorData.CODES.contains(r.error().code()), context + ": unknown code " + r.error());
            assertFalse(r.error().message() == null || r.error().message().isBlank(), context);
            assertTrue(r.error().message().length() <= 300, context + ": long message " + r.error());
            assertFalse(r.error().message().contains("Exception"), context + ": " + r.error());
            assertWireSafe(Codec.encode(ServerMessage.error(r.error())), context); // the reply is sent too
            return 0;
        }
        ClientMessage message = assertInstanceOf(ClientMessage.class, inbound, context);
        String encoded = encodeAsTheRoomWould(message);
        assertWireSafe(encoded, context);
        // What the others receive is itself a valid client message of the same content.
        ClientMessage again = roundTrip(message, encoded, context);
        assertSameContent(message, again, context);
        return 1;
    }

    private static String encodeAsTheRoomWould(ClientMessage message) {
        if (message instanceof ClientMessage.Draw d) {
            Element owned = d.data().owned("fuzzer");
            String byHand = Codec.encodeWithData(ServerMessage.draw("fuzzer", null, 7), Codec.toJson(owned));
            // Written by hand for the room, through JSON-B's generator anywhere else: the same text.
            assertEquals(Codec.encode(ServerMessage.draw("fuzzer", owned, 7)), byHand);
            return byHand;
        } else if (message instanceof ClientMessage.Update u) {
            return Codec.encode(ServerMessage.update("fuzzer", u.data().id(), u.data().from(), u.data().points(), 7));
        } else if (message instanceof ClientMessage.Erase e) {
            return Codec.encode(ServerMessage.erase("fuzzer", e.data().ids(), 7));
        } else if (message instanceof ClientMessage.Restore r) {
            return Codec.encode(ServerMessage.erase("fuzzer", r.data().ids(), 7));
        } else if (message instanceof ClientMessage.Cursor c) {
            return Codec.encode(ServerMessage.cursor("fuzzer", c.data().withColor("#123456")));
        }
        return Codec.encode(ServerMessage.clear("fuzzer", 7));
    }

    /**
     * Text that UTF-8 (the wire, Redis, PostgreSQL) carries unchanged: no unpaired surrogate, which
     * an encoder silently turns into '?', so receivers and the store would hold another id than the
     * room. And no NUL outside an escape, which PostgreSQL refuses in a column.
     */
    private static void assertWireSafe(String encoded, String context) {
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < encoded.length() && Character.isLowSurrogate(encoded.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                fail(context + ": would send text with an unpaired surrogate at " + i + ": " + HostileFrames.printable(encoded));
            } else if (c < 0x20) {
                fail(context + ": would send a raw control character at " + i + ": " + HostileFrames.printable(encoded));
            }
        }
    }

    private static ClientMessage roundTrip(ClientMessage original, String encoded, String context) {
        Map<?, ?> server = Codec.fromJson(encoded, Map.class);
        Object type = server.get("type");
        String clientFrame;
        if (original instanceof ClientMessage.Restore) {
            type = "restore";
        }
        clientFrame = Codec.toJson(server.get("data") == null ? Map.of("type", type) : Map.of("type", type, "data", server.get("data")));
        Inbound back = Codec.decode(clientFrame, MAX);
        return assertInstanceOf(ClientMessage.class, back, context + ": re-decoding what the others get: " + clientFrame);
    }

    private static void assertSameContent(ClientMessage sent, ClientMessage received, String context) {
        if (sent instanceof ClientMessage.Draw d) {
            Element e = ((ClientMessage.Draw) received).data();
            assertEquals(Codec.toJson(d.data().owned("fuzzer")), Codec.toJson(e.owned("fuzzer")), context);
            assertTrue(Validation.element(e) == null, context);
            // Ids are also stored raw in a VARCHAR column: PostgreSQL refuses NUL there.
            assertFalse(e.id().indexOf('\u0000') >= 0, context + ": id with NUL accepted");
        } else if (sent instanceof ClientMessage.Update u) {
            ClientMessage.UpdateData r = ((ClientMessage.Update) received).data();
            assertEquals(u.data().id(), r.id(), context);
            assertEquals(u.data().from(), r.from(), context);
            assertEquals(Codec.toJson(u.data().points()), Codec.toJson(r.points()), context);
            assertFalse(u.data().id().indexOf('\u0000') >= 0, context + ": id with NUL accepted");
        } else if (sent instanceof ClientMessage.Erase e) {
            assertEquals(e.data().ids(), ((ClientMessage.Erase) received).data().ids(), context);
        } else if (sent instanceof ClientMessage.Restore r) {
            assertEquals(r.data().ids(), ((ClientMessage.Restore) received).data().ids(), context);
        } else if (sent instanceof ClientMessage.Cursor c) {
            CursorData back = ((ClientMessage.Cursor) received).data();
            assertTrue(c.data().x().doubleValue() == back.x() && c.data().y().doubleValue() == back.y(), context);
        } else {
            assertInstanceOf(ClientMessage.Clear.class, received, context);
        }
    }
}
