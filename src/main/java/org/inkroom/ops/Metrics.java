package org.inkroom.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;
import org.inkroom.room.MemberInfo;
import org.inkroom.room.Room;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomRegistry;

/**
 * Inkroom's meters (README, "Metrics"), in Micrometer's Prometheus registry. Counters are
 * updated from {@link RoomEvents}; gauges are read from the registry when scraped, so the fan-out
 * path pays one lock-free add per event and nothing else.
 */
public final class Metrics implements RoomEvents {

    private static final List<String> OP_TYPES = List.of("draw", "update", "erase", "restore", "clear", "cursor");
    /** Upper bounds of the rooms-by-members buckets. */
    private static final int[] MEMBER_BUCKETS = {1, 2, 5, 10, 20, 50, 100, 500, 2000};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> closes = new ConcurrentHashMap<>();
    /** Frames written, and the messages beyond one per frame (batch=1): one add per plain frame, not two. */
    private final LongAdder frames = new LongAdder();
    private final LongAdder batchedExtra = new LongAdder();
    private final Counter acks;
    private final Counter roomsOpened;
    private final Counter roomsEvicted;
    private final Counter clears;
    private final Counter storeFailures;
    private final Timer storeCommit;
    private final Timer busPublish;
    private final Counter gapsFilled;
    private final Counter reconnects;

    public Metrics() {
        for (String type : OP_TYPES) {
            received.put(type, Counter.builder("inkroom.ops.received").tag("type", type)
                    .description("valid messages received from members, by type").register(registry));
        }
        // Known codes start at 0, so the first of each shows in rate() and increase().
        for (String code : org.inkroom.protocol.ErrorData.CODES) {
            errorSent(code, 0);
        }
        for (int code : new int[] {1001, 1008, 1009, 1011, 1013, 4408}) {
            receiverClosed(code, 0);
        }
        FunctionCounter.builder("inkroom.frames.sent", frames, LongAdder::sum)
                .description("WebSocket frames written to members").register(registry);
        FunctionCounter.builder("inkroom.messages.sent", this, m -> m.frames.sum() + m.batchedExtra.sum())
                .description("messages written to members (a batch=1 frame holds several)").register(registry);
        acks = Counter.builder("inkroom.acks").description("acks sent (each after its op was committed)").register(registry);
        roomsOpened = Counter.builder("inkroom.rooms.opened").description("rooms opened on this node").register(registry);
        roomsEvicted = Counter.builder("inkroom.rooms.evicted").description("idle rooms evicted from memory").register(registry);
        clears = Counter.builder("inkroom.clears").description("canvases cleared").register(registry);
        storeFailures = Counter.builder("inkroom.store.commit.failures")
                .description("store commits that failed (retried with backoff)").register(registry);
        storeCommit = Timer.builder("inkroom.store.commit").description("time to commit one batch of writes")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
        busPublish = Timer.builder("inkroom.redis.publish").description("time for Redis to number and publish one op")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(2)).register(registry);
        gapsFilled = Counter.builder("inkroom.redis.gaps.filled")
                .description("ops read from a room's stream because pub/sub dropped them").register(registry);
        reconnects = Counter.builder("inkroom.redis.reconnects").description("reconnections to Redis").register(registry);
    }

    /** Gauges read from the running node when scraped. */
    public void watch(RoomRegistry rooms) {
        gauge("inkroom.rooms.open", "rooms open on this node", rooms, r -> r.roomCount());
        gauge("inkroom.connections", "members connected to this node", rooms,
                r -> r.rooms().stream().mapToInt(Room::memberCount).sum());
        gauge("inkroom.room.members.max", "members of the fullest room on this node", rooms,
                r -> r.rooms().stream().mapToInt(Room::memberCount).max().orElse(0));
        for (int le : MEMBER_BUCKETS) {
            Gauge.builder("inkroom.rooms.by.members", rooms,
                            r -> r.rooms().stream().filter(room -> room.memberCount() <= le).count())
                    .tag("le", Integer.toString(le))
                    .description("rooms on this node with at most le members (a histogram of members per room)")
                    .register(registry);
        }
        gauge("inkroom.outbox.depth.max", "frames waiting for the most backed-up receiver", rooms,
                r -> r.rooms().stream().flatMap(room -> room.memberInfos().stream()).mapToInt(MemberInfo::queued).max().orElse(0));
        gauge("inkroom.store.queue.depth", "writes waiting for the store's next commit", rooms, r -> r.store().queued());
        gauge("inkroom.store.reachable", "1 when the store answers", rooms, r -> r.store().reachable() ? 1 : 0);
        gauge("inkroom.redis.available", "1 when the cluster bus is connected (always 1 on a single node)", rooms,
                r -> r.bus().available() ? 1 : 0);
    }

    private void gauge(String name, String description, RoomRegistry rooms, ToDoubleFunction<RoomRegistry> value) {
        Gauge.builder(name, rooms, value).description(description).register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void received(String type) {
        Counter c = received.get(type);
        if (c != null) {
            c.increment();
        }
    }

    @Override
    public void errorSent(String code) {
        errorSent(code, 1);
    }

    private void errorSent(String code, int count) {
        errors.computeIfAbsent(code, c -> Counter.builder("inkroom.errors.sent").tag("code", c)
                .description("error replies sent, by code").register(registry)).increment(count);
    }

    @Override
    public void receiverClosed(int code) {
        receiverClosed(code, 1);
    }

    private void receiverClosed(int code, int count) {
        closes.computeIfAbsent(code, c -> Counter.builder("inkroom.receivers.closed").tag("code", Integer.toString(c))
                .description("connections closed by the server, by close code").register(registry)).increment(count);
    }

    @Override
    public void sent(int frameCount, int messageCount) {
        frames.add(frameCount);
        if (messageCount != frameCount) {
            batchedExtra.add(messageCount - frameCount);
        }
    }

    @Override
    public void acked() {
        acks.increment();
    }

    @Override
    public void roomOpened(org.inkroom.room.RoomId room) {
        roomsOpened.increment();
    }

    @Override
    public void roomEvicted(org.inkroom.room.RoomId room) {
        roomsEvicted.increment();
    }

    @Override
    public void cleared(org.inkroom.room.RoomId room, String by) {
        clears.increment();
    }

    @Override
    public void storeCommitted(int writes, long nanos) {
        storeCommit.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void storeFailed() {
        storeFailures.increment();
    }

    @Override
    public void busPublished(long nanos) {
        busPublish.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void busGapFilled(int ops) {
        gapsFilled.increment(ops);
    }

    @Override
    public void busReconnected() {
        reconnects.increment();
    }
}
