package org.inkroom.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.inkroom.room.Frame;
import org.junit.jupiter.api.Test;

/** The per-receiver queue, over a transport the test completes by hand. */
class OutboxTest {

    /** Holds each send until the test completes it. */
    private static class HeldTransport implements Outbox.Transport {
        final List<String> sent = new ArrayList<>();
        final ArrayDeque<Consumer<Throwable>> pending = new ArrayDeque<>();

        @Override
        public void send(String text, Consumer<Throwable> done) {
            sent.add(text);
            pending.add(done);
        }

        void completeNext() {
            pending.poll().accept(null);
        }
    }

    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Test
    void onlyOneSendIsInFlightAndTheNextStartsFromTheCompletion() {
        HeldTransport t = new HeldTransport();
        Outbox box = new Outbox(t, 10, failure::set);
        box.offer(Frame.of("1"));
        box.offer(Frame.of("2"));
        box.flush();
        box.offer(Frame.of("3"));
        box.flush();
        assertEquals(List.of("1"), t.sent);
        t.completeNext();
        assertEquals(List.of("1", "2"), t.sent);
        t.completeNext();
        t.completeNext();
        assertEquals(List.of("1", "2", "3"), t.sent);
        assertTrue(t.pending.isEmpty());
        assertNull(failure.get());
    }

    @Test
    void aPingGoesOutBetweenFramesNeverDuringOneAndASendThatHangsShowsItsAge() {
        List<String> order = new ArrayList<>();
        HeldTransport t = new HeldTransport() {
            @Override
            public void ping(Consumer<Throwable> done) {
                order.add("ping");
                done.accept(null);
            }
        };
        Outbox box = new Outbox(t, 10, failure::set);
        box.offer(Frame.of("1"));
        box.offer(Frame.of("2"));
        box.flush();
        long start = System.nanoTime();
        box.ping();
        assertEquals(List.of(), order, "not while frame 1 is being written");
        assertTrue(box.sendingFor(System.nanoTime()) >= System.nanoTime() - start - 1_000_000, "the write in flight has an age");
        t.completeNext();
        assertEquals(List.of("ping"), order);
        assertEquals(List.of("1", "2"), t.sent, "the ping went out between 1 and 2");
        t.completeNext();
        assertEquals(0, box.sendingFor(System.nanoTime()), "nothing in flight: no age");
        box.ping();
        assertEquals(List.of("ping", "ping"), order, "an idle outbox pings at once");
        assertNull(failure.get());
    }

    @Test
    void aCloseWaitsForTheWriteInFlightAndDropsTheRest() {
        HeldTransport t = new HeldTransport();
        Outbox box = new Outbox(t, 10, failure::set);
        box.offer(Frame.of("1"));
        box.offer(Frame.of("2"));
        box.flush();
        List<String> closed = new ArrayList<>();
        box.closeThen(() -> closed.add("closed"));
        assertEquals(List.of(), closed, "not while frame 1 is being written");
        t.completeNext();
        assertEquals(List.of("closed"), closed, "right after it");
        assertEquals(List.of("1"), t.sent, "frame 2 dropped");
        Outbox idle = new Outbox(t, 10, failure::set);
        idle.closeThen(() -> closed.add("at once"));
        assertEquals(List.of("closed", "at once"), closed);
    }

    @Test
    void completionOnTheCallingThreadDrainsInALoopNotByRecursion() {
        AtomicInteger deepest = new AtomicInteger();
        List<String> sent = new ArrayList<>();
        Outbox box = new Outbox((text, done) -> {
            sent.add(text);
            deepest.accumulateAndGet(Thread.currentThread().getStackTrace().length, Math::max);
            done.accept(null); // as WildFly may do
        }, 100_000, failure::set);
        for (int i = 0; i < 50_000; i++) {
            box.offer(Frame.of("m" + i));
        }
        int baseline = Thread.currentThread().getStackTrace().length;
        box.flush();
        assertEquals(50_000, sent.size());
        assertEquals("m49999", sent.get(49_999));
        assertTrue(deepest.get() < baseline + 20, "stack stays flat, was " + deepest.get() + " vs " + baseline);
    }

    @Test
    void waitingCursorFramesAreReplacedByNewerOnesWithTheSameKey() {
        HeldTransport t = new HeldTransport();
        Outbox box = new Outbox(t, 10, failure::set);
        box.offer(Frame.of("op1"));
        box.flush(); // op1 in flight
        box.offer(Frame.latestWins("alice@1", "cursor:alice"));
        box.offer(Frame.latestWins("bob@1", "cursor:bob"));
        box.offer(Frame.of("op2"));
        box.offer(Frame.latestWins("alice@2", "cursor:alice"));
        box.offer(Frame.latestWins("alice@3", "cursor:alice"));
        while (!t.pending.isEmpty()) {
            t.completeNext();
        }
        assertEquals(List.of("op1", "alice@3", "bob@1", "op2"), t.sent);
    }

    @Test
    void operationsAreNeverDroppedSilentlyTheOverflowIsReportedOnce() {
        HeldTransport t = new HeldTransport();
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        Outbox box = new Outbox(t, 3, failure::set, false, null, (f, m) -> { }, 0, now::get);
        assertTrue(box.offer(Frame.of("0")));
        box.flush(); // "0" in flight, never completed: the reader stopped reading
        assertTrue(box.offer(Frame.of("1")));
        assertTrue(box.offer(Frame.of("2")));
        assertTrue(box.offer(Frame.of("3")));
        for (int i = 0; i < 100; i++) {
            assertTrue(box.offer(Frame.latestWins("c" + i, "cursor:x")), "cursors never overflow");
        }
        now.addAndGet(Outbox.STALL_NANOS); // its write has hung for a second
        assertFalse(box.offer(Frame.of("4")), "the overflowing operation is reported");
        assertTrue(box.offer(Frame.of("5")), "after that the queue is closed and drops quietly");
        assertEquals(0, box.waiting());
        box.flush();
        assertEquals(List.of("0"), t.sent);
    }

    @Test
    void aReceiverStillTakingFramesWhenTheServerIsBehindIsNotClosedAtCapacity() {
        HeldTransport t = new HeldTransport();
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        Outbox box = new Outbox(t, 3, failure::set, false, null, (f, m) -> { }, 0, now::get);
        box.offer(Frame.of("first"));
        box.flush(); // "first" in flight
        for (int i = 0; i < 10; i++) {
            assertTrue(box.offer(Frame.of("op" + i)), "a receiver that took a frame " + i + " ms ago is reading");
            now.addAndGet(1_000_000);
            if (i % 3 == 2) {
                t.completeNext(); // it takes one frame now and then: slower than the room, but reading
            }
        }
        t.completeNext(); // the last frame it takes
        now.addAndGet(Outbox.STALL_NANOS - 1);
        assertTrue(box.offer(Frame.of("op10")), "a frame was written within the last second");
        now.addAndGet(1);
        assertFalse(box.offer(Frame.of("op11")), "nothing taken for a second while at capacity: closed with 1013");
        assertEquals(0, box.waiting());
    }

    @Test
    void aReceiverThatKeepsReadingIsClosedAllTheSameOnceItsQueueIsFourTimesTheCapacity() {
        HeldTransport t = new HeldTransport();
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);
        Outbox box = new Outbox(t, 3, failure::set, false, null, (f, m) -> { }, 0, now::get);
        int accepted = 0;
        while (box.offer(Frame.of("op" + accepted))) {
            accepted++;
            assertTrue(accepted <= 100, "the queue is bounded");
            now.addAndGet(Outbox.STALL_NANOS); // waiting for a writer (nothing in flight) is not the reader's stall
        }
        assertEquals(3 * Outbox.BEHIND_FACTOR, accepted, "the backlog is the server's, up to 4x capacity");
    }

    @Test
    void aFailedSendClosesTheQueueAndIsReported() {
        IOException broken = new IOException("broken pipe");
        List<String> sent = new ArrayList<>();
        Outbox box = new Outbox((text, done) -> {
            sent.add(text);
            done.accept(broken);
        }, 10, failure::set);
        box.offer(Frame.of("1"));
        box.offer(Frame.of("2"));
        box.flush();
        assertSame(broken, failure.get());
        assertEquals(List.of("1"), sent);
        box.offer(Frame.of("3"));
        box.flush();
        assertEquals(List.of("1"), sent);
    }

    @Test
    void aBatchingReceiverGetsEverythingWaitingAsOneJsonArrayFrame() {
        HeldTransport t = new HeldTransport();
        Outbox box = new Outbox(t, 10, failure::set, true);
        box.offer(Frame.of("{\"n\":1}"));
        box.flush(); // alone in the queue: sent as it is
        box.offer(Frame.of("{\"n\":2}"));
        box.offer(Frame.latestWins("{\"c\":1}", "cursor:a"));
        box.offer(Frame.of("{\"n\":3}"));
        box.offer(Frame.latestWins("{\"c\":2}", "cursor:a"));
        t.completeNext();
        assertEquals(List.of("{\"n\":1}", "[{\"n\":2},{\"c\":2},{\"n\":3}]"), t.sent);
        t.completeNext();
        assertTrue(t.pending.isEmpty());
        assertEquals(0, box.waiting());
    }

    @Test
    void aBatchFrameStopsGrowingAtItsSizeLimit() {
        HeldTransport t = new HeldTransport();
        Outbox box = new Outbox(t, 100, failure::set, true);
        String big = "\"" + "x".repeat(Outbox.MAX_BATCH_CHARS / 3) + "\"";
        box.offer(Frame.of("0"));
        box.flush();
        for (int i = 0; i < 5; i++) {
            box.offer(Frame.of(big));
        }
        t.completeNext();
        t.completeNext();
        assertEquals(3, t.sent.size(), "0, then two batches");
        assertTrue(t.sent.get(1).length() <= Outbox.MAX_BATCH_CHARS + 2);
        assertTrue(t.sent.get(1).startsWith("[") && t.sent.get(2).endsWith("]"));
    }

    @Test
    void aSendThatThrowsIsReportedLikeAFailedOne() {
        IllegalStateException closed = new IllegalStateException("session closed");
        Outbox box = new Outbox((text, done) -> {
            throw closed;
        }, 10, failure::set);
        box.offer(Frame.of("1"));
        box.flush();
        assertSame(closed, failure.get());
    }

    @Test
    void withADrainerABlockingTransportWritesEverythingWaitingOnOneDrainerThread() throws Exception {
        // The "virtual" send mode: flush() hands the drain to the executor; each blocking send
        // completes inline, so one task writes everything waiting, in order, then the outbox is idle.
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService drainer = java.util.concurrent.Executors.newCachedThreadPool();
        AtomicInteger tasks = new AtomicInteger();
        try {
            Outbox box = new Outbox((text, done) -> {
                try {
                    release.await(); // a slow socket: the first write blocks until released
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                sent.add(text);
                threads.add(Thread.currentThread().getName());
                done.accept(null);
            }, 10, failure::set, false, task -> {
                tasks.incrementAndGet();
                drainer.execute(task);
            });
            box.offer(Frame.of("1"));
            box.flush();
            box.offer(Frame.of("2"));
            box.flush(); // a drain is running: no second task
            box.offer(Frame.of("3"));
            box.flush();
            assertEquals(1, tasks.get());
            release.countDown();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sent.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of("1", "2", "3"), sent);
            assertEquals(1, threads.stream().distinct().count());
            assertEquals(1, tasks.get());
            assertEquals(0, box.waiting());
            box.offer(Frame.of("4"));
            box.flush(); // idle again: a new drain starts
            while (sent.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(List.of("1", "2", "3", "4"), sent);
            assertEquals(2, tasks.get());
            assertNull(failure.get());
        } finally {
            drainer.shutdownNow();
        }
    }

    @Test
    void withABurstLimitADrainHandsTheRestToANewTaskAndKeepsTheOrder() {
        // The "pool" send mode: a few writers serve every receiver, so a drain writes at most
        // `burst` frames and queues the rest behind the other receivers, one send in flight still.
        List<String> sent = new ArrayList<>();
        java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        AtomicInteger submitted = new AtomicInteger();
        Outbox box = new Outbox((text, done) -> {
            sent.add(text);
            done.accept(null);
        }, 10, failure::set, false, task -> {
            submitted.incrementAndGet();
            tasks.add(task);
        }, (frames, messages) -> { }, 2);
        for (int i = 1; i <= 5; i++) {
            box.offer(Frame.of(Integer.toString(i)));
        }
        box.flush();
        box.flush(); // a drain is pending: no second one
        assertEquals(1, submitted.get());
        tasks.poll().run();
        assertEquals(List.of("1", "2"), sent);
        box.offer(Frame.of("6"));
        box.flush(); // still draining (its next turn is queued): nothing new starts
        assertEquals(2, submitted.get());
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
        assertEquals(List.of("1", "2", "3", "4", "5", "6"), sent);
        assertEquals(0, box.waiting());
        assertEquals(4, submitted.get());
        box.offer(Frame.of("7"));
        box.flush(); // idle again: a new drain starts
        assertEquals(5, submitted.get());
        tasks.poll().run();
        assertEquals("7", sent.get(6));
        assertNull(failure.get());
    }

    @Test
    void aBlockingDrainReportsItsFramesAndMessagesOnceWhenItEnds() {
        List<int[]> reports = new ArrayList<>();
        List<String> sent = new ArrayList<>();
        Outbox.BlockingTransport blocking = new Outbox.BlockingTransport() {
            @Override
            public Throwable write(String text) {
                sent.add(text);
                return null;
            }

            @Override
            public Throwable writePing() {
                return null;
            }
        };
        Outbox box = new Outbox(blocking, 10, failure::set, false, Runnable::run,
                (frames, messages) -> reports.add(new int[] {frames, messages}), 0);
        for (int i = 1; i <= 3; i++) {
            box.offer(Frame.of(Integer.toString(i)));
        }
        box.ping(); // a ping is written, not counted
        assertEquals(List.of("1", "2", "3"), sent);
        assertEquals(1, reports.size());
        assertArrayEquals(new int[] {3, 3}, reports.get(0));

        Outbox batched = new Outbox(blocking, 10, failure::set, true, Runnable::run,
                (frames, messages) -> reports.add(new int[] {frames, messages}), 0);
        for (int i = 1; i <= 3; i++) {
            batched.offer(Frame.of("{\"n\":" + i + "}"));
        }
        batched.flush();
        assertEquals(2, reports.size());
        assertArrayEquals(new int[] {1, 3}, reports.get(1), "one frame holding the three messages");
        assertNull(failure.get());
    }

    @Test
    void aDrainerThatRefusesTheTaskIsReportedAsAFailure() {
        java.util.concurrent.RejectedExecutionException refused = new java.util.concurrent.RejectedExecutionException("no");
        Outbox box = new Outbox((text, done) -> done.accept(null), 10, failure::set, false, task -> {
            throw refused;
        });
        box.offer(Frame.of("1"));
        box.flush();
        assertSame(refused, failure.get());
        assertFalse(box.offer(Frame.of("2")) && box.waiting() > 0);
    }
}
