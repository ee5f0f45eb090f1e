package org.inkroom.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Applies the Origin policy during the handshake. {@link HandshakeFilter} already refuses a bad
 * handshake with 403 on servlet containers; this second check covers containers where no filter
 * runs (the in-JVM test server): it marks the connection, and the endpoint closes it with 1008.
 * The user properties seen here belong to this one connection (Jakarta WebSocket 2.1).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {

    static final String REFUSAL = "inkroom.handshake.refusal";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        super.modifyHandshake(config, request, response);
        String refusal = policy().refusal(header(request.getHeaders(), "Origin"), header(request.getHeaders(), "Host"));
        if (refusal != null) {
            config.getUserProperties().put(REFUSAL, refusal);
        } else {
            config.getUserProperties().remove(REFUSAL);
        }
        String address = HandshakeFilter.clientAddress();
        if (address != null) {
            config.getUserProperties().put(ADDRESS, address);
        } else {
            config.getUserProperties().remove(ADDRESS);
        }
    }

    /** User property: the client's address as the servlet filter saw it. */
    static final String ADDRESS = "inkroom.address";

    private static OriginPolicy policy() {
        try {
            return CDI.current().select(WebSettings.class).get().origins();
        } catch (IllegalStateException e) {
            return WebSettings.fromConfig().origins(); // no CDI container reachable from here
        }
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
