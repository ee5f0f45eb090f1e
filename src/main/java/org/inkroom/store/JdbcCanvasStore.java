package org.inkroom.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.inkroom.protocol.Codec;
import org.inkroom.protocol.Element;
import org.inkroom.protocol.ServerMessage;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.Op;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomId;

/**
 * Canvas history in two tables over any JDBC {@link DataSource}, written behind the broadcast path.
 *
 * <p>Rooms hand writes to a queue and go on; one writer thread takes everything queued, commits
 * it in one transaction (group commit: the busier the server, the bigger the batch) and only then
 * runs the {@link #whenDurable} actions queued behind those writes (the acks). So an acknowledged
 * operation is committed; what was broadcast but not yet acknowledged when the process dies is
 * lost to the store and resent by its client.
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

    private sealed interface Write permits Append, Clear, Barrier { }

    private record Append(String room, long seq, String kind, String elementId, String body) implements Write { }

    private record Clear(String room, long seq) implements Write { }

    private record Barrier(Runnable action) implements Write { }

    private final DataSource dataSource;
    private final String insertOp;
    private final long commitIntervalNanos;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final RoomEvents events;
    private volatile long checkedAtNanos;
    private volatile boolean reachable = true;
    private final Thread writer;
    private volatile boolean closing;

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
        this.dataSource = dataSource;
        this.events = events;
        this.commitIntervalNanos = commitInterval.toNanos();
        try {
            Schema.migrate(dataSource);
            insertOp = insertIgnoringStored(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create or migrate the Inkroom tables: " + e.getMessage(), e);
        }
        writer = new Thread(this::writeLoop, "inkroom-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * An op row whose (room, seq) is stored already is left as it is: in a cluster the same op can
     * be stored by the node that ordered it and by the node a reconnecting sender resent it to.
     * Nothing is retried for ever on a duplicate key.
     */
    private static String insertIgnoringStored(DataSource dataSource) throws SQLException {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        if ("PostgreSQL".equalsIgnoreCase(product)) {
            return "INSERT INTO inkroom_op (room_id, seq, kind, element_id, body) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (room_id, seq) DO NOTHING";
        }
        return "MERGE INTO inkroom_op (room_id, seq, kind, element_id, body) KEY (room_id, seq) VALUES (?, ?, ?, ?, ?)";
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
        flush(); // writes still queued for this room must be in the database before it is read
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
            List<Op.Sequenced> ops = new ArrayList<>();
            long seq = clearedAt;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, kind, body FROM inkroom_op WHERE room_id = ? AND seq > ? ORDER BY seq")) {
                ps.setString(1, room.value());
                ps.setLong(2, clearedAt);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seq = rs.getLong(1);
                        ops.add(new Op.Sequenced(seq, decode(rs.getString(2), rs.getString(3))));
                    }
                }
            }
            LOG.log(Level.FINE, "Loaded room {0}: {1} ops, seq {2}", new Object[] {room, ops.size(), seq});
            return new History(epoch, seq, clearedAt, ops);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load room " + room + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(RoomId room, long seq, Op op) {
        queue.add(encode(room.value(), seq, op));
    }

    /** Each op kind keeps its body as JSON of the matching wire record. */
    private static Append encode(String room, long seq, Op op) {
        if (op instanceof Op.Draw d) {
            return new Append(room, seq, "draw", d.element().id(), d.json() != null ? d.json() : Codec.toJson(d.element()));
        }
        if (op instanceof Op.Update u) {
            return new Append(room, seq, "update", u.id(), Codec.toJson(new ServerMessage.UpdateData(u.id(), u.from(), u.points())));
        }
        if (op instanceof Op.Erase e) {
            return new Append(room, seq, "erase", "", Codec.toJson(new ServerMessage.IdsData(e.ids())));
        }
        Op.Restore r = (Op.Restore) op;
        return new Append(room, seq, "restore", "", Codec.toJson(new ServerMessage.IdsData(r.ids())));
    }

    private static Op decode(String kind, String body) {
        return switch (kind) {
            case "draw" -> new Op.Draw(Codec.fromJson(body, Element.class));
            case "update" -> {
                ServerMessage.UpdateData u = Codec.fromJson(body, ServerMessage.UpdateData.class);
                yield new Op.Update(u.id(), u.from(), u.points());
            }
            case "erase" -> new Op.Erase(Codec.fromJson(body, ServerMessage.IdsData.class).ids());
            case "restore" -> new Op.Restore(Codec.fromJson(body, ServerMessage.IdsData.class).ids());
            default -> throw new IllegalStateException("unknown op kind in the database: " + kind);
        };
    }

    @Override
    public void clear(RoomId room, long seq) {
        queue.add(new Clear(room.value(), seq));
    }

    @Override
    public void whenDurable(Runnable action) {
        queue.add(new Barrier(action));
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
                if (first == null) {
                    continue;
                }
                long wait = lastCommit + commitIntervalNanos - System.nanoTime();
                if (wait > 0 && !closing) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                lastCommit = System.nanoTime();
                commitWithRetry(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Store writer failed on a batch; it goes on with the next", e);
            } finally {
                batch.clear();
            }
        }
    }

    /** A database outage delays acks (clients keep their unacknowledged strokes) but loses nothing queued. */
    private void commitWithRetry(List<Write> batch) throws InterruptedException {
        long backoff = 100;
        while (true) {
            try {
                long started = System.nanoTime();
                commit(batch);
                events.storeCommitted(batch.size(), System.nanoTime() - started);
                break;
            } catch (SQLException e) {
                events.storeFailed();
                long wait = backoff;
                LOG.log(Level.WARNING, e, () -> "Committing " + batch.size() + " writes failed; retrying in " + wait + " ms");
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 5000);
            }
        }
        for (Write w : batch) {
            if (w instanceof Barrier b) {
                try {
                    b.action().run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "An after-commit action failed", e);
                }
            }
        }
    }

    private void commit(List<Write> batch) throws SQLException {
        boolean anyWrite = batch.stream().anyMatch(w -> !(w instanceof Barrier));
        if (!anyWrite) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(insertOp);
                 PreparedStatement clearRoom = c.prepareStatement(
                         "UPDATE inkroom_room SET cleared_seq = GREATEST(cleared_seq, ?) WHERE room_id = ?");
                 PreparedStatement compact = c.prepareStatement(
                         "DELETE FROM inkroom_op WHERE room_id = ? AND seq <= ?")) {
                int inserts = 0;
                for (Write w : batch) {
                    if (w instanceof Append a) {
                        insert.setString(1, a.room());
                        insert.setLong(2, a.seq());
                        insert.setString(3, a.kind());
                        insert.setString(4, a.elementId());
                        insert.setString(5, a.body());
                        insert.addBatch();
                        inserts++;
                    } else if (w instanceof Clear cl) {
                        if (inserts > 0) { // a clear compacts what came before it, so those rows go first
                            insert.executeBatch();
                            inserts = 0;
                        }
                        clearRoom.setLong(1, cl.seq());
                        clearRoom.setString(2, cl.room());
                        clearRoom.executeUpdate();
                        compact.setString(1, cl.room());
                        compact.setLong(2, cl.seq());
                        compact.executeUpdate();
                    }
                }
                if (inserts > 0) {
                    insert.executeBatch();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
