package org.inkroom.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.inkroom.protocol.Element;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.JoinOptions;
import org.inkroom.room.Op;
import org.inkroom.room.Peer;
import org.inkroom.room.RoomBus;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.RoomSettings;
import org.inkroom.room.Frame;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JDBC store against an embedded H2 file and the real PostgreSQL, the same tests for both. */
class JdbcCanvasStoreTest {

    private static final RoomId ROOM = new RoomId("store-room");

    private static Element line(String id, double x) {
        return Element.line(id, x, 0.0, x + 1, 1.0, "#336699", 3.0, "alice");
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void appendedElementsComeBackInOrderAfterReopening(Databases db) {
        try (Databases.Fresh fresh = db.fresh()) {
            String epoch;
            try (JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
                epoch = store.load(ROOM).epoch();
                for (int i = 1; i <= 500; i++) {
                    store.append(ROOM, i, new Op.Draw(line("e" + i, i)));
                }
            }
            try (JdbcCanvasStore reopened = new JdbcCanvasStore(fresh.dataSource())) {
                CanvasStore.History h = reopened.load(ROOM);
                assertEquals(epoch, h.epoch(), "a room keeps its epoch across restarts");
                assertEquals(500, h.seq());
                assertEquals(500, h.ops().size());
                for (int i = 0; i < 500; i++) {
                    assertEquals(i + 1, h.ops().get(i).seq());
                    assertEquals(new Op.Draw(line("e" + (i + 1), i + 1)), h.ops().get(i).op());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void whenDurableRunsOnlyAfterTheWritesBeforeItAreCommitted(Databases db) throws Exception {
        try (Databases.Fresh fresh = db.fresh(); JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
            store.load(ROOM);
            AtomicLong seenRows = new AtomicLong(-1);
            CountDownLatch ran = new CountDownLatch(1);
            for (int i = 1; i <= 50; i++) {
                store.append(ROOM, i, new Op.Draw(line("d" + i, i)));
            }
            store.whenDurable(() -> {
                // What a process started now would find: the database (read on another connection)
                // and, on H2, the journal the writes went to first (read from its file).
                seenRows.set(rows(fresh.dataSource(), ROOM) + journaled(store, ROOM));
                ran.countDown();
            });
            assertTrue(ran.await(30, TimeUnit.SECONDS));
            assertEquals(50, seenRows.get());
            assertEquals(db == Databases.H2, store.journalFile().isPresent(), "an H2 file journals, PostgreSQL does not");
        }
    }

    /** Entries of {@code room} in the store's journal file (the writer thread does not fold while it runs an ack). */
    private static long journaled(JdbcCanvasStore store, RoomId room) {
        return store.journalFile().map(file -> {
            try {
                return Journal.parse(java.nio.file.Files.readString(file), file).stream()
                        .filter(w -> w instanceof Write.Append a && a.room().equals(room.value())).count();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }).orElse(0L);
    }

    @org.junit.jupiter.api.Test
    void aJournalLeftByAKilledProcessIsReplayedOnceAtStart() throws Exception {
        try (Databases.Fresh fresh = Databases.H2.fresh()) {
            java.nio.file.Path file;
            try (JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
                store.load(ROOM);
                for (int i = 1; i <= 10; i++) {
                    store.append(ROOM, i, new Op.Draw(line("e" + i, i)));
                }
                file = store.journalFile().orElseThrow();
            } // a clean stop folds the journal into the database and empties it
            assertEquals(0, java.nio.file.Files.size(file));
            // What a process killed after acking seqs 8-15 leaves: 8-10 folded already (the fold
            // committed, the file was not emptied yet), a clear at 12, and a last entry cut short.
            List<Write> left = new java.util.ArrayList<>();
            for (int i = 8; i <= 15; i++) {
                left.add(i == 12 ? new Write.Clear(ROOM.value(), 12) : Write.Append.of(ROOM.value(), i, new Op.Draw(line("e" + i, i))));
            }
            try (Journal journal = Journal.open(file)) {
                journal.append(left);
            }
            java.nio.file.Files.writeString(file, "store-room 16 draw 40 {\"id\":\"cut", java.nio.file.StandardOpenOption.APPEND);

            try (JdbcCanvasStore restarted = new JdbcCanvasStore(fresh.dataSource())) {
                assertEquals(0, java.nio.file.Files.size(file), "replayed into the database, then emptied");
                CanvasStore.History h = restarted.load(ROOM);
                assertEquals(12, h.clearedAt());
                assertEquals(15, h.seq());
                assertEquals(List.of(13L, 14L, 15L), h.ops().stream().map(Op.Sequenced::seq).toList());
                assertEquals(new Op.Draw(line("e13", 13)), h.ops().get(0).op());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aSecondStoreOnTheSameH2FileCommitsWithoutAJournal() {
        try (Databases.Fresh fresh = Databases.H2.fresh();
             JdbcCanvasStore first = new JdbcCanvasStore(fresh.dataSource());
             JdbcCanvasStore second = new JdbcCanvasStore(fresh.dataSource())) {
            assertTrue(first.journalFile().isPresent());
            assertTrue(second.journalFile().isEmpty(), "one journal per file: the second store commits to the database");
            second.load(ROOM);
            second.append(ROOM, 1, new Op.Draw(line("x", 1)));
            second.flush();
            assertEquals(1, rows(fresh.dataSource(), ROOM));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void clearCompactsWhatTheRoomStores(Databases db) {
        try (Databases.Fresh fresh = db.fresh()) {
            try (JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
                store.load(ROOM);
                for (int i = 1; i <= 10; i++) {
                    store.append(ROOM, i, new Op.Draw(line("a" + i, i)));
                }
                store.clear(ROOM, 11);
                store.append(ROOM, 12, new Op.Draw(line("b1", 1)));
                store.append(ROOM, 13, new Op.Draw(line("b2", 2)));
                store.upkeepNow(); // the embedded layout compacts what is still in its commit rows when it folds them
                assertEquals(2, rows(fresh.dataSource(), ROOM), "rows before the clear are deleted");
            }
            try (JdbcCanvasStore reopened = new JdbcCanvasStore(fresh.dataSource())) {
                CanvasStore.History h = reopened.load(ROOM);
                assertEquals(11, h.clearedAt());
                assertEquals(13, h.seq());
                assertEquals(List.of("b1", "b2"), drawnIds(h));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aClearedEmptyRoomKeepsItsSequence(Databases db) {
        try (Databases.Fresh fresh = db.fresh()) {
            try (JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
                store.load(ROOM);
                store.append(ROOM, 1, new Op.Draw(line("x", 1)));
                store.clear(ROOM, 2);
            }
            try (JdbcCanvasStore reopened = new JdbcCanvasStore(fresh.dataSource())) {
                CanvasStore.History h = reopened.load(ROOM);
                assertEquals(2, h.seq());
                assertEquals(0, h.ops().size());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void aLoadWaitsOnlyForItsOwnRoomsQueuedWrites(Databases db) throws Exception {
        RoomId other = new RoomId("store-other");
        try (Databases.Fresh fresh = db.fresh(); JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
            store.load(other);
            store.append(other, 1, new Op.Draw(line("o1", 1)));
            // The writer runs this after committing o1 and can commit nothing else until it returns.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            store.whenDurable(() -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertTrue(holding.await(30, TimeUnit.SECONDS), "the writer committed o1");
                store.append(other, 2, new Op.Draw(line("o2", 2))); // queued behind the held writer
                // A room with nothing queued loads without waiting for the writer (it waited up to
                // the store's flush timeout, 60 s, before).
                CanvasStore.History fresh2 = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> store.load(ROOM));
                assertEquals(0, fresh2.ops().size());
            } finally {
                release.countDown();
            }
            assertEquals(List.of("o1", "o2"), store.load(other).ops().stream()
                    .map(s -> ((Op.Draw) s.op()).element().id()).toList(), "its own queued write is in a room's load");
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void loadSeesWritesThatAreStillQueued(Databases db) {
        try (Databases.Fresh fresh = db.fresh(); JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
            store.load(ROOM);
            IntStream.rangeClosed(1, 100).forEach(i -> store.append(ROOM, i, new Op.Draw(line("q" + i, i))));
            assertEquals(100, store.load(ROOM).ops().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void schemaMigrationRunsOnceAndIsIdempotent(Databases db) throws Exception {
        try (Databases.Fresh fresh = db.fresh()) {
            new JdbcCanvasStore(fresh.dataSource()).close();
            new JdbcCanvasStore(fresh.dataSource()).close();
            try (Connection c = fresh.dataSource().getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*), MAX(version) FROM inkroom_schema")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
                assertEquals(Schema.MIGRATIONS.size(), rs.getInt(2));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void roomsAreKeptApartAndNewRoomsGetTheirOwnEpoch(Databases db) {
        try (Databases.Fresh fresh = db.fresh(); JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
            RoomId other = new RoomId("other-room");
            String e1 = store.load(ROOM).epoch();
            String e2 = store.load(other).epoch();
            assertNotEquals(e1, e2);
            store.append(ROOM, 1, new Op.Draw(line("mine", 1)));
            store.append(other, 1, new Op.Draw(line("theirs", 1)));
            assertEquals(List.of("mine"), drawnIds(store.load(ROOM)));
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anEvictedRoomReloadsFromTheStoreOnTheNextJoin(Databases db) {
        try (Databases.Fresh fresh = db.fresh(); JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
            AtomicLong clock = new AtomicLong();
            RoomRegistry registry = new RoomRegistry(new RoomSettings(1000, 10, Duration.ofSeconds(1), Duration.ofSeconds(1)),
                    store, RoomBus.SINGLE_NODE, clock::get, false);
            var alice = registry.join(ROOM, "alice", new NullPeer(), JoinOptions.SEED);
            String epoch = registry.room(ROOM).orElseThrow().epoch();
            for (int i = 0; i < 5; i++) {
                alice.receive(new org.inkroom.protocol.ClientMessage.Draw(null, line("r" + i, i)));
            }
            alice.leave();
            clock.addAndGet(Duration.ofSeconds(2).toNanos());
            assertEquals(1, registry.evictIdle());

            registry.join(ROOM, "bob", new NullPeer(), JoinOptions.SEED);
            assertEquals(5, registry.room(ROOM).orElseThrow().elements().size());
            assertEquals(epoch, registry.room(ROOM).orElseThrow().epoch());
            assertEquals(5, registry.room(ROOM).orElseThrow().seq());
            registry.shutdown();
        }
    }

    private static List<String> drawnIds(CanvasStore.History h) {
        return h.ops().stream().map(o -> ((Op.Draw) o.op()).element().id()).toList();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void updatesErasesAndRestoresAreStoredAndReplayed(Databases db) {
        try (Databases.Fresh fresh = db.fresh()) {
            try (JdbcCanvasStore store = new JdbcCanvasStore(fresh.dataSource())) {
                store.load(ROOM);
                store.append(ROOM, 1, new Op.Draw(Element.path("p", new double[][] {{0, 0}}, "#000000", 2, "alice")));
                store.append(ROOM, 2, new Op.Update("p", 1, new double[][] {{1, 1, 0.5}, {2, 2}}));
                store.append(ROOM, 3, new Op.Erase(List.of("p")));
                store.append(ROOM, 4, new Op.Restore(List.of("p")));
            }
            try (JdbcCanvasStore reopened = new JdbcCanvasStore(fresh.dataSource())) {
                List<Op.Sequenced> ops = reopened.load(ROOM).ops();
                assertEquals(4, ops.size());
                Op.Update u = (Op.Update) ops.get(1).op();
                assertEquals(1, u.from());
                assertEquals(0.5, u.points()[0][2]);
                assertEquals(new Op.Erase(List.of("p")), ops.get(2).op());
                assertEquals(new Op.Restore(List.of("p")), ops.get(3).op());
            }
        }
    }

    /** The ops the database holds for the room, cleared or not (each layout read as it stores them). */
    static long rows(DataSource ds, RoomId room) {
        try (Connection c = ds.getConnection()) {
            boolean postgres = "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            OpLayout layout = postgres ? new RowPerOp(true) : new GroupedOps();
            return layout.read(c, room.value(), 0).size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class NullPeer implements Peer {
        @Override
        public boolean offer(Frame frame) {
            return true;
        }

        @Override
        public void flush() { }

        @Override
        public void close(int code, String reason) { }
    }
}
