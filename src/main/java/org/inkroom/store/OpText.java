package org.inkroom.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Several stored ops in one text value: per op {@code room seq kind length body} and a newline,
 * where {@code length} is the body's length in chars, so a body may hold any character. Room ids
 * and kinds hold no spaces.
 */
final class OpText {

    /** One op as stored in a grouped row. */
    record Entry(String room, long seq, String kind, String body) { }

    private OpText() { }

    static void append(StringBuilder to, String room, long seq, String kind, String body) {
        to.append(room).append(' ').append(seq).append(' ').append(kind).append(' ')
                .append(body.length()).append(' ').append(body).append('\n');
    }

    /** The chars {@link #append} writes for this entry. */
    static int length(String room, long seq, String kind, String body) {
        return room.length() + digits(seq) + kind.length() + digits(body.length()) + body.length() + 5;
    }

    private static int digits(long n) {
        int d = 1;
        for (long v = n; v >= 10 || v <= -10; v /= 10) {
            d++;
        }
        return n < 0 ? d + 1 : d;
    }

    /** The entries of {@code text}; only those of {@code room} when it is not null. */
    static List<Entry> parse(String text, String room) {
        List<Entry> entries = new ArrayList<>();
        int end = scan(text, room, entries);
        if (end < text.length()) {
            throw new IllegalStateException("malformed grouped op row at char " + end);
        }
        return entries;
    }

    /**
     * Adds the whole entries at the start of {@code text} to {@code to} and returns where they end:
     * {@code text.length()}, or less when it ends in an entry cut short (a file whose writer died
     * mid-write) or in something that is not an entry.
     */
    static int wholeEntries(String text, List<Entry> to) {
        return scan(text, null, to);
    }

    /** The one reading of the format: entries (of {@code room}, or all) into {@code to} until one is not whole; where that one starts. */
    private static int scan(String text, String room, List<Entry> to) {
        int at = 0;
        while (at < text.length()) {
            int roomEnd = text.indexOf(' ', at);
            int seqEnd = roomEnd < 0 ? -1 : text.indexOf(' ', roomEnd + 1);
            int kindEnd = seqEnd < 0 ? -1 : text.indexOf(' ', seqEnd + 1);
            int lengthEnd = kindEnd < 0 ? -1 : text.indexOf(' ', kindEnd + 1);
            if (lengthEnd < 0 || !digits(text, roomEnd + 1, seqEnd) || !digits(text, kindEnd + 1, lengthEnd)) {
                return at;
            }
            long bodyEnd = lengthEnd + 1L + Long.parseLong(text, kindEnd + 1, lengthEnd, 10);
            if (bodyEnd >= text.length() || text.charAt((int) bodyEnd) != '\n') {
                return at;
            }
            if (room == null || text.regionMatches(at, room, 0, room.length()) && roomEnd - at == room.length()) {
                to.add(new Entry(text.substring(at, roomEnd), Long.parseLong(text, roomEnd + 1, seqEnd, 10),
                        text.substring(seqEnd + 1, kindEnd), text.substring(lengthEnd + 1, (int) bodyEnd)));
            }
            at = (int) bodyEnd + 1;
        }
        return at;
    }

    private static boolean digits(String text, int from, int to) {
        if (to <= from || to - from > 18) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
