package org.inkroom.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Applies the {@link Gate} during the handshake. {@link HandshakeFilter} already refuses a bad
 * handshake with its HTTP status on servlet containers; this second check covers containers where
 * no filter runs (the in-JVM test server): it marks the connection, and the endpoint closes it with
 * 1008. On admission it hands the endpoint the member's role and address. The user properties seen
 * here belong to this one connection (Jakarta WebSocket 2.1).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    static final String REFUSAL = "inkroom.handshake.refusal";
    /** User property: the client's address, or absent. */
    static final String ADDRESS = "inkroom.address";
    /** User property: the {@link org.inkroom.room.Role} the link grants; absent when refused. */
    static final String ROLE = "inkroom.role";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        Map<String, Object> props = config.getUserProperties();
        props.remove(REFUSAL);
        props.remove(ADDRESS);
        props.remove(ROLE);
        Gate gate = gate();
        Map<String, List<String>> headers = request.getHeaders();
        String forwarded = gate.addressHeader().isEmpty() ? null : header(headers, gate.addressHeader());
        Gate.Decision decision = gate.admit(roomOf(request.getRequestURI().getRawPath()), header(headers, "Origin"),
                header(headers, "Host"), first(request.getParameterMap().get("token")), HandshakeFilter.clientAddress(), forwarded);
        if (decision instanceof Gate.Admitted admitted) {
            props.put(ROLE, admitted.role());
            if (admitted.address() != null) {
                props.put(ADDRESS, admitted.address());
            }
        } else {
            props.put(REFUSAL, ((Gate.Refused) decision).reason());
        }
    }

    /**
     * The application's gate once found (its CDI client proxy). Looking it up per handshake cost a
     * stack walk each time on WildFly ({@code CDI.current()} finds its caller's class that way): 2 %
     * of the worker threads' samples with 2,000 clients connecting per step (BENCHMARKS.md, session 28).
     */
    private volatile Gate gate;

    private Gate gate() {
        Gate found = gate;
        if (found != null) {
            return found;
        }
        try {
            found = CDI.current().select(Gate.class).get();
            gate = found;
            return found;
        } catch (IllegalStateException e) {
            // No CDI container reachable from here: the checks still apply (only the per-address count is not shared).
            return new Gate(WebSettings.fromConfig(), org.inkroom.access.AccessSettings.fromConfig());
        }
    }

    /** The room id of a {@code .../ws/<room>} path, undecoded (the gate refuses anything but its own alphabet). */
    static String roomOf(String path) {
        if (path == null) {
            return "";
        }
        int at = path.lastIndexOf("/ws/");
        return at < 0 ? "" : path.substring(at + 4);
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> h : headers.entrySet()) {
            if (name.equalsIgnoreCase(h.getKey()) && h.getValue() != null && !h.getValue().isEmpty()) {
                return h.getValue().get(0);
            }
        }
        return null;
    }
}
