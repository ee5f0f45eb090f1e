package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.CloseReason;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.Inbound;
import org.inkroom.protocol.MessageDecoder;
import org.inkroom.room.Peer;
import org.inkroom.room.RoomId;
import org.inkroom.testing.Frames;
import org.inkroom.testing.HostileFrames;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, hostile input: thousands of seeded random and mutated frames against the real endpoint
 * while another member sits in the same room. The fuzzing connection gets an answer for every frame
 * (an error, an ack, or the 1009 close of an oversized frame, after which it reconnects); the other
 * member receives only well-formed messages, each one a valid op the fuzzer happened to send, in an
 * unbroken seq order, and can still draw; nothing reaches the log at WARNING or with a stack trace;
 * the heap is back where it was once the fuzzer has gone and the canvas is cleared.
 *
 * <p>Replay a failure with {@code -Dinkroom.fuzz.seed=N} (the seed is in every failure message);
 * {@code -Dinkroom.fuzz.frames=N} runs longer. Per-connection rate limits are tolerated: their error
 * replies count as answers and a 1008 close is followed by a reconnect; the fuzzer also paces
 * itself (at most {@code inkroom.fuzz.rate} frames a second).
 */
class HostileInputTest extends RoomTestBase {

    private static final int FRAMES = Integer.getInteger("inkroom.fuzz.frames", 2500);
    private static final int WARM_UP = 300;
    private static final int RATE = Integer.getInteger("inkroom.fuzz.rate", 400);
    /** Frames between two barriers; each barrier checks that every frame before it was answered. */
    private static final int WINDOW = 25;
    private static final int MAX = MessageDecoder.DEFAULT_MAX_FRAME_BYTES;
    /** {@code -Dinkroom.fuzz.trace=true} prints every frame sent and every answer, to follow a replay. */
    private static final boolean TRACE = Boolean.getBoolean("inkroom.fuzz.trace");
    private static final String ROOM = "fuzz";
    private static final Pattern CODE = Pattern.compile("[a-z][a-z_]{1,40}");
    private static final Set<String> SERVER_TYPES =
            Set.of("sync", "ack", "error", "draw", "update", "erase", "restore", "cursor", "clear", "join", "leave", "userlist");

    @Test
    void hostileFramesAreAnsweredAndTheOthersInTheRoomSeeOnlyValidOps() throws Exception {
        long seed = Long.getLong("inkroom.fuzz.seed", System.nanoTime());
        String replay = "seed " + seed + " (replay: -Dinkroom.fuzz.seed=" + seed + ")";
        LogCapture logs = LogCapture.install();
        try {
            WsClient observer = join(ROOM + "?userId=Observer&ack=1");
            Fuzzer fuzzer = new Fuzzer(seed, replay);
            cleanup = fuzzer;
            fuzzer.run(WARM_UP);
            long heapBefore = usedHeapAfterGc();

            fuzzer.run(FRAMES);

            // (b) The observer: everything it got is well-formed and stands for a valid op of the fuzzer.
            ObserverCheck seen = new ObserverCheck(fuzzer, replay);
            String own = barrier(observer, "observer-barrier", replay, seen::accept);
            assertNotNull(own, replay + ": the observer's own op went unanswered");
            assertEquals(observer.frames(), seen.messages + 1, replay + ": a frame the observer got was not one JSON message");
            observer.send(Frames.draw(withOp(Frames.line("after-the-fuzz", 1, 2, 3, 4), "final")));
            JsonObject ack = observer.next(m -> "ack".equals(m.getString("type", ""))
                    && "final".equals(m.getJsonObject("data").getString("op", "")), "the ack of the observer's draw");
            assertEquals(seen.lastSeq + 1, ack.getJsonObject("data").getJsonNumber("seq").longValue(), replay);
            fuzzer.client.next(m -> "draw".equals(m.getString("type", ""))
                    && "after-the-fuzz".equals(m.getJsonObject("data").getString("id")), "the observer's draw, at the fuzzer");

            assertLateJoinerGetsOnlyValidElements(replay);

            // (d) The fuzzer leaves, the canvas is cleared: what is left on the heap is what was there before.
            fuzzer.client.close();
            observer.send(Frames.clear());
            observer.next("clear");
            awaitMembers(1, replay);
            observer.drain();
            long heapAfter = usedHeapAfterGc();
            long grown = heapAfter - heapBefore;
            // Per-frame state that outlived its frame would keep at least the frame's text (one byte a
            // character, compact strings) or its decoded message (larger): the bound is half of what
            // was sent (~9 MB with the default 2,500 frames, a few bytes to 64 KiB each), and never
            // below 6 MB: between the two measurements the heap moved by -2.9 to -1.2 MB over seeds
            // 3, 7, 8 and 11 (GC timing, JIT, the containers' buffer pools), and by -2.3 MB after
            // 6,300 frames, so it does not grow with the run. A retention like the one found while
            // writing this test (a closed client's parsed messages: +28 MB for 6,300 frames) fails it.
            long bound = Math.max(6L << 20, fuzzer.sentChars / 2);
            System.out.printf("HostileInputTest %s: %d frames (%s, %d KB), %d answers, %d reconnects; heap %+d KB (bound %d KB)%n",
                    replay, fuzzer.frames, fuzzer.kinds, fuzzer.sentChars / 1024, fuzzer.answers, fuzzer.reconnects,
                    grown / 1024, bound / 1024);
            assertTrue(grown < bound, replay + ": heap grew by " + grown / 1024 + " KB over the run (bound "
                    + bound / 1024 + " KB) for " + fuzzer.frames + " frames");

            // (c) No stack trace, no warning.
            assertTrue(logs.records().isEmpty(), replay + ": logged " + logs.describe());
        } finally {
            logs.remove();
            if (cleanup != null) {
                cleanup.client.close();
            }
        }
    }

    private Fuzzer cleanup;

    /**
     * A late joiner's sync holds only valid elements: the canvas the fuzzer left is sound. Its own
     * method and not tracked by the base class, so that its parsed sync is garbage before the heap check.
     */
    private void assertLateJoinerGetsOnlyValidElements(String replay) {
        try (WsClient late = WsClient.connect(server.uri(ROOM + "?userId=Late"))) {
            JsonArray elements = late.next("sync").getJsonObject("data").getJsonArray("elements");
            assertEquals(server.registry().room(new RoomId(ROOM)).orElseThrow().elements().size(), elements.size(), replay);
            for (JsonValue e : elements) {
                assertValidOp("draw", e.asJsonObject(), replay);
            }
            late.drain();
        }
    }

    /** One fuzzing connection at a time; a new one after each close. */
    private final class Fuzzer {
        final HostileFrames source;
        final String replay;
        WsClient client;
        final Set<String> userIds = new HashSet<>();
        /** Valid ops sent, by element id: what the observer may see. */
        final Map<String, List<String>> drawn = new HashMap<>();
        final Set<String> updated = new HashSet<>();
        final Set<String> erased = new HashSet<>();
        final Set<String> restored = new HashSet<>();
        int cursors;
        int clears;
        int frames;
        int answers;
        int reconnects;
        long sentChars;
        final Map<String, Integer> kinds = new java.util.TreeMap<>();
        private int barriers;

        // The window since the last barrier.
        private final List<HostileFrames.Sample> window = new ArrayList<>();
        private int mustAnswer;
        private int mayAnswer;

        Fuzzer(long seed, String replay) {
            this.source = new HostileFrames(seed, MAX);
            this.replay = replay;
            connect();
        }

        /** Not tracked by the base class: a closed fuzzing client (and its inbox) must not outlive it, or the heap check would count it. */
        void connect() {
            if (client != null) {
                client.close();
            }
            client = WsClient.connect(server.uri(ROOM + "?userId=Fuzzer&ack=1"));
            userIds.add(client.awaitSync());
        }

        void run(int count) throws InterruptedException {
            long windowStart = System.nanoTime();
            for (int i = 0; i < count; i++) {
                HostileFrames.Sample sample = source.next();
                this.frames++;
                kinds.merge(sample.kind(), 1, Integer::sum);
                send(sample);
                if (window.size() >= WINDOW || i == count - 1) {
                    endWindow();
                    long minimum = WINDOW * 1_000_000_000L / RATE;
                    long spent = System.nanoTime() - windowStart;
                    if (spent < minimum) {
                        Thread.sleep((minimum - spent) / 1_000_000);
                    }
                    windowStart = System.nanoTime();
                }
            }
        }

        private void send(HostileFrames.Sample sample) {
            String wire = sample.onTheWire();
            sentChars += wire.length();
            String context = replay + ", frame " + frames + ": " + sample;
            if (sample.utf8Bytes() > MAX) {
                endWindow(); // answers to what came before arrive before the close
                client.sendTextExpectingClose(wire);
                CloseReason reason = client.awaitClose();
                assertEquals(Peer.TOO_BIG, reason.getCloseCode().getCode(), context + ": " + reason);
                reconnect();
                return;
            }
            Inbound verdict;
            try {
                verdict = Codec.decode(wire, MAX);
            } catch (RuntimeException e) {
                verdict = null; // a decoder bug: the server must still answer, which the barrier checks
            }
            if (verdict == null || verdict instanceof Inbound.Rejected) {
                mustAnswer++;
            } else if (verdict instanceof ClientMessage.Draw d) {
                mustAnswer++;
                drawn.computeIfAbsent(d.data().id(), k -> new ArrayList<>()).add(comparable(d.data()));
            } else if (verdict instanceof ClientMessage.Update u) {
                mustAnswer++;
                updated.add(u.data().id());
            } else if (verdict instanceof ClientMessage.Erase e) {
                mustAnswer++;
                erased.addAll(e.data().ids());
            } else if (verdict instanceof ClientMessage.Restore r) {
                mustAnswer++;
                restored.addAll(r.data().ids());
            } else if (verdict instanceof ClientMessage.Cursor) {
                mayAnswer++; // relayed, not answered (unless a limit refuses it)
                cursors++;
            } else {
                mayAnswer++;
                clears++;
            }
            window.add(sample);
            if (TRACE) {
                System.out.println("fuzz " + frames + " " + sample.utf8Bytes() + "B " + sample);
            }
            try {
                client.sendText(wire);
            } catch (AssertionError e) {
                closedUnderUs(context, e);
            }
        }

        /** A barrier: an erase of nothing, answered (acked) only after every frame before it. */
        private void endWindow() {
            if (window.isEmpty() && mustAnswer == 0) {
                return;
            }
            String label = "b" + barriers++;
            int[] counted = new int[1];
            String context = replay + ", the " + window.size() + " frames before barrier " + label + " (last: "
                    + (window.isEmpty() ? "-" : window.get(window.size() - 1)) + ")";
            String answer;
            try {
                answer = barrier(client, label, context, m -> counted[0] += countAnswer(m, context));
            } catch (AssertionError e) {
                if (client.closeReason() == null) {
                    throw e;
                }
                closedUnderUs(context, e);
                return;
            }
            if (answer == null) {
                closedUnderUs(context, null);
                return;
            }
            answers += counted[0];
            assertTrue(counted[0] >= mustAnswer && counted[0] <= mustAnswer + mayAnswer,
                    context + ": " + counted[0] + " answers for " + mustAnswer + " frames that need one (and "
                            + mayAnswer + " that may get one); the frames:\n  " + String.join("\n  ",
                            window.stream().map(f -> f.toString().substring(0, Math.min(240, f.toString().length()))).toList()));
            resetWindow();
        }

        private int countAnswer(JsonObject m, String context) {
            if (TRACE) {
                System.out.println("  answer " + HostileFrames.printable(m.toString()));
            }
            String type = m.getString("type", "");
            assertTrue(SERVER_TYPES.contains(type), context + ": unknown message " + m);
            if ("error".equals(type)) {
                JsonObject data = m.getJsonObject("data");
                String code = data.getString("code", "");
                String message = data.getString("message", "");
                assertTrue(CODE.matcher(code).matches(), context + ": error code " + m);
                assertTrue(!message.isBlank() && message.length() <= 300 && !message.contains("Exception")
                        && !message.contains("\tat "), context + ": error message " + m);
                return 1;
            }
            if ("ack".equals(type)) {
                return 1;
            }
            return 0; // clears it sent itself, cursors and the others' join/leave/userlist
        }

        /** The server closed the connection: only a rate limit (1008) may do that here; reconnect. */
        private void closedUnderUs(String context, AssertionError cause) {
            CloseReason reason = client.awaitClose();
            int code = reason.getCloseCode().getCode();
            if (code != Peer.POLICY_VIOLATION) {
                throw new AssertionError(context + ": connection closed with " + reason, cause);
            }
            reconnect();
        }

        private void reconnect() {
            reconnects++;
            resetWindow();
            connect();
        }

        private void resetWindow() {
            window.clear();
            mustAnswer = 0;
            mayAnswer = 0;
        }
    }

    /** What the observer received, message by message, judged against what the fuzzer validly sent. */
    private final class ObserverCheck {
        final Fuzzer fuzzer;
        final String replay;
        int messages;
        long lastSeq = -1;
        int cursors;
        int clears;

        ObserverCheck(Fuzzer fuzzer, String replay) {
            this.fuzzer = fuzzer;
            this.replay = replay;
        }

        void accept(JsonObject m) {
            messages++;
            String type = m.getString("type", "");
            String context = replay + ": the observer got " + HostileFrames.printable(m.toString());
            assertTrue(SERVER_TYPES.contains(type), context);
            if ("sync".equals(type)) {
                lastSeq = m.getJsonObject("data").getJsonNumber("seq").longValue();
                return;
            }
            assertTrue(!"error".equals(type) && !"ack".equals(type), context);
            if (m.get("seq") instanceof JsonNumber seq) {
                assertTrue(lastSeq >= 0, context + " before its sync");
                assertEquals(lastSeq + 1, seq.longValue(), context + ": seq does not follow " + lastSeq);
                lastSeq = seq.longValue();
            }
            if (Set.of("draw", "update", "erase", "restore", "cursor", "clear").contains(type)) {
                assertTrue(fuzzer.userIds.contains(m.getString("userId", "")), context + ": not from the fuzzer");
            }
            switch (type) {
                case "draw" -> {
                    Element e = assertValidOp("draw", m.getJsonObject("data"), context);
                    List<String> sent = fuzzer.drawn.get(e.id());
                    assertTrue(sent != null && sent.contains(comparable(e)), context + ": no such valid draw was sent");
                    assertEquals(m.getString("userId"), e.userId(), context);
                }
                case "update" -> {
                    assertValidOp("update", m.getJsonObject("data"), context);
                    assertTrue(fuzzer.updated.contains(m.getJsonObject("data").getString("id")), context);
                }
                case "erase" -> {
                    assertValidOp("erase", m.getJsonObject("data"), context);
                    for (JsonString id : m.getJsonObject("data").getJsonArray("ids").getValuesAs(JsonString.class)) {
                        assertTrue(fuzzer.erased.contains(id.getString()), context);
                    }
                }
                case "restore" -> {
                    for (JsonValue e : m.getJsonObject("data").getJsonArray("elements")) {
                        Element element = assertValidOp("draw", e.asJsonObject(), context);
                        assertTrue(fuzzer.restored.contains(element.id()), context);
                    }
                }
                case "cursor" -> {
                    assertValidOp("cursor", m.getJsonObject("data"), context);
                    assertTrue(m.getJsonObject("data").getString("color").matches("#[0-9a-fA-F]{6}"), context);
                    assertTrue(++cursors <= fuzzer.cursors, context + ": more cursors than valid ones sent");
                }
                case "clear" -> assertTrue(++clears <= fuzzer.clears, context + ": more clears than sent");
                case "userlist" -> {
                    for (JsonValue u : m.getJsonArray("data")) {
                        assertTrue(u.asJsonObject().getString("color").matches("#[0-9a-fA-F]{6}"), context);
                    }
                }
                default -> { } // join, leave: the fuzzer's reconnects
            }
        }
    }

    /**
     * Sends an erase of an id nobody has (changes nothing, broadcast to nobody) labelled {@code label},
     * and hands every message that arrives before its answer to {@code each}. Returns the answer's
     * type (ack, or error when a limit refused it), or null if the connection closed first.
     */
    private static String barrier(WsClient client, String label, String context, java.util.function.Consumer<JsonObject> each) {
        client.send(Map.of("type", "erase", "data", Map.of("ids", List.of("no-such-element"), "op", label)));
        while (true) {
            JsonObject m = client.poll(WsClient.WAIT);
            if (m == null) {
                if (client.closeReason() != null) {
                    return null;
                }
                fail(context + ": no answer within " + WsClient.WAIT + ": a zombie connection");
            }
            String type = m.getString("type", "");
            if (("ack".equals(type) || "error".equals(type)) && m.get("data") instanceof JsonObject d
                    && label.equals(d.getString("op", null))) {
                return type;
            }
            each.accept(m);
        }
    }

    /** Decodes {@code data} as the client message {@code type} would carry it: it must be valid. */
    private static Element assertValidOp(String type, JsonObject data, String context) {
        String frame = Codec.toJson(Map.of("type", type, "data", Codec.fromJson(data.toString(), Map.class)));
        Inbound in = Codec.decode(frame, MAX);
        if (!(in instanceof ClientMessage message)) {
            throw new AssertionError(context + ": not a valid " + type + ": " + in);
        }
        return message instanceof ClientMessage.Draw d ? d.data() : null;
    }

    /**
     * An element as the room stores it, as text (-0 is written as 0, as JSON-P reads it back),
     * digested: the test keeps one per valid draw, and whole texts would weigh on the heap check.
     */
    private static String comparable(Element e) {
        String text = Codec.toJson(e.owned("someone"));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e2) {
            throw new AssertionError(e2);
        }
    }

    private static Map<String, Object> withOp(Map<String, Object> element, String op) {
        element.put("op", op);
        return element;
    }

    private void awaitMembers(int count, String replay) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        while (server.registry().room(new RoomId(ROOM)).orElseThrow().memberCount() != count) {
            assertTrue(System.nanoTime() < deadline, replay + ": members left behind: "
                    + server.registry().room(new RoomId(ROOM)).orElseThrow().memberIds());
            Thread.sleep(20);
        }
    }

    /** Used heap once the collector has run: the lowest of a few readings, so a late collection does not count. */
    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    /**
     * Log records while installed: from anywhere in the JVM at WARNING or above, or carrying a
     * throwable ({@link #install()}); or everything one logger logs from a level on ({@link #install(String, Level)}).
     */
    static final class LogCapture extends Handler {
        private final List<LogRecord> records = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Logger logger;
        private final Level minimum;
        private final Level loggerLevelBefore;

        private LogCapture(Logger logger, Level minimum) {
            this.logger = logger;
            this.minimum = minimum;
            this.loggerLevelBefore = logger.getLevel();
        }

        static LogCapture install() {
            LogCapture capture = new LogCapture(Logger.getLogger(""), Level.WARNING);
            capture.setLevel(Level.ALL);
            capture.logger.addHandler(capture);
            return capture;
        }

        /** Lowers that logger's level to {@code minimum} while installed (the tests' logging.properties hides INFO). */
        static LogCapture install(String loggerName, Level minimum) {
            LogCapture capture = new LogCapture(Logger.getLogger(loggerName), minimum);
            capture.setLevel(Level.ALL);
            capture.logger.setLevel(minimum);
            capture.logger.addHandler(capture);
            return capture;
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= minimum.intValue() || r.getThrown() != null) {
                records.add(r);
            }
        }

        /** Each record's message with its parameters filled in. */
        List<String> messages() {
            java.util.logging.Formatter format = new java.util.logging.SimpleFormatter();
            return records().stream().map(format::formatMessage).toList();
        }

        List<LogRecord> records() {
            return List.copyOf(records);
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            for (LogRecord r : records()) {
                b.append("\n  ").append(r.getLevel()).append(' ').append(r.getLoggerName()).append(": ")
                        .append(r.getMessage()).append(r.getThrown() == null ? "" : " " + r.getThrown());
            }
            return b.toString();
        }

        void remove() {
            logger.removeHandler(this);
            if (logger.getLevel() != loggerLevelBefore) {
                logger.setLevel(loggerLevelBefore);
            }
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    }
}
