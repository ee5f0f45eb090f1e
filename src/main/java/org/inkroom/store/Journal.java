package org.inkroom.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
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
    /** Writer thread only: the batch's text, kept between batches. */
    private final StringBuilder text = new StringBuilder();

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
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text));
        long end = channel.size();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes, end + bytes.position());
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
        }
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
