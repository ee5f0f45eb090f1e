package org.inkroom.web;

import java.time.Duration;
import org.inkroom.config.Config;
import org.inkroom.protocol.MessageDecoder;

/** Connection-level settings; see the README's configuration table. */
public record WebSettings(int maxFrameBytes, int outboxCapacity, Duration sendTimeout, OriginPolicy origins,
        SendMode sendMode, ConnectionLimits connections) {

    public WebSettings(int maxFrameBytes, int outboxCapacity, Duration sendTimeout, OriginPolicy origins, SendMode sendMode) {
        this(maxFrameBytes, outboxCapacity, sendTimeout, origins, sendMode, ConnectionLimits.defaults());
    }

    public static WebSettings defaults() {
        return new WebSettings(MessageDecoder.DEFAULT_MAX_FRAME_BYTES, 4096, Duration.ofSeconds(20),
                OriginPolicy.parse(""), SendMode.parse("auto"));
    }

    public static WebSettings fromConfig() {
        WebSettings d = defaults();
        SendPool.configuredThreads(); // read when the pool starts; checked here so a bad value stops start-up
        UndertowDispatch.configured(); // read by that listener; the same
        return new WebSettings(
                MessageDecoder.maxFrameBytes(),
                (int) Config.number("inkroom.outbox.capacity", d.outboxCapacity(), 16, 1_000_000),
                Duration.ofMillis(Config.number("inkroom.send.timeout.ms", d.sendTimeout().toMillis(), 100, 600_000)),
                OriginPolicy.parse(Config.string("inkroom.allowed.origins", "")),
                SendMode.parse(Config.choice("inkroom.send.mode", "auto", java.util.List.of("auto", "async", "virtual", "pool"))),
                ConnectionLimits.fromConfig());
    }

    public WebSettings withConnections(ConnectionLimits limits) {
        return new WebSettings(maxFrameBytes, outboxCapacity, sendTimeout, origins, sendMode, limits);
    }

    public WebSettings withOutboxCapacity(int capacity) {
        return new WebSettings(maxFrameBytes, capacity, sendTimeout, origins, sendMode, connections);
    }

    public WebSettings withOrigins(OriginPolicy policy) {
        return new WebSettings(maxFrameBytes, outboxCapacity, sendTimeout, policy, sendMode, connections);
    }

    public WebSettings withSendMode(SendMode mode) {
        return new WebSettings(maxFrameBytes, outboxCapacity, sendTimeout, origins, mode, connections);
    }
}
