package org.inkroom.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.inkroom.access.AccessSettings;
import org.inkroom.access.Links;
import org.inkroom.room.Role;
import org.inkroom.room.RoomId;

/**
 * Who may open a WebSocket: the room id, the browser Origin, the link's token and the client
 * address's connection count, decided once per handshake before the upgrade
 * ({@link HandshakeFilter} answers with the HTTP status; where no filter runs, the configurator
 * marks the connection and the endpoint closes it with 1008). Also counts open connections per
 * client address.
 */
@ApplicationScoped
public class Gate {

    /** The handshake's verdict. */
    public sealed interface Decision permits Admitted, Refused { }

    /** The connection may join {@code room} as {@code role}; {@code address} is the client's (or null). */
    public record Admitted(RoomId room, Role role, String address) implements Decision { }

    /** Refused with this HTTP status and reason. */
    public record Refused(int status, String reason) implements Decision { }

    private final WebSettings settings;
    private final Links links;
    private final AddressCounts counts;

    @Inject
    public Gate(WebSettings settings, AccessSettings access) {
        this(settings, access, () -> System.nanoTime() / 1_000_000); // monotonic: a clock step must not hold or free slots
    }

    Gate(WebSettings settings, AccessSettings access, LongSupplier clock) {
        this.settings = settings;
        this.links = new Links(access);
        this.counts = new AddressCounts(clock);
    }

    /** Only for the CDI client proxy. */
    protected Gate() {
        settings = null;
        links = null;
        counts = null;
    }

    public Links links() {
        return links;
    }

    /**
     * The verdict on a handshake, counting nothing (the servlet filter's look before the upgrade;
     * {@link #admit} then holds the slot).
     *
     * @param room          the raw room id from the path
     * @param origin        the Origin header, or null
     * @param host          the Host header, or null
     * @param token         the {@code token} query parameter, or null
     * @param socketAddress the peer address of the connection, or null when the container does not tell
     * @param forwarded     the configured client-address header's value, or null
     */
    public Decision check(String room, String origin, String host, String token, String socketAddress, String forwarded) {
        return decide(room, origin, host, token, socketAddress, forwarded, false);
    }

    /**
     * The verdict on a handshake, as {@link #check}; when admitted, one of the address's slots is
     * held for the connection until {@link #opened} counts it in (or the hold lapses), so a
     * handshake that follows at once already finds the slot taken.
     */
    public Decision admit(String room, String origin, String host, String token, String socketAddress, String forwarded) {
        return decide(room, origin, host, token, socketAddress, forwarded, true);
    }

    private Decision decide(String room, String origin, String host, String token, String socketAddress, String forwarded,
            boolean hold) {
        if (!RoomId.isValid(room)) {
            return new Refused(400, "room id must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
        String refusal = settings.origins().refusal(origin, host);
        if (refusal != null) {
            return new Refused(403, refusal);
        }
        RoomId id = new RoomId(room);
        Role role = Role.EDITOR;
        if (links.required()) {
            Links.Check check = links.check(id, token, System.currentTimeMillis() / 1000);
            if (check instanceof Links.Refused r) {
                return new Refused(r.status(), r.reason());
            }
            role = ((Links.Granted) check).capability().role();
        }
        String address = clientAddress(socketAddress, forwarded);
        int cap = settings.connections().perAddress();
        if (address != null && cap > 0 && !(hold ? counts.reserve(address, cap) : counts.hasRoom(address, cap))) {
            return new Refused(429, "too many connections from your address (limit " + cap + ")");
        }
        return new Admitted(id, role, address);
    }

    /** The client's address: the configured header's last entry when a trusted proxy sets one, else the socket's. */
    String clientAddress(String socketAddress, String forwarded) {
        if (settings.connections().addressHeader().isEmpty()) {
            return socketAddress;
        }
        if (forwarded == null || forwarded.isBlank()) {
            return socketAddress;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() || last.length() > 64 ? socketAddress : last;
    }

    /** The configured client-address header's name, or empty. */
    String addressHeader() {
        return settings.connections().addressHeader();
    }

    /**
     * Counts a connection of {@code address} in, taking up the slot {@link #admit} held for it;
     * false (not counted) when that address is at its cap.
     */
    public boolean opened(String address) {
        int cap = settings.connections().perAddress();
        return address == null || cap == 0 || counts.open(address, cap);
    }

    /** Counts a connection {@link #opened} before out again. */
    public void closed(String address) {
        if (address == null || settings.connections().perAddress() == 0) {
            return;
        }
        counts.close(address);
    }
}
