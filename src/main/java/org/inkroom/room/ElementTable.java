package org.inkroom.room;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A canvas's elements kept as a few large objects instead of several small ones per element: each
 * element's id (UTF-8) and JSON (UTF-8, its repeated keys packed into one byte each) are appended
 * to a room's byte chunks, its state sits in
 * primitive arrays at its position (drawing order; nothing is removed but by {@link #clear}), and an
 * open-addressing table maps an id's hash to its position.
 *
 * <p>Why: a room keeps every element for its lifetime. As objects (entry, map node, id string and
 * its bytes, the element) each new element was copied by the young collections that found it alive
 * and then traced and card-scanned in the old generation; measured on Liberty with 2,000 members
 * drawing, that was about 12 ms of every 27.5-ms young pause (BENCHMARKS.md, session 32). Here a
 * new element adds bytes to a chunk, which a collection copies as one block or not at all.
 *
 * <p>An element whose JSON is not written yet (a path being extended, kept as an object by
 * {@link Canvas}) has a negative length; its bytes are written when the canvas stops holding it.
 * Replaced JSON leaves garbage in the chunks, reclaimed by copying the live bytes once garbage
 * exceeds them. Not thread-safe: the room's lock guards it.
 */
final class ElementTable {

    private static final int FIRST_CHUNK = 1024;
    private static final int MAX_CHUNK = 64 * 1024; // well below G1's humongous size for a 1-MB region
    private static final int COMPACT_AFTER = 64 * 1024;
    /**
     * Pieces of JSON every element repeats (keys in the serializer's order), each kept as one byte
     * that UTF-8 never uses (0xF5-0xFF), so packing is lossless for any text: a seed line's JSON
     * shrinks from about 150 bytes to about 65, under the element it replaced (about 240 bytes as
     * five objects).
     */
    private static final byte[][] TOKENS = tokens("{\"id\":\"", "\",\"elementType\":\"", "\",\"x1\":", ",\"y1\":",
            ",\"x2\":", ",\"y2\":", ",\"strokeColor\":\"", "\",\"strokeWidth\":", ",\"userId\":\"", ",\"points\":[[",
            "],[");
    private static final int FIRST_TOKEN = 0xF5;
    /** For each ASCII byte, the tokens that start with it (null: none), so packing tries only those. */
    private static final int[][] TOKENS_BY_FIRST_BYTE = byFirstByte(TOKENS);
    /**
     * Bytes each position costs in the per-element arrays: idAt 8, idLength 4, jsonAt 8, jsonLength 4,
     * drawnSeq 8, changedSeq 8, flags 1, hashes 4. An array added below must be counted here.
     */
    private static final int BYTES_PER_POSITION = 8 + 4 + 8 + 4 + 8 + 8 + 1 + 4;
    private static final byte ERASED = 1;
    private static final byte PATH = 2;

    private byte[][] chunks;
    private int chunkCount;
    private int used; // bytes used in the last chunk

    private long[] idAt; // where the bytes are: see chunkPlace(), chunkOf() and offsetOf()
    private int[] idLength;
    private long[] jsonAt;
    private int[] jsonLength; // < 0: not written (see the class comment)
    private long[] drawnSeq;
    private long[] changedSeq;
    private byte[] flags;
    private int[] hashes;
    private int count;

    private int[] index; // position + 1; 0 is empty
    private long liveBytes;
    private long garbageBytes;

    ElementTable() {
        clear();
    }

    /** Forgets every element (a clear); the arrays start small again. */
    void clear() {
        chunks = new byte[4][];
        chunkCount = 0;
        used = 0;
        idAt = new long[8];
        idLength = new int[8];
        jsonAt = new long[8];
        jsonLength = new int[8];
        drawnSeq = new long[8];
        changedSeq = new long[8];
        flags = new byte[8];
        hashes = new int[8];
        count = 0;
        index = new int[16];
        liveBytes = 0;
        garbageBytes = 0;
    }

    /** Elements held, erased ones included. */
    int count() {
        return count;
    }

    /** The position of the element with this id, or -1. */
    int find(String id) {
        int hash = spread(id.hashCode());
        byte[] key = null;
        int mask = index.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int at = index[slot] - 1;
            if (at < 0) {
                return -1;
            }
            if (hashes[at] == hash) {
                if (key == null) {
                    key = id.getBytes(StandardCharsets.UTF_8);
                }
                if (bytesEqual(idAt[at], idLength[at], key)) {
                    return at;
                }
            }
        }
    }

    /**
     * Adds an element (its id must not be held yet) at the next position and returns it;
     * {@code json} null leaves its JSON unwritten until {@link #setJson}.
     */
    int add(String id, String json, boolean path, long seq) {
        if (count == drawnSeq.length) {
            grow();
        }
        int at = count++;
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        idAt[at] = write(idBytes);
        idLength[at] = idBytes.length;
        liveBytes += idBytes.length;
        jsonLength[at] = -1;
        if (json != null) {
            writeJson(at, json);
        }
        drawnSeq[at] = seq;
        changedSeq[at] = seq;
        flags[at] = path ? PATH : 0;
        hashes[at] = spread(id.hashCode());
        if (count * 2 > index.length) {
            index = new int[index.length * 2];
            for (int i = 0; i < count; i++) {
                place(i);
            }
        } else {
            place(at);
        }
        return at;
    }

    String id(int at) {
        return text(idAt[at], idLength[at]);
    }

    /** The element's JSON, or null when it is not written. */
    String json(int at) {
        return jsonLength[at] < 0 ? null : unpack(jsonAt[at], jsonLength[at]);
    }

    boolean hasJson(int at) {
        return jsonLength[at] >= 0;
    }

    /** Replaces the element's JSON ({@code json} null: not written, the canvas holds the element). */
    void setJson(int at, String json) {
        if (jsonLength[at] >= 0) {
            liveBytes -= jsonLength[at];
            garbageBytes += jsonLength[at];
            jsonLength[at] = -1;
        }
        if (json != null) {
            writeJson(at, json);
        }
        if (garbageBytes > COMPACT_AFTER && garbageBytes > liveBytes) {
            compact();
        }
    }

    /** Roughly the memory the table holds: its chunks (used or not) and its arrays. */
    long heldBytes() {
        long bytes = 0;
        for (int i = 0; i < chunkCount; i++) {
            bytes += chunks[i].length;
        }
        return bytes + (long) drawnSeq.length * BYTES_PER_POSITION + 4L * index.length;
    }

    boolean erased(int at) {
        return (flags[at] & ERASED) != 0;
    }

    boolean isPath(int at) {
        return (flags[at] & PATH) != 0;
    }

    void setErased(int at, boolean erased, long seq) {
        flags[at] = (byte) (erased ? flags[at] | ERASED : flags[at] & ~ERASED);
        changedSeq[at] = seq;
    }

    long drawnSeq(int at) {
        return drawnSeq[at];
    }

    long changedSeq(int at) {
        return changedSeq[at];
    }

    void setChangedSeq(int at, long seq) {
        changedSeq[at] = seq;
    }

    private void grow() {
        int n = drawnSeq.length * 2;
        idAt = Arrays.copyOf(idAt, n);
        idLength = Arrays.copyOf(idLength, n);
        jsonAt = Arrays.copyOf(jsonAt, n);
        jsonLength = Arrays.copyOf(jsonLength, n);
        drawnSeq = Arrays.copyOf(drawnSeq, n);
        changedSeq = Arrays.copyOf(changedSeq, n);
        flags = Arrays.copyOf(flags, n);
        hashes = Arrays.copyOf(hashes, n);
    }

    private void place(int at) {
        int mask = index.length - 1;
        int slot = hashes[at] & mask;
        while (index[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        index[slot] = at + 1;
    }

    private void writeJson(int at, String json) {
        byte[] in = json.getBytes(StandardCharsets.UTF_8);
        int n = pack(in);
        jsonAt[at] = write(in, 0, n);
        jsonLength[at] = n;
        liveBytes += n;
    }

    /** Replaces each token's text in {@code bytes} by its byte, in place; returns the packed length. */
    static int pack(byte[] bytes) {
        int o = 0;
        for (int i = 0; i < bytes.length; ) {
            int token = tokenAt(bytes, i);
            if (token >= 0) {
                bytes[o++] = (byte) (FIRST_TOKEN + token);
                i += TOKENS[token].length;
            } else {
                bytes[o++] = bytes[i++];
            }
        }
        return o;
    }

    /** The token whose text starts at {@code bytes[i]}, or -1. */
    private static int tokenAt(byte[] bytes, int i) {
        int first = bytes[i];
        int[] candidates = first >= 0 ? TOKENS_BY_FIRST_BYTE[first] : null;
        if (candidates == null) {
            return -1;
        }
        for (int t : candidates) {
            byte[] token = TOKENS[t];
            if (i + token.length <= bytes.length && Arrays.equals(bytes, i, i + token.length, token, 0, token.length)) {
                return t;
            }
        }
        return -1;
    }

    /** The packed text at {@code at} with its tokens given back. */
    private String unpack(long at, int length) {
        byte[] chunk = chunks[chunkOf(at)];
        int from = offsetOf(at);
        int size = length;
        for (int i = from; i < from + length; i++) {
            int b = chunk[i] & 0xFF;
            if (b >= FIRST_TOKEN) {
                size += TOKENS[b - FIRST_TOKEN].length - 1;
            }
        }
        if (size == length) {
            return new String(chunk, from, length, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[size];
        int o = 0;
        for (int i = from; i < from + length; i++) {
            int b = chunk[i] & 0xFF;
            if (b >= FIRST_TOKEN) {
                byte[] token = TOKENS[b - FIRST_TOKEN];
                System.arraycopy(token, 0, out, o, token.length);
                o += token.length;
            } else {
                out[o++] = (byte) b;
            }
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[][] tokens(String... texts) {
        byte[][] tokens = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            tokens[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        if (FIRST_TOKEN + tokens.length > 0x100) {
            throw new IllegalStateException("more tokens than bytes UTF-8 leaves unused");
        }
        return tokens;
    }

    private static int[][] byFirstByte(byte[][] tokens) {
        int[][] byFirst = new int[128][];
        for (int t = 0; t < tokens.length; t++) {
            int first = tokens[t][0];
            int[] those = byFirst[first] == null ? new int[0] : byFirst[first];
            those = Arrays.copyOf(those, those.length + 1);
            those[those.length - 1] = t;
            byFirst[first] = those;
        }
        return byFirst;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Appends {@code bytes} to the chunks and returns where they are. */
    private long write(byte[] bytes) {
        return write(bytes, 0, bytes.length);
    }

    private long write(byte[] bytes, int from, int n) {
        if (chunkCount == 0 || chunks[chunkCount - 1].length - used < n) {
            int size = chunkCount == 0 ? FIRST_CHUNK : Math.min(MAX_CHUNK, chunks[chunkCount - 1].length * 2);
            addChunk(Math.max(size, n));
        }
        int chunk = chunkCount - 1;
        int offset = used;
        System.arraycopy(bytes, from, chunks[chunk], offset, n);
        used += n;
        return chunkPlace(chunk, offset);
    }

    /** A place in the chunks as one long: the chunk's index in the high half, the offset in the low. */
    private static long chunkPlace(int chunk, int offset) {
        return ((long) chunk << 32) | offset;
    }

    private static int chunkOf(long place) {
        return (int) (place >>> 32);
    }

    private static int offsetOf(long place) {
        return (int) place;
    }

    private void addChunk(int size) {
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = new byte[size];
        used = 0;
    }

    /** Text kept as plain UTF-8 (an id). */
    private String text(long at, int length) {
        return new String(chunks[chunkOf(at)], offsetOf(at), length, StandardCharsets.UTF_8);
    }

    private boolean bytesEqual(long at, int length, byte[] key) {
        int offset = offsetOf(at);
        return length == key.length && Arrays.equals(chunks[chunkOf(at)], offset, offset + length, key, 0, length);
    }

    /** Copies the live bytes into fresh chunks, dropping replaced JSON. */
    private void compact() {
        byte[][] old = chunks;
        chunks = new byte[4][];
        chunkCount = 0;
        used = 0;
        for (int i = 0; i < count; i++) {
            idAt[i] = write(old[chunkOf(idAt[i])], offsetOf(idAt[i]), idLength[i]);
            if (jsonLength[i] >= 0) {
                jsonAt[i] = write(old[chunkOf(jsonAt[i])], offsetOf(jsonAt[i]), jsonLength[i]);
            }
        }
        garbageBytes = 0;
    }
}
