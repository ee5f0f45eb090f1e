package org.inkroom.cluster;

import java.time.Duration;
import java.util.UUID;
import org.inkroom.config.Config;

/**
 * The cluster bus's settings: {@code inkroom.redis.uri} ({@code redis://host:6379},
 * {@code rediss://:password@host:6380} for TLS), this node's id, how long a presence entry lives
 * without a heartbeat, how many ops each room's stream keeps for gap filling, and for {@code rediss://}
 * the PEM file of the certificate authorities to trust ({@code inkroom.redis.tls.ca}; empty: the JVM's
 * own trust store, as for a managed Redis with a public certificate).
 */
public record RedisSettings(String uri, String nodeId, Duration presenceTtl, int streamLength, Duration commandTimeout,
                            String tlsCa) {

    /** Numbering of a room whose history Redis lost restarts this far past the last stored op (see README). */
    public static final long EPOCH_SEQ_GAP = 1_000_000;

    public RedisSettings {
        if (presenceTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("inkroom.redis.presence.ttl.seconds must be at least 1, was " + presenceTtl.toSeconds());
        }
        if (streamLength < 100) {
            throw new IllegalArgumentException("inkroom.redis.stream.length must be at least 100, was " + streamLength);
        }
        tlsCa = tlsCa == null ? "" : tlsCa.trim();
        if (!tlsCa.isEmpty()) {
            if (!uri.startsWith("rediss://")) {
                throw new IllegalArgumentException("setting inkroom.redis.tls.ca is only for a rediss:// URI (TLS), the URI is '"
                        + redact(uri) + "'");
            }
            if (!java.nio.file.Files.isReadable(java.nio.file.Path.of(tlsCa))) {
                throw new IllegalArgumentException("setting inkroom.redis.tls.ca must name a readable PEM file, '" + tlsCa
                        + "' is not one");
            }
        }
    }

    /** Plain TCP, or TLS trusting the JVM's certificate authorities. */
    public RedisSettings(String uri, String nodeId, Duration presenceTtl, int streamLength, Duration commandTimeout) {
        this(uri, nodeId, presenceTtl, streamLength, commandTimeout, "");
    }

    /** Null when no Redis URI is configured: single node. */
    public static RedisSettings fromConfig() {
        String uri = Config.string("inkroom.redis.uri", "").trim();
        if (uri.isEmpty()) {
            return null;
        }
        if (!uri.matches("rediss?://[^\\s]+")) {
            throw new IllegalArgumentException("setting inkroom.redis.uri must be redis://host:port or rediss://host:port, was '"
                    + redact(uri) + "'");
        }
        String node = Config.string("inkroom.node.id", "").trim();
        if (node.isEmpty()) {
            node = UUID.randomUUID().toString().substring(0, 8);
        }
        if (!node.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("setting inkroom.node.id must be 1-64 of [A-Za-z0-9_.-], was '" + node + "'");
        }
        return new RedisSettings(uri, node,
                Duration.ofSeconds(Config.number("inkroom.redis.presence.ttl.seconds", 15, 1, 3600)),
                (int) Config.number("inkroom.redis.stream.length", 10_000, 100, 10_000_000),
                Duration.ofMillis(Config.number("inkroom.redis.timeout.ms", 2000, 50, 60_000)),
                Config.string("inkroom.redis.tls.ca", ""));
    }

    /** Heartbeats run three times per presence lifetime, so one lost beat does not drop anyone. */
    public Duration heartbeat() {
        return presenceTtl.dividedBy(3);
    }

    /** The URI without its password, for the logs. */
    public String redacted() {
        return redact(uri);
    }

    static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}
