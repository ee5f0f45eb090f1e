package org.inkroom.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.room.RoomBus;
import org.inkroom.room.RoomChannel;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomId;

/**
 * The cluster bus on Redis: one command connection and one pub/sub connection per node, whatever
 * the number of rooms and members; one subscription per hosted room. Lettuce reconnects and
 * resubscribes by itself; while either connection is down the bus is unavailable (commands are
 * refused at once rather than queued), rooms close their members with 1013, and after the
 * reconnect every room checks its epoch and fills what it missed.
 */
public final class RedisBus implements RoomBus {

    private static final Logger LOG = Logger.getLogger(RedisBus.class.getName());

    private final String node;
    private final RedisSettings settings;
    private final RoomEvents events;
    private final RedisClient client;
    private final ConcurrentHashMap<String, RedisRoomChannel> channels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> shas = new ConcurrentHashMap<>();
    /** Rooms evicted while Redis was away: Lettuce resubscribes them on reconnect, so they are unsubscribed then. */
    private final java.util.Set<String> orphans = ConcurrentHashMap.newKeySet();
    private final ExecutorService dispatch;
    private final ScheduledExecutorService timer;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile boolean available;
    private volatile boolean closed;

    public RedisBus(RedisSettings settings) {
        this(settings, RoomEvents.NONE);
    }

    public RedisBus(RedisSettings settings, RoomEvents events) {
        this.settings = settings;
        this.events = events;
        this.node = settings.nodeId();
        RedisURI uri = RedisURI.create(settings.uri());
        uri.setTimeout(settings.commandTimeout());
        uri.setClientName("inkroom-" + node); // CLIENT LIST shows each node's two connections
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .socketOptions(SocketOptions.builder().connectTimeout(settings.commandTimeout()).build())
                .sslOptions(sslOptions(settings))
                .build());
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                if (!closed) {
                    timer.execute(RedisBus.this::updateAvailability);
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (!closed) {
                    timer.execute(RedisBus.this::updateAvailability);
                }
            }
        });
        AtomicInteger n = new AtomicInteger();
        dispatch = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
            Thread t = new Thread(r, "inkroom-bus-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkroom-bus-timer");
            t.setDaemon(true);
            return t;
        });
        connect();
        long beat = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Connects both connections; if Redis cannot be reached yet, tries again with backoff (the node serves nobody meanwhile). */
    private void connect() {
        try {
            if (commands == null) {
                commands = client.connect(StringCodec.UTF8);
            }
            if (pubsub == null) {
                StatefulRedisPubSubConnection<String, String> ps = client.connectPubSub(StringCodec.UTF8);
                ps.addListener(new RedisPubSubAdapter<>() {
                    @Override
                    public void message(String channel, String message) {
                        RedisRoomChannel c = channels.get(channel);
                        if (c != null) {
                            c.onMessage(message); // hands off; never blocks the event loop
                        }
                    }
                });
                pubsub = ps;
            }
            updateAvailability();
            LOG.log(Level.INFO, "Cluster bus connected to Redis at {0} as node {1}", new Object[] {settings.redacted(), node});
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Cannot reach Redis at {0} ({1}); this node refuses members until it can. Retrying.",
                    new Object[] {settings.redacted(), e.getMessage()});
            if (!closed) {
                timer.schedule(this::connect, 2, TimeUnit.SECONDS);
            }
        }
    }

    private void updateAvailability() {
        StatefulRedisConnection<String, String> c = commands;
        StatefulRedisPubSubConnection<String, String> ps = pubsub;
        boolean now = c != null && ps != null && c.isOpen() && ps.isOpen();
        if (now == available) {
            return;
        }
        available = now;
        if (now) {
            events.busReconnected();
            LOG.log(Level.INFO, "Redis reachable again: {0} rooms check their epoch and fill gaps", channels.size());
            for (String orphan : List.copyOf(orphans)) {
                orphans.remove(orphan);
                if (!channels.containsKey(orphan)) {
                    pubsub.async().unsubscribe(orphan);
                }
            }
            channels.values().forEach(RedisRoomChannel::reconnected);
        } else {
            LOG.log(Level.WARNING, "Redis unreachable: closing the members of {0} rooms with 1013 until it is back",
                    channels.size());
            channels.values().forEach(RedisRoomChannel::unavailable);
        }
    }

    @Override
    public RoomChannel open(RoomId room, RoomChannel.Listener listener) {
        RedisRoomChannel channel = new RedisRoomChannel(this, room, listener, new SerialExecutor(dispatch));
        channels.put(channel.channelName(), channel);
        return channel;
    }

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public String describe() {
        return "Redis " + settings.redacted() + ", node " + node;
    }

    String node() {
        return node;
    }

    /** rediss:// verifies the server's certificate and host name, against inkroom.redis.tls.ca when set. */
    static io.lettuce.core.SslOptions sslOptions(RedisSettings settings) {
        io.lettuce.core.SslOptions.Builder ssl = io.lettuce.core.SslOptions.builder().jdkSslProvider();
        if (!settings.tlsCa().isEmpty()) {
            ssl.trustManager(new java.io.File(settings.tlsCa()));
        }
        return ssl.build();
    }

    RedisSettings settings() {
        return settings;
    }

    RoomEvents events() {
        return events;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = commands;
        if (c == null || !available) {
            throw new RoomChannel.UnavailableException("Redis is not reachable", null);
        }
        return c.async();
    }

    /** Subscribes this node to a room's channel (one subscription per room per node). */
    CompletionStage<Void> subscribe(String channel) {
        StatefulRedisPubSubConnection<String, String> ps = pubsub;
        if (ps == null || !available) {
            return CompletableFuture.failedFuture(new RoomChannel.UnavailableException("Redis is not reachable", null));
        }
        return ps.async().subscribe(channel).thenApply(v -> null);
    }

    void unsubscribe(RedisRoomChannel channel) {
        channels.remove(channel.channelName(), channel);
        StatefulRedisPubSubConnection<String, String> ps = pubsub;
        if (ps != null && available) {
            ps.async().unsubscribe(channel.channelName());
        } else {
            orphans.add(channel.channelName());
        }
    }

    /** Runs a script by its digest, loading it when Redis does not know it (first use, or Redis restarted). */
    CompletionStage<List<Object>> script(String source, String[] keys, String... args) {
        RedisAsyncCommands<String, String> c = commands();
        String sha = shas.computeIfAbsent(source, RedisBus::sha1);
        CompletionStage<List<Object>> first = c.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        return first.handle((result, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                CompletionStage<List<Object>> loaded = commands().eval(source, ScriptOutputType.MULTI, keys, args);
                return loaded;
            }
            return CompletableFuture.<List<Object>>failedFuture(cause);
        }).thenCompose(s -> s);
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void heartbeat() {
        if (!available) {
            return;
        }
        for (RedisRoomChannel c : channels.values()) {
            try {
                c.tick();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Heartbeat of {0} failed: {1}", new Object[] {c.channelName(), e.toString()});
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            if (pubsub != null) {
                pubsub.close();
            }
            if (commands != null) {
                commands.close();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Closing the Redis client: {0}", e.toString());
        }
        dispatch.shutdownNow();
    }
}
