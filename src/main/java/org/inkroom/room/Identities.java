package org.inkroom.room;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** How the server names and colours members: it never trusts the name a client asks for as is. */
public final class Identities {

    static final int MAX_USER_ID = 32;
    /** The seed's six colours first, so seed clients look the same, then six more distinct ones. */
    public static final List<String> PALETTE = List.of(
            "#e74c3c", "#3498db", "#2ecc71", "#f39c12", "#9b59b6", "#1abc9c",
            "#e67e22", "#2c3e50", "#d35400", "#16a085", "#8e44ad", "#c0392b");

    private static final Pattern NOT_ALLOWED = Pattern.compile("[^\\p{L}\\p{N} _.\\-]");
    private static final String ALPHANUMERIC = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Identities() { }

    /** Letters, digits, space, {@code _ . -}; at most 32 characters; a generated name if nothing is left. */
    static String sanitize(String requested) {
        String s = requested == null ? "" : NOT_ALLOWED.matcher(requested).replaceAll("");
        s = s.strip().replaceAll(" {2,}", " ");
        if (s.length() > MAX_USER_ID) {
            s = s.substring(0, MAX_USER_ID).strip();
        }
        return s.isEmpty() ? "user_" + random(6) : s;
    }

    /** {@code base}, or {@code base_2}, {@code base_3}... whichever is free, still within 32 characters. */
    static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String suffix = "_" + n;
            String head = base.length() + suffix.length() > MAX_USER_ID
                    ? base.substring(0, MAX_USER_ID - suffix.length()) : base;
            String candidate = head + suffix;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * {@code base}, {@code base_2}, ... {@code base_count}: the names {@link #unique} would try, for a
     * bus that picks the first one free across nodes.
     */
    public static List<String> candidates(String base, int count) {
        java.util.List<String> out = new java.util.ArrayList<>(count);
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            String next = unique(base, taken);
            out.add(next);
            taken.add(next);
        }
        return out;
    }

    /** The first palette colour nobody present uses; when all are used, cycle by member count. */
    static String color(Set<String> used, int memberCount) {
        for (String c : PALETTE) {
            if (!used.contains(c)) {
                return c;
            }
        }
        return PALETTE.get(memberCount % PALETTE.size());
    }

    static String random(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return b.toString();
    }
}
