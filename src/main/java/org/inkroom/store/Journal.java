package org.inkroom.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded store's write-ahead file: each group commit's appends and clears, appended with one
 * write before their acks, in {@link OpText}'s format (a clear is an entry of kind {@code clear} with
 * an empty body). The store folds what it holds into the database every few seconds and then empties
 * it, so the database commits once per fold instead of once per group commit. A write that reached
 * the operating system survives {@code kill -9} (as H2's {@code WRITE_DELAY=0} commits did); like
 * them it is not forced to the disk.
 *
 * <p>Replaying may see an entry twice (a fold committed, then the process died before emptying the
 * file): the layouts keep one op per seq, and a clear is idempotent. An entry cut short by a death
 * mid-write is the file's last and was never acknowledged: it is dropped.
 */
final class Journal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Journal.class.getName());
    static final String CLEAR = "clear";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    /** Writer thread only: the batch's text, its encoder and its bytes, kept between batches. */
    private final StringBuilder text = new StringBuilder();
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);

    private Journal(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The journal at {@code file}, or null when another store of this machine holds it. */
    static Journal open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        return new Journal(file, channel, lock);
    }

    Path file() {
        return file;
    }

    /** The appends and clears the file holds, in order; a cut-short last entry is left out. */
    List<Write> read() throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    }

    static List<Write> parse(String content, Path from) {
        List<OpText.Entry> entries = new ArrayList<>();
        int whole = OpText.wholeEntries(content, entries);
        if (whole < content.length()) {
            LOG.log(Level.INFO, "Journal {0}: the last {1} chars are not a whole entry (a write cut short); they are dropped",
                    new Object[] {from, content.length() - whole});
        }
        List<Write> writes = new ArrayList<>(entries.size());
        for (OpText.Entry e : entries) {
            writes.add(CLEAR.equals(e.kind()) ? new Write.Clear(e.room(), e.seq())
                    : new Write.Append(e.room(), e.seq(), e.kind(), "", e.body()));
        }
        return writes;
    }

    /**
     * Appends the batch's appends and clears with one write; on a failure the file is cut back to
     * where it was, so a retried batch never follows a torn one.
     */
    void append(List<Write> batch) throws IOException {
        text.setLength(0);
        for (Write w : batch) {
            if (w instanceof Write.Append a) {
                OpText.append(text, a.room(), a.seq(), a.kind(), a.body());
            } else if (w instanceof Write.Clear cl) {
                OpText.append(text, cl.room(), cl.seq(), CLEAR, "");
            }
        }
        if (text.isEmpty()) {
            return;
        }
        ByteBuffer out = encode();
        long end = channel.size();
        try {
            while (out.hasRemaining()) {
                channel.write(out, end + out.position());
            }
        } catch (IOException e) {
            try {
                channel.truncate(end);
            } catch (IOException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
        if (text.length() > 1 << 20) {
            text.setLength(0);
            text.trimToSize();
            this.bytes = ByteBuffer.allocate(64 * 1024);
        }
    }

    /**
     * The batch's text as UTF-8 (an unpaired surrogate as {@code ?}, as {@code Charset.encode} wrote
     * it) in the kept buffer, grown when a batch needs more: a new buffer per batch was a tenth of
     * what the store allocated per op (BENCHMARKS.md, session 48).
     */
    private ByteBuffer encode() {
        CharBuffer chars = CharBuffer.wrap(text);
        if (bytes.capacity() < text.length() * 3L) {
            bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 16, text.length() * 3L)); // 3 bytes a char at most
        }
        bytes.clear();
        utf8.reset();
        CoderResult result = utf8.encode(chars, bytes, true);
        if (!result.isUnderflow()) {
            throw new IllegalStateException("journal text did not fit its buffer: " + result);
        }
        utf8.flush(bytes);
        return bytes.flip();
    }

    /** Empties the file: everything it held is in the database. */
    void reset() throws IOException {
        channel.truncate(0);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
