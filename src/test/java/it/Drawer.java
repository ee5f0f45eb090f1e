package it;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.inkroom.testing.WsClient;

/**
 * A test member that behaves like the page where it matters for a cluster: draws with
 * {@code ack=1}, keeps what is not acknowledged, and after a lost connection reconnects (to
 * whichever node it is given) with {@code since}/{@code epoch} and sends the unacknowledged
 * strokes again. Records every numbered message it sees.
 */
final class Drawer implements AutoCloseable {

    private final String name;
    private final String room;
    private WsClient ws;
    private String userId;
    private String epoch;
    private long seq;
    /** Sent and not yet acknowledged, by element id, in sending order. */
    private final Map<String, Object> pending = new LinkedHashMap<>();
    private final Set<String> acked = new LinkedHashSet<>();
    /** Numbered messages seen (seq to "type:id..."), across reconnects. */
    private final Map<Long, String> seen = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<CloseReason> closes = new ArrayList<>();

    private Drawer(String name, String room) {
        this.name = name;
        this.room = room;
    }

    /** Joins through {@code node} (a function from "room?query" to the node's ws URI); waits for the sync. */
    static Drawer join(String name, String room, Function<String, URI> node) {
        Drawer d = new Drawer(name, room);
        d.connect(node, Duration.ofSeconds(5));
        return d;
    }

    /**
     * Connects until a sync arrives ({@code within} in all): a node refuses joins with 1013 while
     * it cannot reach Redis, and the page retries; so does this.
     */
    void connect(Function<String, URI> node, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        AssertionError last = null;
        while (System.nanoTime() < deadline) {
            String query = room + "?userId=" + name + "&ack=1" + (epoch != null ? "&since=" + seq + "&epoch=" + epoch : "");
            try {
                WsClient c = WsClient.connect(node.apply(query));
                JsonObject first = c.poll(Duration.ofSeconds(10));
                if (first != null && "sync".equals(first.getString("type", ""))) {
                    ws = c;
                    onSync(first);
                    resend();
                    return;
                }
                c.close();
                last = new AssertionError("no sync: " + first + " " + c.closeReason());
            } catch (AssertionError e) {
                last = e;
            }
            sleep(300);
        }
        throw new AssertionError(name + " could not join " + room + " within " + within, last);
    }

    private void onSync(JsonObject sync) {
        JsonObject data = sync.getJsonObject("data");
        userId = data.getString("userId");
        boolean resumed = data.containsKey("since") && data.getString("epoch").equals(epoch);
        if (!resumed) {
            seen.clear(); // a new history: what was seen before is replaced by the sync
        }
        epoch = data.getString("epoch");
        seq = data.getJsonNumber("seq").longValue();
    }

    /** As the page does after a sync: everything not acknowledged goes out again, in order. */
    private void resend() {
        for (Object frame : List.copyOf(pending.values())) {
            ws.send(frame);
        }
    }

    String userId() {
        return userId;
    }

    void drawLine(String id, double y) {
        Object frame = draw(line(id, 1, y, 50, y));
        pending.put(id, frame);
        try {
            ws.send(frame);
        } catch (AssertionError connectionGone) {
            // kept pending: sent again after the reconnect
        }
    }

    /** Reads what has arrived, for at most {@code wait} of silence. Returns false once the connection has closed. */
    boolean pump(Duration wait) {
        while (true) {
            JsonObject m = ws.poll(wait);
            if (m == null) {
                if (!ws.isOpen()) {
                    closes.add(ws.closeReason());
                    return false;
                }
                return true;
            }
            String type = m.getString("type", "");
            if ("ack".equals(type)) {
                JsonObject d = m.getJsonObject("data");
                String id = d.getString("id", null);
                if (id != null) {
                    pending.remove(id);
                    acked.add(id);
                }
                seq = Math.max(seq, d.getJsonNumber("seq").longValue());
            } else if ("error".equals(type)) {
                problems.add(m.toString());
            } else if (m.containsKey("seq")) {
                long s = m.getJsonNumber("seq").longValue();
                if (s <= seq && !seen.isEmpty()) {
                    problems.add("seq " + s + " after " + seq + ": " + m);
                }
                seq = Math.max(seq, s);
                String what = type + (m.get("data") instanceof JsonObject d && d.containsKey("id") ? ":" + d.getString("id") : "");
                String before = seen.put(s, what);
                if (before != null && !before.equals(what)) {
                    problems.add("seq " + s + " was " + before + ", now " + what);
                }
            }
        }
    }

    /** Pumps until nothing is pending or {@code within} passes; false if the connection closed. */
    boolean awaitAcks(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            if (!pump(Duration.ofMillis(200))) {
                return false;
            }
        }
        return pending.isEmpty();
    }

    boolean isOpen() {
        return ws.isOpen();
    }

    Set<String> acked() {
        return acked;
    }

    Set<String> pending() {
        return pending.keySet();
    }

    Map<Long, String> seen() {
        return seen;
    }

    List<String> problems() {
        return problems;
    }

    List<CloseReason> closes() {
        return closes;
    }

    @Override
    public void close() {
        if (ws != null) {
            ws.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
