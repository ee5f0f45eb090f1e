package org.inkroom.cluster;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.protocol.CursorData;
import org.inkroom.room.Canvas;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.Identities;
import org.inkroom.room.Op;
import org.inkroom.room.Role;
import org.inkroom.room.RoomChannel;
import org.inkroom.room.RoomId;

/**
 * One room on the Redis bus. Ops are numbered by {@link Scripts#PUBLISH} (dedup by element id,
 * next seq, append to the room's stream, publish: one atomic step). Pub/sub delivers at most once,
 * so this channel delivers to its room strictly in seq order: what arrives early waits, and a gap
 * is filled from the stream (soon after it shows, after a reconnect, and on every heartbeat);
 * if the stream no longer holds it, the room reloads from the database.
 *
 * <p>Everything below marked "serial" runs on the room's {@link SerialExecutor}, one task at a
 * time, never on Lettuce's event loop.
 */
final class RedisRoomChannel implements RoomChannel {

    private static final Logger LOG = Logger.getLogger(RedisRoomChannel.class.getName());
    private static final long FILL_DELAY_MS = 20;
    private static final long TIMEOUT_FACTOR = 3;

    private final RedisBus bus;
    private final RoomId room;
    private final Listener listener;
    private final SerialExecutor serial;
    private final String[] opKeys;
    private final String[] membersKey;
    private final String[] tickKeys;
    private final String stream;
    private final String channel;

    /** Who asked for an op on this node, by request id, until the op is delivered or refused. */
    private final ConcurrentHashMap<Long, Object> origins = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    /** Members of this room on other nodes (user id to colour). */
    private final ConcurrentHashMap<String, String> remote = new ConcurrentHashMap<>();
    /** Names this node holds in the room (refreshed by the heartbeat). */
    private final Set<String> mine = ConcurrentHashMap.newKeySet();

    // Serial.
    private volatile String epoch;
    private long next = -1; // the seq the room needs next; -1 until started
    private final TreeMap<Long, Delivery> waiting = new TreeMap<>();
    private boolean fillScheduled;
    private volatile boolean closed;
    private volatile boolean resetting;

    /** An op waiting for its turn; {@code request} is this node's request id when it was asked for here. */
    private record Delivery(Op.Sequenced op, Long request) { }

    RedisRoomChannel(RedisBus bus, RoomId room, Listener listener, SerialExecutor serial) {
        this.bus = bus;
        this.room = room;
        this.listener = listener;
        this.serial = serial;
        String tag = "inkroom:{" + room.value() + "}:";
        this.stream = tag + "log";
        this.channel = tag + "ch";
        this.opKeys = new String[] {tag + "meta", tag + "ids", stream};
        this.membersKey = new String[] {tag + "members"};
        this.tickKeys = new String[] {tag + "members", tag + "meta"};
    }

    String channelName() {
        return channel;
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public Start start(Canvas canvas) {
        await(bus.subscribe(channel));
        String proposed = CanvasStore.newEpoch();
        long proposedSeq = canvas.seq() + RedisSettings.EPOCH_SEQ_GAP;
        List<Object> r = await(bus.script(Scripts.START, opKeys, proposed, Long.toString(proposedSeq)));
        String busEpoch = (String) r.get(0);
        long busSeq = Long.parseLong((String) r.get(1));
        boolean created = "1".equals(r.get(2));
        long base = Long.parseLong((String) r.get(3));
        // A canvas behind the epoch's base holds only ops of an older epoch: the numbering restarts at the base.
        boolean renumbered = created || canvas.seq() < base;
        long from = renumbered ? base : canvas.seq();
        epoch = busEpoch; // at once: the room may publish as soon as start returns
        serial.execute(() -> {
            next = from + 1;
            resetting = false;
            waiting.headMap(next).clear();
            drain();
            if (busSeq >= next) {
                fill(busSeq); // what the store does not hold yet comes from the stream
            }
        });
        if (created) {
            LOG.log(Level.INFO, "Room {0}: new epoch {1} on the bus, numbering from {2}",
                    new Object[] {room, busEpoch, Long.toString(busSeq)});
        }
        tick();
        return new Start(busEpoch, from, renumbered);
    }

    @Override
    public CompletionStage<Publication> publish(String userId, Op op, Object origin) {
        String currentEpoch = epoch;
        if (!bus.available() || currentEpoch == null || resetting) {
            return CompletableFuture.failedFuture(new UnavailableException("cluster bus unavailable", null));
        }
        long request = requests.incrementAndGet();
        String text = BusMessage.op(bus.node(), request, userId, op).encode();
        String elementId = op instanceof Op.Draw d ? d.element().id() : "";
        origins.put(request, origin);
        CompletionStage<List<Object>> reply;
        long started = System.nanoTime();
        try {
            reply = bus.script(Scripts.PUBLISH, opKeys, currentEpoch, elementId, text.substring(1), channel,
                    Integer.toString(bus.settings().streamLength()), op instanceof Op.Clear ? "1" : "0");
        } catch (RuntimeException e) {
            origins.remove(request);
            return CompletableFuture.failedFuture(e);
        }
        // Completed on the room's serial executor: what follows may close a socket, never on Lettuce's event loop.
        return reply.handleAsync((r, failure) -> {
            if (failure != null) {
                origins.remove(request);
                throw new UnavailableException("publish failed: " + failure.getMessage(), failure);
            }
            bus.events().busPublished(System.nanoTime() - started);
            String status = (String) r.get(0);
            long seq = status.equals("ok") || status.equals("dup") ? Long.parseLong((String) r.get(1)) : -1;
            switch (status) {
                case "ok" -> {
                    // The reply is a delivery too: the op is applied even if its pub/sub message is lost.
                    offer(new Op.Sequenced(seq, userId, op), request); // already on the serial executor
                    return new Publication(seq, false);
                }
                case "dup" -> {
                    origins.remove(request);
                    return new Publication(seq, true);
                }
                default -> {
                    origins.remove(request);
                    requestReset("the bus's epoch for the room changed (" + status + ")");
                    throw new UnavailableException("room history changed on the bus", null);
                }
            }
        }, serial);
    }

    @Override
    public CompletionStage<Optional<Op.Sequenced>> fetch(long seq) {
        try {
            return bus.commands().xrange(stream, Range.create(seq + "-0", seq + "-1")).thenApply(list -> {
                for (StreamMessage<String, String> m : list) {
                    BusMessage message = BusMessage.decode(m.getBody().get("m"));
                    if (message != null && message.seq() != null && message.seq() == seq && message.op() != null) {
                        return Optional.of(new Op.Sequenced(seq, message.u(), message.op().toOp()));
                    }
                }
                return Optional.<Op.Sequenced>empty();
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void publishCursor(String userId, CursorData cursor) {
        if (!bus.available()) {
            return;
        }
        try {
            bus.commands().publish(channel, BusMessage.cursor(bus.node(), userId, cursor).encode());
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Cursor not relayed to other nodes: {0}", e.toString());
        }
    }

    @Override
    public Identity claim(String base, Set<String> localNames, Set<String> localColors, Role role) {
        List<String> args = new ArrayList<>();
        args.add(bus.node());
        args.add(Long.toString(bus.settings().presenceTtl().toMillis()));
        args.add(channel);
        args.add(Integer.toString(Identities.PALETTE.size()));
        args.addAll(Identities.PALETTE);
        args.add(role == Role.VIEWER ? VIEWER_MARK : "");
        args.addAll(Identities.candidates(base, 64));
        List<Object> r = await(bus.script(Scripts.CLAIM, membersKey, args.toArray(String[]::new)));
        if (r.isEmpty()) {
            throw new UnavailableException("no free name for " + base, null);
        }
        String userId = (String) r.get(0);
        mine.add(userId);
        remote.remove(userId);
        return new Identity(userId, (String) r.get(1));
    }

    @Override
    public void release(String userId) {
        if (mine.remove(userId) && bus.available()) {
            try {
                bus.script(Scripts.RELEASE, membersKey, bus.node(), userId, channel);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Presence of {0} not released now; it expires: {1}", new Object[] {userId, e.toString()});
            }
        }
    }

    @Override
    public Map<String, Presence> remoteMembers() {
        Map<String, Presence> out = new HashMap<>();
        remote.forEach((user, stored) -> out.put(user, presenceOf(stored)));
        return out;
    }

    /** In Redis a viewer's colour carries this mark ({@code #3498db/viewer}); an editor's has none. */
    static final String VIEWER_MARK = "/viewer";

    static Presence presenceOf(String stored) {
        return stored.endsWith(VIEWER_MARK)
                ? new Presence(stored.substring(0, stored.length() - VIEWER_MARK.length()), Role.VIEWER)
                : new Presence(stored, Role.EDITOR);
    }

    @Override
    public void close() {
        closed = true;
        bus.unsubscribe(this);
    }

    /** From Lettuce's event loop: hand off and return. */
    void onMessage(String text) {
        if (!closed) {
            serial.execute(() -> handle(text));
        }
    }

    private static final String SEQ_PREFIX = "{\"seq\":";

    // Serial.
    private void handle(String text) {
        if (next >= 0 && text.startsWith(SEQ_PREFIX) && seqPrefix(text) < next) {
            return; // an op already delivered (usually this node's own, applied from the publish reply): not decoded again
        }
        BusMessage m = BusMessage.decode(text);
        if (m == null || m.t() == null) {
            LOG.log(Level.WARNING, "Room {0}: ignored a message on the bus that is not Inkroom's ({1} chars)",
                    new Object[] {room, text.length()});
            return;
        }
        boolean fromHere = bus.node().equals(m.n());
        switch (m.t()) {
            case BusMessage.OP -> {
                if (m.seq() != null && m.op() != null) {
                    offer(new Op.Sequenced(m.seq(), m.u(), m.op().toOp()), fromHere ? m.r() : null);
                }
            }
            case BusMessage.CURSOR -> {
                if (!fromHere && m.u() != null && m.c() != null) {
                    listener.cursor(m.u(), m.c());
                }
            }
            case BusMessage.JOIN -> {
                if (!fromHere && m.u() != null && m.color() != null && !m.color().equals(remote.put(m.u(), m.color()))) {
                    listener.presence(m.u(), presenceOf(m.color()));
                }
            }
            case BusMessage.LEAVE -> {
                if (m.u() != null && remote.remove(m.u()) != null) {
                    listener.presence(m.u(), null);
                }
            }
            default -> LOG.log(Level.FINE, "Room {0}: unknown bus message kind {1}", new Object[] {room, m.t()});
        }
    }

    // Serial: hold back what comes early, deliver in order, fill gaps.
    private void offer(Op.Sequenced op, Long request) {
        if (next >= 0 && op.seq() < next) {
            return;
        }
        waiting.putIfAbsent(op.seq(), new Delivery(op, request));
        if (next >= 0) {
            drain();
        }
    }

    // Serial.
    private void drain() {
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
            Delivery d = waiting.pollFirstEntry().getValue();
            next++;
            // Who asked is looked up only now, whichever of reply and message came first.
            listener.sequenced(d.op(), d.request() == null ? null : origins.remove(d.request()));
        }
        if (!waiting.isEmpty() && !fillScheduled) {
            fillScheduled = true;
            bus.timer().schedule(() -> serial.execute(() -> {
                fillScheduled = false;
                if (!waiting.isEmpty()) {
                    fill(waiting.firstKey() - 1);
                }
            }), FILL_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Serial: reads seqs {@code next..upTo} from the stream; if the stream no longer has them, reload. */
    private void fill(long upTo) {
        long from = next;
        if (from < 0 || upTo < from || closed) {
            return;
        }
        LOG.log(Level.FINE, "Room {0}: filling {1}..{2} from the stream", new Object[] {room, from, upTo});
        try {
            bus.commands().xrange(stream, Range.create(from + "-0", upTo + "-1")).whenComplete((list, failure) ->
                    serial.execute(() -> filled(from, upTo, list, failure)));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Room {0}: gap fill deferred: {1}", new Object[] {room, e.toString()});
        }
    }

    // Serial.
    private void filled(long from, long upTo, List<StreamMessage<String, String>> list, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.FINE, "Room {0}: gap fill failed, retried on the next heartbeat: {1}", new Object[] {room, failure.toString()});
            return;
        }
        if (next != from) {
            return; // filled meanwhile
        }
        boolean complete = !list.isEmpty() && seqOf(list.get(0)) == from;
        bus.events().busGapFilled(list.size());
        for (StreamMessage<String, String> entry : list) {
            BusMessage m = BusMessage.decode(entry.getBody().get("m"));
            if (m != null && m.seq() != null && m.op() != null) {
                offer(new Op.Sequenced(m.seq(), m.u(), m.op().toOp()), bus.node().equals(m.n()) ? m.r() : null);
            }
        }
        if (!complete && next == from) {
            // Not at once: the store may catch up meanwhile (its writes trail the bus by a commit interval).
            bus.timer().schedule(() -> requestReset("seq " + from + ".." + upTo + " is no longer in the room's stream"),
                    500, TimeUnit.MILLISECONDS);
        }
    }

    /** The seq the publish script put in front of an op message, or MAX_VALUE if it cannot be read. */
    static long seqPrefix(String text) {
        long seq = 0;
        int i = SEQ_PREFIX.length();
        int digits = 0;
        for (; i < text.length() && digits < 18; i++, digits++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            seq = seq * 10 + (c - '0');
        }
        return digits == 0 || i >= text.length() || text.charAt(i) != ',' ? Long.MAX_VALUE : seq;
    }

    private static long seqOf(StreamMessage<String, String> entry) {
        String id = entry.getId();
        return Long.parseLong(id.substring(0, id.indexOf('-')));
    }

    /** The heartbeat: keeps this node's members present, learns of dead nodes' members, checks epoch and progress. */
    void tick() {
        if (closed) {
            return;
        }
        List<String> args = new ArrayList<>();
        args.add(bus.node());
        args.add(Long.toString(bus.settings().presenceTtl().toMillis()));
        args.add(channel);
        args.addAll(mine);
        bus.script(Scripts.TICK, tickKeys, args.toArray(String[]::new)).whenComplete((r, failure) -> {
            if (failure == null) {
                serial.execute(() -> ticked(r));
            }
        });
    }

    // Serial.
    private void ticked(List<Object> r) {
        String busEpoch = (String) r.get(0);
        Map<String, String> live = new HashMap<>();
        for (int i = 2; i + 2 < r.size(); i += 3) {
            if (!bus.node().equals(r.get(i + 2))) {
                live.put((String) r.get(i), (String) r.get(i + 1));
            }
        }
        // Presence messages are at most once too: the hash is the truth.
        for (String gone : List.copyOf(remote.keySet())) {
            if (!live.containsKey(gone) && remote.remove(gone) != null) {
                listener.presence(gone, null);
            }
        }
        live.forEach((user, color) -> {
            if (!color.equals(remote.put(user, color))) {
                listener.presence(user, presenceOf(color));
            }
        });
        if (next < 0 || resetting) {
            return;
        }
        if (busEpoch.isEmpty() || !busEpoch.equals(epoch)) {
            requestReset(busEpoch.isEmpty() ? "Redis lost the room's history" : "the bus's epoch for the room changed");
            return;
        }
        long busSeq = Long.parseLong((String) r.get(1));
        if (busSeq >= next && !fillScheduled) {
            fill(busSeq);
        }
    }

    /** After a reconnect: check the epoch and fill what pub/sub dropped meanwhile. */
    void reconnected() {
        tick();
    }

    void unavailable() {
        serial.execute(listener::unavailable);
    }

    /** Once per incident: the room reloads from the store and starts again on the bus. */
    private void requestReset(String reason) {
        if (resetting || closed) {
            return;
        }
        resetting = true;
        serial.execute(() -> {
            next = -1;
            waiting.clear();
            origins.clear(); // their senders are sent away to reconnect and resend

            listener.reset(reason); // calls start() again, which clears resetting
        });
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(bus.settings().commandTimeout().toMillis() * TIMEOUT_FACTOR, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new UnavailableException("Redis did not answer: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new UnavailableException("Redis did not answer: " + e.getMessage(), e);
        }
    }
}
