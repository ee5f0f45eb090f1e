package org.inkroom.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.CursorData;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ErrorData;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.Frame;
import org.inkroom.room.JoinOptions;
import org.inkroom.room.Membership;
import org.inkroom.room.Peer;
import org.inkroom.room.RoomBus;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.RoomSettings;
import org.junit.jupiter.api.Test;

/** A scripted session moves each meter by the expected amount; the exposition is Prometheus text. */
class MetricsTest {

    /** A receiver that takes {@code capacity} frames, then overflows (the room closes it with 1013). */
    private static final class CountingPeer implements Peer {
        private final int capacity;
        private int frames;
        private boolean full;

        CountingPeer(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized boolean offer(Frame frame) {
            if (full) {
                return true;
            }
            if (++frames > capacity) {
                full = true;
                return false;
            }
            return true;
        }

        @Override
        public void flush() { }

        @Override
        public void close(int code, String reason) { }

        @Override
        public synchronized int queued() {
            return frames;
        }
    }

    static double value(String exposition, String series) {
        for (String line : exposition.lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("no series " + series + " in:\n" + exposition);
    }

    @Test
    void aScriptedSessionMovesEachMeterByTheExpectedAmount() {
        Metrics metrics = new Metrics();
        RoomRegistry rooms = new RoomRegistry(new RoomSettings(3, 100, java.time.Duration.ofMinutes(5), java.time.Duration.ofSeconds(30)),
                CanvasStore.MEMORY_ONLY, RoomBus.SINGLE_NODE, System::nanoTime, false, metrics);
        metrics.watch(rooms);
        RoomId room = new RoomId("metrics");
        Membership alice = rooms.join(room, "alice", new CountingPeer(1000), new JoinOptions(true, null, null));
        rooms.join(room, "bob", new CountingPeer(1000));
        rooms.join(new RoomId("other"), "carol", new CountingPeer(1000));
        for (int i = 0; i < 4; i++) { // the fourth is over the room's 3-element limit
            alice.receive(new ClientMessage.Draw(null, Element.line("l" + i, 0, 0, 1, 1, "#000000", 1, null)));
        }
        alice.receive(new ClientMessage.Cursor(null, new CursorData(1.0, 2.0, null)));
        alice.reject(new ErrorData(ErrorData.MALFORMED_JSON, "frame is not valid JSON"));
        rooms.join(room, "slow", new CountingPeer(2)); // sync + userlist fit, the next frame overflows
        alice.receive(new ClientMessage.Clear(null));

        String text = metrics.scrape();
        assertEquals(4, value(text, "inkroom_ops_received_total{type=\"draw\"}"));
        assertEquals(1, value(text, "inkroom_ops_received_total{type=\"cursor\"}"));
        assertEquals(1, value(text, "inkroom_ops_received_total{type=\"clear\"}"));
        assertEquals(1, value(text, "inkroom_errors_sent_total{code=\"room_full\"}"));
        assertEquals(1, value(text, "inkroom_errors_sent_total{code=\"malformed_json\"}"));
        assertEquals(1, value(text, "inkroom_receivers_closed_total{code=\"1013\"}"));
        assertEquals(3, value(text, "inkroom_acks_total"), "three draws acknowledged (memory store: at once)");
        assertEquals(1, value(text, "inkroom_clears_total"));
        assertEquals(2, value(text, "inkroom_rooms_opened_total"));
        assertEquals(2, value(text, "inkroom_rooms_open"));
        assertEquals(4, value(text, "inkroom_connections"), "the slow member is closed by its endpoint, not here");
        assertEquals(3, value(text, "inkroom_room_members_max"));
        assertEquals(1, value(text, "inkroom_rooms_by_members{le=\"1\"}"));
        assertEquals(2, value(text, "inkroom_rooms_by_members{le=\"5\"}"));
        assertEquals(1, value(text, "inkroom_redis_available"));
        assertEquals(1, value(text, "inkroom_store_reachable"));
        assertTrue(text.contains("# TYPE inkroom_ops_received_total counter"), "Prometheus text with types");
    }

    @Test
    void framesAndMessagesAreCountedAsWritten() {
        Metrics metrics = new Metrics();
        metrics.sent(1, 1);
        metrics.sent(1, 5);
        String text = metrics.scrape();
        assertEquals(2, value(text, "inkroom_frames_sent_total"));
        assertEquals(6, value(text, "inkroom_messages_sent_total"));
        assertEquals(List.of(), text.lines().filter(l -> l.contains("NaN")).toList());
    }
}
