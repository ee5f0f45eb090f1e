package org.inkroom.web;

import java.time.Duration;
import org.inkroom.config.Config;

/**
 * Per-connection limits of the web layer; see the README's limits table.
 *
 * @param perAddress    open connections one client address may hold (0: no limit); the default lets a
 *                      class of 60 behind one NAT address join, with room for a second tab each
 * @param addressHeader the header a trusted reverse proxy puts the client's address in (its last
 *                      entry is used: the address that proxy saw); empty: the socket's peer address
 * @param pingInterval  how often every connection is pinged (and checked)
 * @param pingTimeout   a connection that sent nothing, not even a pong, for this long is closed (4408)
 */
public record ConnectionLimits(int perAddress, String addressHeader, Duration pingInterval, Duration pingTimeout) {

    public ConnectionLimits {
        addressHeader = addressHeader == null ? "" : addressHeader.trim();
        if (perAddress < 0 || pingInterval.isNegative() || pingInterval.isZero() || pingTimeout.compareTo(pingInterval) < 0) {
            throw new IllegalArgumentException("connection limits: per-address cap >= 0, ping timeout >= ping interval > 0");
        }
    }

    public static ConnectionLimits defaults() {
        return new ConnectionLimits(120, "", Duration.ofSeconds(20), Duration.ofSeconds(45));
    }

    public static ConnectionLimits fromConfig() {
        ConnectionLimits d = defaults();
        Duration interval = Duration.ofSeconds(Config.number("inkroom.ping.interval.seconds", d.pingInterval().toSeconds(), 1, 3_600));
        Duration timeout = Duration.ofSeconds(Config.number("inkroom.ping.timeout.seconds", d.pingTimeout().toSeconds(), 1, 86_400));
        if (timeout.compareTo(interval) < 0) {
            throw new IllegalArgumentException("setting inkroom.ping.timeout.seconds must be at least inkroom.ping.interval.seconds ("
                    + interval.toSeconds() + "), was '" + timeout.toSeconds() + "'");
        }
        String header = Config.string("inkroom.client.address.header", "");
        if (!header.isEmpty() && !header.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("setting inkroom.client.address.header must be a header name, was '" + header + "'");
        }
        return new ConnectionLimits(
                (int) Config.number("inkroom.limit.connections.per.address", d.perAddress(), 0, 10_000_000),
                header, interval, timeout);
    }

    public ConnectionLimits withPerAddress(int cap) {
        return new ConnectionLimits(cap, addressHeader, pingInterval, pingTimeout);
    }

    public ConnectionLimits withAddressHeader(String header) {
        return new ConnectionLimits(perAddress, header, pingInterval, pingTimeout);
    }

    public ConnectionLimits withPings(Duration interval, Duration timeout) {
        return new ConnectionLimits(perAddress, addressHeader, interval, timeout);
    }
}
