package org.inkroom.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.Op;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomId;

/**
 * Canvas history over any JDBC {@link DataSource}, written behind the broadcast path: a row per
 * room ({@code inkroom_room}: epoch, last clear) and the ops in the database's {@link OpLayout}.
 *
 * <p>Rooms hand writes to a queue and go on; one writer thread takes everything queued, commits
 * it in one transaction (group commit: the busier the server, the bigger the batch) and only then
 * runs the {@link #whenDurable} actions queued behind those writes (the acks). So an acknowledged
 * operation is committed; what was broadcast but not yet acknowledged when the process dies is
 * lost to the store and resent by its client.
 *
 * <p>On an embedded H2 file the group commit goes to a {@link Journal} beside it instead: one
 * append of the batch's text, then the acks. Every {@link #FOLD_INTERVAL_NANOS} the writer commits
 * what the journal holds to the database in one transaction and empties it, and a store that
 * starts replays a journal left behind. A commit of H2 wrote about 3.5 times the ops' own bytes and
 * was the largest cost Inkroom has over a bare relay (BENCHMARKS.md, sessions 41 and 43).
 */
public final class JdbcCanvasStore implements CanvasStore {

    private static final Logger LOG = Logger.getLogger(JdbcCanvasStore.class.getName());
    private static final int MAX_BATCH = 20_000;
    /**
     * Measured (BENCHMARKS.md, 200 rooms x 10 clients, plain clients): with 25 ms the embedded store
     * failed 2,000 sends/s; with 100 ms and 400 ms its commits, each a burst on the server's own
     * cores, pushed p99 past 50 ms at 3,000; with 50 ms it passed 3,000 on Liberty 25 in both runs
     * (on Liberty 17, 3,000 is the edge either way).
     */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(50);
    private static final long FLUSH_TIMEOUT_SECONDS = 60;

    /**
     * How often the embedded layout folds its commit rows into the rooms' rows ({@link GroupedOps}):
     * a room's page is rewritten once per fold instead of once per commit, and a load reads at most
     * this much of unfolded commits.
     */
    static final long FOLD_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final DataSource dataSource;
    private final OpLayout layout;
    private final long commitIntervalNanos;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    /**
     * Per room, its writes handed over and not committed yet. A load waits for the writer only
     * when its room has some: every load used to, so each room a join opened waited for the next
     * commit (up to the commit interval), with the joins behind it (BENCHMARKS.md, session 25).
     */
    private final ConcurrentHashMap<String, Integer> uncommitted = new ConcurrentHashMap<>();
    private final RoomEvents events;
    private volatile long checkedAtNanos;
    private volatile boolean reachable = true;
    private final Thread writer;
    /** Where group commits go first (an embedded H2 file), or null: straight to the database. */
    private final Journal journal;
    /** Writer thread only: writes in the journal and not yet in the database, in order. */
    private final List<Write> journaled = new ArrayList<>();
    private volatile boolean closing;
    /** Writer thread only: when the layout's upkeep last ran, and whether commits since wrote anything. */
    private long lastUpkeep = System.nanoTime();
    private boolean written = true;

    /** Commits at most every 50 ms (see {@link #JdbcCanvasStore(DataSource, Duration)}). */
    public JdbcCanvasStore(DataSource dataSource) {
        this(dataSource, DEFAULT_COMMIT_INTERVAL);
    }

    /**
     * A commit costs the database far more than a row (H2 writes a chunk and searches its free-space
     * map on every commit; profiling a busy room showed half the server's CPU there with one commit
     * per batch). So after a commit the writer waits until {@code commitInterval} has passed before
     * the next one, gathering what arrives meanwhile: the first op after a quiet spell is committed
     * at once, under load acks wait at most one interval.
     */
    public JdbcCanvasStore(DataSource dataSource, Duration commitInterval) {
        this(dataSource, commitInterval, RoomEvents.NONE);
    }

    /** As above, telling {@code events} how commits go. */
    public JdbcCanvasStore(DataSource dataSource, Duration commitInterval, RoomEvents events) {
        this(dataSource, commitInterval, events, true);
    }

    /** As above; {@code journaling} false: group commits go to the database even on an H2 file (tests of the layout). */
    JdbcCanvasStore(DataSource dataSource, Duration commitInterval, RoomEvents events, boolean journaling) {
        this.dataSource = dataSource;
        this.events = events;
        this.commitIntervalNanos = commitInterval.toNanos();
        try {
            Schema.migrate(dataSource);
            layout = layoutFor(dataSource);
            journal = journaling && layout instanceof GroupedOps ? openJournal(dataSource) : null;
            if (journal != null) {
                replay(journal);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot create or migrate the Inkroom tables, or replay the store journal: " + e.getMessage(), e);
        }
        writer = new Thread(this::writeLoop, "inkroom-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** PostgreSQL keeps one row per op (the cluster's duplicate handling rests on it); H2 groups them. */
    private static OpLayout layoutFor(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName();
            return "PostgreSQL".equalsIgnoreCase(product) ? new RowPerOp(true) : new GroupedOps();
        }
    }

    /**
     * The journal beside an H2 file database that hands each commit to the OS at once
     * ({@code WRITE_DELAY=0}, without which a killed process loses commits anyway); null for an
     * in-memory database, another delay, or a file another store of this machine journals.
     */
    private static Journal openJournal(DataSource dataSource) throws SQLException, IOException {
        String path;
        String delay;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT DATABASE_PATH(), (SELECT SETTING_VALUE FROM "
                     + "INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY' LIMIT 1)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            path = rs.getString(1);
            delay = rs.getString(2);
        }
        if (path == null || !"0".equals(delay)) {
            LOG.log(Level.INFO, "No store journal: the H2 database is {0}", path == null ? "in memory" : "WRITE_DELAY=" + delay);
            return null;
        }
        Journal journal = Journal.open(Path.of(path + ".journal"));
        if (journal == null) {
            LOG.log(Level.WARNING, "No store journal: {0}.journal is held by another store in this machine; committing to the database", path);
        }
        return journal;
    }

    /** Commits what a journal left behind holds (a process that died) and empties it. */
    private void replay(Journal journal) throws IOException, SQLException {
        List<Write> left = journal.read();
        if (!left.isEmpty()) {
            LOG.log(Level.INFO, "Replaying {0} writes from {1}", new Object[] {left.size(), journal.file()});
            journaled.addAll(left);
            fold();
        }
        journal.reset();
    }

    /** The journal's file, when group commits go to one. */
    Optional<Path> journalFile() {
        return Optional.ofNullable(journal).map(Journal::file);
    }

    /** Asks the database at most once a second (a readiness probe must not load it). */
    @Override
    public boolean reachable() {
        long now = System.nanoTime();
        if (now - checkedAtNanos > 1_000_000_000L) {
            checkedAtNanos = now;
            try (Connection c = dataSource.getConnection()) {
                reachable = c.isValid(2);
            } catch (SQLException e) {
                LOG.log(Level.FINE, "Store not reachable: {0}", e.getMessage());
                reachable = false;
            }
        }
        return reachable;
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public History load(RoomId room) {
        if (uncommitted.containsKey(room.value())) {
            // Writes still queued (or only journaled) for this room must be in the database before it is read.
            if (journal == null) {
                flush();
            } else {
                upkeepNow();
                if (uncommitted.containsKey(room.value())) {
                    throw new IllegalStateException("cannot load room " + room + ": its latest writes are not in the database yet");
                }
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String epoch = null;
            long clearedAt = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT epoch, cleared_seq FROM inkroom_room WHERE room_id = ?")) {
                ps.setString(1, room.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        epoch = rs.getString(1);
                        clearedAt = rs.getLong(2);
                    }
                }
            }
            if (epoch == null) {
                epoch = CanvasStore.newEpoch();
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO inkroom_room (room_id, epoch, cleared_seq) VALUES (?, ?, 0)")) {
                    ps.setString(1, room.value());
                    ps.setString(2, epoch);
                    ps.executeUpdate();
                    return new History(epoch, 0, 0, List.of());
                } catch (SQLException raced) {
                    // Another node of a cluster created the room's row meanwhile: read it as it is.
                    LOG.log(Level.FINE, "Room {0} created elsewhere meanwhile: {1}", new Object[] {room, raced.getMessage()});
                    return load(room);
                }
            }
            List<Op.Sequenced> ops = layout.read(c, room.value(), clearedAt);
            long seq = ops.isEmpty() ? clearedAt : ops.get(ops.size() - 1).seq();
            LOG.log(Level.FINE, "Loaded room {0}: {1} ops, seq {2}", new Object[] {room, ops.size(), seq});
            return new History(epoch, seq, clearedAt, ops);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load room " + room + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(RoomId room, long seq, Op op) {
        uncommitted.merge(room.value(), 1, Integer::sum);
        queue.add(Write.Append.of(room.value(), seq, op));
    }

    @Override
    public void clear(RoomId room, long seq) {
        uncommitted.merge(room.value(), 1, Integer::sum);
        queue.add(new Write.Clear(room.value(), seq));
    }

    @Override
    public void whenDurable(Runnable action) {
        queue.add(new Write.Barrier(action));
    }

    /** Runs the layout's upkeep (the embedded layout's fold) now and waits for it. */
    void upkeepNow() {
        queue.add(new Write.Upkeep());
        flush();
    }

    @Override
    public void flush() {
        if (!writer.isAlive()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        whenDurable(done::countDown);
        try {
            if (!done.await(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "Store flush still pending after {0} s ({1} writes queued)",
                        new Object[] {FLUSH_TIMEOUT_SECONDS, queue.size()});
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        flush();
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (dataSource instanceof DriverDataSource own) { // the application's own pool, made for this store
            own.close();
        }
    }

    private void writeLoop() {
        List<Write> batch = new ArrayList<>();
        long lastCommit = System.nanoTime() - commitIntervalNanos;
        while (!closing || !queue.isEmpty()) {
            try {
                Write first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    long wait = lastCommit + commitIntervalNanos - System.nanoTime();
                    if (wait > 0 && !closing) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    lastCommit = System.nanoTime();
                    commitWithRetry(batch);
                }
                if (System.nanoTime() - lastUpkeep >= FOLD_INTERVAL_NANOS) {
                    upkeep();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Store writer failed on a batch; it goes on with the next", e);
            } finally {
                batch.clear();
            }
        }
        upkeep(); // a clean stop leaves the store folded
        if (journal != null) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "Closing the journal: {0}", e.getMessage());
            }
        }
    }

    /** The layout's upkeep in its own transaction, after the acks of the commit before it; a failure waits for the next. */
    private void upkeep() {
        lastUpkeep = System.nanoTime();
        if (!written) {
            return;
        }
        try {
            fold();
            written = false;
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Store upkeep failed; it is tried again in " + TimeUnit.NANOSECONDS.toSeconds(FOLD_INTERVAL_NANOS)
                    + " s: " + e.getMessage());
        }
    }

    /**
     * Commits the journaled writes and the layout's upkeep in one transaction, then empties the
     * journal. Should emptying fail, the file keeps entries the database has too: harmless (see
     * {@link Journal}), and the next fold with writes empties it.
     */
    private void fold() throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (journaled.isEmpty()) {
                    layout.maintain(c);
                } else {
                    clearRooms(c, journaled);
                    layout.fold(c, journaled);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (!journaled.isEmpty()) {
            committed(journaled);
            journaled.clear();
            journal.reset();
        }
    }

    /** A database outage delays acks (clients keep their unacknowledged strokes) but loses nothing queued. */
    private void commitWithRetry(List<Write> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                long started = System.nanoTime();
                if (journal != null) {
                    journal.append(batch);
                    keepForFold(batch);
                } else {
                    commit(batch);
                    committed(batch);
                }
                events.storeCommitted(batch.size(), System.nanoTime() - started);
                break;
            } catch (SQLException | IOException e) {
                events.storeFailed();
                long wait = backoff;
                LOG.log(Level.WARNING, e, () -> "Committing " + batch.size() + " writes failed; retrying in " + wait + " ms");
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
        if (batch.stream().anyMatch(w -> w instanceof Write.Upkeep)) {
            written = true;
            upkeep();
        }
        for (Write w : batch) {
            if (w instanceof Write.Barrier b) {
                try {
                    b.action().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "An after-commit action failed", e);
                }
            }
        }
    }

    /** The batch's appends and clears are in the journal: the next fold commits them. */
    private void keepForFold(List<Write> batch) {
        for (Write w : batch) {
            if (w instanceof Write.Append || w instanceof Write.Clear) {
                journaled.add(w);
                written = true;
            }
        }
    }

    /** The batch's appends and clears are in the database: their rooms' loads need not wait for them. */
    private void committed(List<Write> batch) {
        for (Write w : batch) {
            String room = w instanceof Write.Append a ? a.room() : w instanceof Write.Clear cl ? cl.room() : null;
            if (room != null) {
                uncommitted.computeIfPresent(room, (k, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    private void commit(List<Write> batch) throws SQLException {
        boolean anyWrite = batch.stream().anyMatch(w -> w instanceof Write.Append || w instanceof Write.Clear);
        if (!anyWrite) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                write(c, batch);
                written = true;
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The batch's clears and appends, inside the caller's transaction. */
    private void write(Connection c, List<Write> batch) throws SQLException {
        clearRooms(c, batch);
        layout.write(c, batch);
    }

    /** The batch's clears on the rooms' rows, inside the caller's transaction. */
    private static void clearRooms(Connection c, List<Write> batch) throws SQLException {
        try (PreparedStatement clearRoom = c.prepareStatement(
                "UPDATE inkroom_room SET cleared_seq = GREATEST(cleared_seq, ?) WHERE room_id = ?")) {
            int clears = 0;
            for (Write w : batch) {
                if (w instanceof Write.Clear cl) {
                    clearRoom.setLong(1, cl.seq());
                    clearRoom.setString(2, cl.room());
                    clearRoom.addBatch();
                    clears++;
                }
            }
            if (clears > 0) {
                clearRoom.executeBatch();
            }
        }
    }
}
