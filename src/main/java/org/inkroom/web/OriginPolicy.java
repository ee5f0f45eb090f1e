package org.inkroom.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may open a socket (defence against cross-site WebSocket hijacking): the
 * server's own host, plus configured ones, or any with "*". A handshake without {@code Origin}
 * comes from a non-browser client and is allowed: only browsers attach ambient credentials.
 */
public record OriginPolicy(boolean anyOrigin, Set<String> allowed) {

    /** Comma-separated origins such as {@code https://board.example.com}; "*" allows any. */
    public static OriginPolicy parse(String list) {
        Set<String> origins = Arrays.stream(list == null ? new String[0] : list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(OriginPolicy::normalize)
                .collect(Collectors.toUnmodifiableSet());
        return new OriginPolicy(origins.contains("*"), origins);
    }

    /** Null when allowed, else the reason to refuse. {@code host} is the request's Host header. */
    public String refusal(String origin, String host) {
        if (origin == null || anyOrigin) {
            return null;
        }
        String normalized = normalize(origin);
        if (allowed.contains(normalized)) {
            return null;
        }
        if (host != null && normalized.equals(sameHostOrigin(normalized, host))) {
            return null;
        }
        return "origin not allowed: " + (origin.length() > 80 ? origin.substring(0, 80) : origin);
    }

    /** What the Origin would be if the page came from this server: its scheme with the Host header. */
    private static String sameHostOrigin(String normalizedOrigin, String host) {
        int colon = normalizedOrigin.indexOf("://");
        if (colon < 0) {
            return null;
        }
        return normalize(normalizedOrigin.substring(0, colon) + "://" + host.trim());
    }

    /** Lower-case scheme and host, default port dropped: {@code HTTP://Host:80} is {@code http://host}. */
    static String normalize(String origin) {
        if ("*".equals(origin)) {
            return origin;
        }
        try {
            URI uri = new URI(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return origin.trim().toLowerCase(Locale.ROOT);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1
                    || (port == 80 && (scheme.equals("http") || scheme.equals("ws")))
                    || (port == 443 && (scheme.equals("https") || scheme.equals("wss")));
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (URISyntaxException e) {
            return origin.trim().toLowerCase(Locale.ROOT);
        }
    }
}
