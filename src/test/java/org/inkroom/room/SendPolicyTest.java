package org.inkroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.ErrorData;
import org.inkroom.protocol.Inbound;
import org.inkroom.testing.Frames;
import org.junit.jupiter.api.Test;

class SendPolicyTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final SendLimits limits = new SendLimits(100, 10, 50, 5, 6, 2, 40);

    private static ClientMessage message(String json) {
        Inbound in = Codec.decode(json, 65536);
        return assertInstanceOf(ClientMessage.class, in, json);
    }

    private static final ClientMessage DRAW = message(Codec.toJson(Frames.draw(Frames.line("a", 0, 0, 1, 1))));
    private static final ClientMessage CURSOR = message("{\"type\":\"cursor\",\"data\":{\"x\":1,\"y\":2}}");
    private static final ClientMessage CLEAR = message("{\"type\":\"clear\"}");

    private String refusal(SendPolicy.Verdict v) {
        return assertInstanceOf(SendPolicy.Refuse.class, v).error().code();
    }

    private void advanceMillis(long ms) {
        clock.addAndGet(ms * 1_000_000);
    }

    @Test
    void anEditorDrawsItsBurstThenAtTheSustainedRate() {
        SendPolicy p = new SendPolicy(Role.EDITOR, limits, clock::get);
        for (int i = 0; i < 10; i++) {
            assertInstanceOf(SendPolicy.Admit.class, p.admit(DRAW), "op " + i + " of the burst");
        }
        assertEquals(ErrorData.TOO_MANY_OPS, refusal(p.admit(DRAW)));
        advanceMillis(10); // 100/s: one more token
        assertInstanceOf(SendPolicy.Admit.class, p.admit(DRAW));
        assertEquals(ErrorData.TOO_MANY_OPS, refusal(p.admit(DRAW)));
        // Cursors and clears have buckets of their own: the ops bucket being empty does not stop them.
        assertInstanceOf(SendPolicy.Admit.class, p.admit(CURSOR));
        assertInstanceOf(SendPolicy.Admit.class, p.admit(CLEAR));
    }

    @Test
    void clearIsStricterAndCursorsHaveTheirOwnCode() {
        SendPolicy p = new SendPolicy(Role.EDITOR, limits, clock::get);
        assertInstanceOf(SendPolicy.Admit.class, p.admit(CLEAR));
        assertInstanceOf(SendPolicy.Admit.class, p.admit(CLEAR));
        assertEquals(ErrorData.TOO_MANY_CLEARS, refusal(p.admit(CLEAR)));
        advanceMillis(9_000); // 6 a minute: one every 10 s
        assertEquals(ErrorData.TOO_MANY_CLEARS, refusal(p.admit(CLEAR)));
        advanceMillis(1_000);
        assertInstanceOf(SendPolicy.Admit.class, p.admit(CLEAR));
        for (int i = 0; i < 5; i++) {
            p.admit(CURSOR);
        }
        assertEquals(ErrorData.TOO_MANY_CURSORS, refusal(p.admit(CURSOR)));
    }

    @Test
    void aViewerIsRefusedEveryOpAndCursorWithReadOnly() {
        SendPolicy p = new SendPolicy(Role.VIEWER, limits, clock::get);
        for (String json : List.of(Codec.toJson(Frames.draw(Frames.line("v", 0, 0, 1, 1))), "{\"type\":\"clear\"}",
                "{\"type\":\"cursor\",\"data\":{\"x\":1,\"y\":2}}",
                "{\"type\":\"update\",\"data\":{\"id\":\"v\",\"from\":1,\"points\":[[1,2]]}}",
                "{\"type\":\"erase\",\"data\":{\"ids\":[\"v\"],\"op\":\"e1\"}}",
                "{\"type\":\"restore\",\"data\":{\"ids\":[\"v\"]}}")) {
            SendPolicy.Refuse r = assertInstanceOf(SendPolicy.Refuse.class, p.admit(message(json)), json);
            assertEquals(ErrorData.READ_ONLY, r.error().code(), json);
        }
        assertEquals("e1", assertInstanceOf(SendPolicy.Refuse.class,
                p.admit(message("{\"type\":\"erase\",\"data\":{\"ids\":[\"v\"],\"op\":\"e1\"}}"))).error().op(),
                "the refused op's label comes back, so the page can drop it");
    }

    @Test
    void aConnectionThatKeepsSendingWhatIsRefusedIsClosedAsAFlood() {
        SendPolicy p = new SendPolicy(Role.EDITOR, limits, clock::get);
        for (int i = 0; i < 10; i++) {
            p.admit(DRAW);
        }
        // 40 refusals are allowed (malformed frames count too), the 41st closes.
        for (int i = 0; i < 20; i++) {
            refusal(p.admit(DRAW));
            refusal(p.malformed(new ErrorData(ErrorData.MALFORMED_JSON, "bad")));
        }
        SendPolicy.Close close = assertInstanceOf(SendPolicy.Close.class, p.admit(DRAW));
        assertEquals(Peer.POLICY_VIOLATION, close.code());
    }

    @Test
    void occasionalRefusalsNeverAddUpToAClose() {
        SendPolicy p = new SendPolicy(Role.VIEWER, limits, clock::get);
        for (int i = 0; i < 10_000; i++) {
            refusal(p.admit(DRAW)); // a viewer client that draws anyway, 50 a second (the budget refills at 100/s)
            advanceMillis(20);
        }
    }
}
