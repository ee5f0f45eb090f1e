package org.inkroom.ops.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Who may call the admin API, as a plain decision (the filter turns it into a response, the unit
 * tests call it directly): no token configured refuses everything (403); otherwise a request needs
 * {@code Authorization: Bearer <token>} (else 401 with a Bearer challenge), and a state-changing
 * request from a browser page of another origin is refused (403) even with it.
 */
public final class AdminAuth {

    private static final Logger LOG = Logger.getLogger(AdminAuth.class.getName());

    static final String DISABLED = "admin console disabled: set " + AdminSettings.SETTING;
    static final String UNAUTHORIZED = "admin credential missing or wrong: send Authorization: Bearer <token>";
    static final String CROSS_SITE = "cross-site request refused: the Origin is not this server";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    /** What to do with one request: go on ({@code status} 0) or answer with this status and error. */
    public record Decision(int status, String error) {
        static final Decision ALLOW = new Decision(0, null);

        public boolean allowed() {
            return status == 0;
        }

        /** A 401 carries {@code WWW-Authenticate: Bearer}. */
        public boolean challenge() {
            return status == 401;
        }
    }

    private final AdminSettings settings;
    private final String disabledReason;

    public AdminAuth(AdminSettings settings) {
        this(settings, DISABLED);
    }

    private AdminAuth(AdminSettings settings, String disabledReason) {
        this.settings = settings;
        this.disabledReason = disabledReason;
    }

    /**
     * From configuration. An unusable token (too short) should already have stopped the application
     * ({@link AdminSettings#fromConfig()} at start-up); should it get this far, the console stays off
     * and says why, instead of opening.
     */
    public static AdminAuth fromConfig() {
        try {
            return new AdminAuth(AdminSettings.fromConfig());
        } catch (IllegalArgumentException e) {
            LOG.log(Level.SEVERE, "Admin console disabled: {0}", e.getMessage());
            return new AdminAuth(AdminSettings.disabled(), "admin console disabled: " + e.getMessage());
        }
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /**
     * @param method        the HTTP method
     * @param authorization the {@code Authorization} header, or null
     * @param origin        the {@code Origin} header, or null (non-browser clients, same-origin GETs)
     * @param host          the {@code Host} header, or null
     */
    public Decision check(String method, String authorization, String origin, String host) {
        if (!settings.enabled()) {
            return new Decision(403, disabledReason);
        }
        boolean safe = method != null && SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT));
        if (!safe && origin != null && !sameOrigin(origin, host)) {
            return new Decision(403, CROSS_SITE);
        }
        if (!settings.matches(bearer(authorization))) {
            return new Decision(401, UNAUTHORIZED);
        }
        return Decision.ALLOW;
    }

    /** The credentials of a {@code Bearer} Authorization header (scheme case-insensitive), or null. */
    static String bearer(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.length() < 7 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = a.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * True if a browser's {@code Origin} names this server as the request reached it ({@code Host}):
     * same host and port (default ports filled in from the Origin's scheme). "null" and anything
     * unparsable are another origin.
     */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            URI o = new URI(origin.trim());
            URI h = new URI("http://" + host.trim());
            if (o.getScheme() == null || o.getHost() == null || h.getHost() == null) {
                return false;
            }
            String scheme = o.getScheme().toLowerCase(Locale.ROOT);
            int defaultPort = scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
            if (defaultPort < 0) {
                return false;
            }
            int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
            int hostPort = h.getPort() < 0 ? defaultPort : h.getPort();
            return o.getHost().equalsIgnoreCase(h.getHost()) && originPort == hostPort;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
