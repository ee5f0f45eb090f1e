package org.inkroom.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refuses a WebSocket handshake before the upgrade, with the {@link Gate}'s verdict: 400 for a room
 * id outside {@code [A-Za-z0-9_-]{1,64}} (containers disagree on {@code /ws/}, {@code %2F} and
 * trailing slashes, so the raw URI is checked), 403 for a browser Origin that is not allowed, 401/403
 * for a missing or invalid link token when links are required, 429 for an address at its cap.
 */
@WebFilter(urlPatterns = "/ws/*", asyncSupported = true)
public class HandshakeFilter extends HttpFilter {

    private static final Logger LOG = Logger.getLogger(HandshakeFilter.class.getName());

    @Inject
    private Gate gate;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String prefix = request.getContextPath() + "/ws/";
        String uri = request.getRequestURI();
        String room = uri.startsWith(prefix) ? uri.substring(prefix.length()) : "";
        String header = gate.addressHeader();
        Gate.Decision decision = gate.check(room, request.getHeader("Origin"), request.getHeader("Host"),
                request.getParameter("token"), request.getRemoteAddr(), header.isEmpty() ? null : request.getHeader(header));
        if (decision instanceof Gate.Refused refused) {
            // The reason names no token: tokens never reach a log line.
            LOG.log(refused.status() == 403 ? Level.INFO : Level.FINE, "Refused WebSocket handshake from {0}: {1} {2}",
                    new Object[] {request.getRemoteAddr(), refused.status(), refused.reason()});
            response.sendError(refused.status(), refused.reason());
            return;
        }
        // The upgrade runs inside this call, on this thread: the configurator picks the address up.
        CLIENT_ADDRESS.set(request.getRemoteAddr());
        try {
            chain.doFilter(new NoSessionRequest(request), response);
        } finally {
            CLIENT_ADDRESS.remove();
        }
    }

    /** The address of the handshake this thread is upgrading (for the admin console), or null. */
    static String clientAddress() {
        return CLIENT_ADDRESS.get();
    }

    private static final ThreadLocal<String> CLIENT_ADDRESS = new ThreadLocal<>();

    /**
     * The handshake as the container sees it, minus HTTP session creation. Liberty's handshake asks
     * for {@code getSession()} on every upgrade, which creates an HTTP session (and a JSESSIONID
     * cookie) per WebSocket that outlives the socket by the session timeout; Inkroom keeps no
     * state in HTTP sessions, so only an existing one is handed out.
     */
    static final class NoSessionRequest extends HttpServletRequestWrapper {
        NoSessionRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public HttpSession getSession() {
            return getSession(false);
        }

        @Override
        public HttpSession getSession(boolean create) {
            return super.getSession(false);
        }
    }
}
