package org.inkroom.room;

import java.util.regex.Pattern;

/** A validated room identifier: 1 to 64 of {@code [A-Za-z0-9_-]}. */
public record RoomId(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public RoomId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("room id must be 1-64 characters of A-Z a-z 0-9 _ -");
        }
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
