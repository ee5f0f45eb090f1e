package org.inkroom.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.inkroom.protocol.CursorData;
import org.inkroom.protocol.Element;
import org.inkroom.room.Op;
import org.junit.jupiter.api.Test;

/** What crosses Redis is JSON; it must decode back to the same typed ops, as the publish script splices in the seq. */
class BusMessageTest {

    /** As {@link Scripts#PUBLISH} does: the seq goes in front of what the node sent. */
    private static BusMessage throughTheScript(BusMessage sent, long seq) {
        String text = sent.encode();
        return BusMessage.decode("{\"seq\":" + seq + "," + text.substring(1));
    }

    @Test
    void everyOpKindDecodesBackToTheSameOp() {
        Element path = Element.path("p1", new double[][] {{1.5, 2.25, 0.5}, {3, 4}}, "#112233", 3, "ann");
        List<Op> ops = List.of(
                new Op.Draw(Element.line("l1", 0, 1e-7, 1.0000001, -5, "#000000", 2, "ann")),
                new Op.Draw(path),
                new Op.Update("p1", 2, new double[][] {{5, 6}, {7.125, 8}}),
                new Op.Erase(List.of("l1", "p1")),
                new Op.Restore(List.of("p1")),
                new Op.Clear());
        long seq = 41;
        for (Op op : ops) {
            BusMessage m = throughTheScript(BusMessage.op("node-a", 7, "ann", op), ++seq);
            assertEquals(seq, m.seq());
            assertEquals("op", m.t());
            assertEquals("node-a", m.n());
            assertEquals(7L, m.r());
            assertEquals("ann", m.u());
            Op back = m.op().toOp();
            assertEquals(op.getClass(), back.getClass());
            if (op instanceof Op.Update u) {
                Op.Update b = (Op.Update) back;
                assertEquals(u.id(), b.id());
                assertEquals(u.from(), b.from());
                assertArrayEquals(u.points(), b.points());
            } else if (op instanceof Op.Draw d) {
                assertEquals(d.element(), ((Op.Draw) back).element());
            } else {
                assertEquals(op, back);
            }
        }
    }

    @Test
    void cursorsAndPresenceDecode() {
        BusMessage c = BusMessage.decode(BusMessage.cursor("n1", "bob", new CursorData(1.0, 2.0, "#3498db")).encode());
        assertEquals("cursor", c.t());
        assertEquals(new CursorData(1.0, 2.0, "#3498db"), c.c());
        assertNull(c.seq());
        // As the presence scripts write it with cjson.
        BusMessage join = BusMessage.decode("{\"color\":\"#e74c3c\",\"n\":\"n2\",\"t\":\"join\",\"u\":\"sam_2\"}");
        assertEquals("join", join.t());
        assertEquals("sam_2", join.u());
        assertEquals("#e74c3c", join.color());
    }

    @Test
    void theSeqInFrontIsReadWithoutDecoding() {
        String text = "{\"seq\":1000042," + BusMessage.op("n", 1, "u", new Op.Clear()).encode().substring(1);
        assertEquals(1000042L, RedisRoomChannel.seqPrefix(text));
        assertEquals(Long.MAX_VALUE, RedisRoomChannel.seqPrefix("{\"seq\":12"));
        assertEquals(Long.MAX_VALUE, RedisRoomChannel.seqPrefix("{\"seq\":x,"));
        assertEquals(Long.MAX_VALUE, RedisRoomChannel.seqPrefix("{\"seq\":99999999999999999999999,"));
    }

    @Test
    void foreignTextOnTheChannelIsNotAMessage() {
        assertNull(BusMessage.decode("not json"));
        assertNull(BusMessage.decode("{\"t\":\"op\",\"op\":{\"kind\":\"explode\"}}"));
        assertInstanceOf(BusMessage.class, BusMessage.decode("{\"t\":\"whatever\"}"));
    }
}
