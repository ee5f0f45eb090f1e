package org.inkroom.room;

/**
 * One encoded server message on its way to peers. A frame with a {@code coalesceKey} (cursor
 * positions, user lists) may be replaced by a newer frame with the same key while it waits;
 * frames without one (drawing operations, sync, join/leave, errors) are always delivered or the
 * receiver is dropped.
 */
public record Frame(String text, String coalesceKey) {

    public static Frame of(String text) {
        return new Frame(text, null);
    }

    public static Frame latestWins(String text, String key) {
        return new Frame(text, key);
    }

    public boolean coalescible() {
        return coalesceKey != null;
    }
}
