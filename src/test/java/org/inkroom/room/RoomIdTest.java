package org.inkroom.room;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RoomIdTest {

    static String[] validIds() {
        return new String[] {"a", "Z", "7", "_", "-", "my-room_1", "ABC-def_123", "a".repeat(64),
                "x-".repeat(32)};
    }

    static String[] invalidIds() {
        return new String[] {"a".repeat(65), "a/b", "a b", "%2F", "room%20a", "../etc", "a.b", "ümlaut",
                " a", "a\n", "a?b=c", "#room"};
    }

    @ParameterizedTest
    @MethodSource("validIds")
    void validIdIsAcceptedAndKeptAsIs(String value) {
        assertTrue(RoomId.isValid(value));

        RoomId id = new RoomId(value);
        assertEquals(value, id.value());
        assertEquals(value, id.toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @MethodSource("invalidIds")
    void invalidIdIsRefused(String value) {
        assertFalse(RoomId.isValid(value));
        assertThrows(IllegalArgumentException.class, () -> new RoomId(value));
    }
}
