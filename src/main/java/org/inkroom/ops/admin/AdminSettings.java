package org.inkroom.ops.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.inkroom.config.Config;

/**
 * The admin console's credential ({@code inkroom.admin.token}): absent or empty turns the console
 * off (every call refused). Only a SHA-256 digest of the token is kept, never the token itself, so
 * no {@code toString}, log line or heap dump of the settings shows it.
 */
public final class AdminSettings {

    /** The setting's name (environment: {@code INKROOM_ADMIN_TOKEN}). */
    public static final String SETTING = "inkroom.admin.token";
    /** Shorter tokens are refused at start-up: a guessable admin credential is worse than none. */
    public static final int MIN_LENGTH = 16;

    private static final AdminSettings DISABLED = new AdminSettings(null);

    private final byte[] tokenDigest;

    private AdminSettings(byte[] tokenDigest) {
        this.tokenDigest = tokenDigest;
    }

    /**
     * Reads {@code inkroom.admin.token}; throws {@link IllegalArgumentException} with a one-line
     * message naming the setting (never its value) when a configured token is unusable. Call it at
     * start-up so such a token stops the application.
     */
    public static AdminSettings fromConfig() {
        return of(Config.string(SETTING, ""));
    }

    /** From a configured value: null or blank means off. */
    public static AdminSettings of(String configured) {
        String token = configured == null ? "" : configured.trim();
        if (token.isEmpty()) {
            return DISABLED;
        }
        if (token.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("setting " + SETTING + " must be at least " + MIN_LENGTH
                    + " characters, was " + token.length() + " characters");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            // What an Authorization header can carry from every client, browsers included.
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("setting " + SETTING
                        + " must be printable ASCII without spaces, has another character at position " + (i + 1));
            }
        }
        return new AdminSettings(digest(token));
    }

    public static AdminSettings disabled() {
        return DISABLED;
    }

    public boolean enabled() {
        return tokenDigest != null;
    }

    /**
     * True if {@code candidate} is the configured token. Both sides are hashed first, so the
     * comparison ({@link MessageDigest#isEqual}, constant time) takes the same time whatever the
     * candidate's length or content.
     */
    public boolean matches(String candidate) {
        if (tokenDigest == null || candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenDigest, digest(candidate));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return enabled() ? "admin console enabled" : "admin console disabled";
    }
}
