package org.inkroom.access;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.inkroom.config.Config;

/**
 * {@code inkroom.access}: {@code open} (anyone who knows a room's name joins it as an editor, the
 * seed's behaviour) or {@code links} (a signed link is needed, see {@link Links}).
 * {@code inkroom.link.secret}: one or more comma-separated secrets of at least 32 characters; the
 * first signs new links, all verify (rotate by putting the new one first).
 *
 * @param linkLifetime how long links made by the landing page last; zero: no expiry
 */
public record AccessSettings(boolean linksRequired, List<byte[]> secrets, Duration linkLifetime) {

    public static final int MIN_SECRET_CHARS = 32;

    public AccessSettings {
        secrets = List.copyOf(secrets);
        if (linksRequired && secrets.isEmpty()) {
            throw new IllegalArgumentException("setting inkroom.link.secret must be set (at least " + MIN_SECRET_CHARS
                    + " characters) when inkroom.access=links");
        }
    }

    public static AccessSettings open() {
        return new AccessSettings(false, List.of(), Duration.ZERO);
    }

    /** Links required, signed with {@code secret}, lasting {@code lifetime} (zero: for ever). */
    public static AccessSettings links(String secret, Duration lifetime) {
        return new AccessSettings(true, parseSecrets(secret), lifetime);
    }

    public static AccessSettings fromConfig() {
        boolean links = "links".equals(Config.choice("inkroom.access", "open", List.of("open", "links")));
        List<byte[]> secrets = parseSecrets(Config.string("inkroom.link.secret", ""));
        long days = Config.number("inkroom.link.days", 30, 0, 36_500);
        return new AccessSettings(links, secrets, Duration.ofDays(days));
    }

    static List<byte[]> parseSecrets(String configured) {
        List<byte[]> secrets = new ArrayList<>();
        for (String s : configured.split(",")) {
            String secret = s.trim();
            if (secret.isEmpty()) {
                continue;
            }
            if (secret.length() < MIN_SECRET_CHARS) {
                // The value itself is never echoed: it is a secret.
                throw new IllegalArgumentException("setting inkroom.link.secret: every secret needs at least "
                        + MIN_SECRET_CHARS + " characters, one has " + secret.length());
            }
            secrets.add(secret.getBytes(StandardCharsets.UTF_8));
        }
        return secrets;
    }

    @Override
    public String toString() {
        return linksRequired ? "links required (" + secrets.size() + " secret(s), new links last "
                + (linkLifetime.isZero() ? "for ever" : linkLifetime.toDays() + " days") + ")" : "open (anyone with a room name)";
    }
}
