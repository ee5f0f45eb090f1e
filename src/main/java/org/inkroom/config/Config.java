package org.inkroom.config;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Looks up one named setting; callers give the default, so a missing source is never fatal. */
public final class Config {

    private static final Logger LOG = Logger.getLogger(Config.class.getName());

    private Config() { }

    /** The raw value of {@code name}, from the first source that has it. */
    public static Optional<String> lookup(String name) {
        Optional<String> fromMp = microProfile(name);
        if (fromMp.isPresent()) {
            return fromMp;
        }
        String v = System.getProperty(name);
        if (v == null) {
            // The MicroProfile mapping: inkroom.max.frame.bytes -> INKROOM_MAX_FRAME_BYTES
            v = System.getenv(name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(v).map(String::trim);
    }

    public static String string(String name, String defaultValue) {
        return lookup(name).orElse(defaultValue);
    }

    public static long number(String name, long defaultValue) {
        Optional<String> v = lookup(name).filter(s -> !s.isEmpty());
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + name + " must be a whole number, was '" + v.get() + "'", e);
        }
    }

    /** A whole number in {@code [min, max]}; anything else stops start-up with a message naming the setting and value. */
    public static long number(String name, long defaultValue, long min, long max) {
        long v = number(name, defaultValue);
        if (v < min || v > max) {
            throw new IllegalArgumentException("setting " + name + " must be between " + min + " and " + max
                    + ", was '" + lookup(name).orElse(Long.toString(v)) + "'");
        }
        return v;
    }

    /** One of {@code allowed} (case-insensitive, returned in lower case). */
    public static String choice(String name, String defaultValue, java.util.List<String> allowed) {
        String v = lookup(name).filter(s -> !s.isEmpty()).orElse(defaultValue).toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("setting " + name + " must be one of " + allowed + ", was '"
                    + lookup(name).orElse(v) + "'");
        }
        return v;
    }

    private static Optional<String> microProfile(String name) {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(name, String.class);
        } catch (NoClassDefFoundError | IllegalStateException | java.util.ServiceConfigurationError e) {
            // No MicroProfile Config in this runtime (plain servlet container, unit tests).
            LOG.log(Level.FINEST, "MicroProfile Config unavailable for {0}", name);
            return Optional.empty();
        }
    }
}
