package org.inkroom.web;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code pool} send mode's writers: a fixed set of platform threads ({@code inkroom.send.pool.threads},
 * default 2 per core) that drain busy receivers' outboxes with blocking writes: a turn writes what a
 * receiver has waiting, up to {@link #BURST} frames, so a receiver whose queue refills as fast as it is
 * written cannot hold a writer for good while others wait.
 *
 * <p>A blocking write to a reader that stopped reading blocks its writer until the server gives up
 * on the socket. So that a few stalled readers cannot stall every room, a watchdog adds writers
 * (up to {@link #MAX_THREADS}) while drains are waiting and no write has completed for
 * {@link #STALL_MS}, and lets the extra ones go once writes flow and nothing waits again.
 */
final class SendPool implements Executor {

    /**
     * Frames one drain writes before it lets the next waiting receiver have the thread. It was 32
     * until session 42. On Liberty 17 with one room of 50 plain clients, turns of 32 failed every step
     * at 3,500 and 4,000 sends/s in two runs of two rounds (p99 0.15-4.3 s; once 14 receivers closed
     * with 1013), where turns that empty a receiver's queue, as the floor's writers do, passed 3,000 in
     * both rounds, 3,500 in one of two and 4,000 in one of four, and delivered every message at 4,000
     * (BENCHMARKS.md, session 42). 1,024 frames is a receiver about a quarter of a second behind at
     * that rate: the bound only bites in such a backlog.
     */
    static final int BURST = 1024;
    static final int MAX_THREADS = 256;
    static final long STALL_MS = 200;

    private static volatile SendPool shared;

    private final int base;
    private final ThreadPoolExecutor executor;
    /**
     * Writes completed, for the watchdog. Striped: every writer adds to it after every frame it writes,
     * from every core, and a single counter would be one cache line they all write.
     */
    private final LongAdder progress = new LongAdder();
    private final ScheduledExecutorService watchdog;
    private long lastProgress = -1;
    private long stalledSinceNanos;

    SendPool(int threads) {
        this.base = threads;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, MAX_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "inkroom-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkroom-send-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::check, STALL_MS, STALL_MS / 2, TimeUnit.MILLISECONDS);
    }

    /** The one pool of this application ({@link #configuredThreads} writers), created on first use. */
    static SendPool shared() {
        SendPool p = shared;
        if (p == null) {
            synchronized (SendPool.class) {
                p = shared;
                if (p == null) {
                    p = new SendPool(configuredThreads());
                    shared = p;
                }
            }
        }
        return p;
    }

    /** {@code inkroom.send.pool.threads}, default 2 per core (at least 2). */
    static int configuredThreads() {
        int perDefault = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
        return (int) org.inkroom.config.Config.number("inkroom.send.pool.threads", perDefault, 1, MAX_THREADS);
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** A write (or a drain) finished: the writers are not all stuck. */
    void progressed() {
        progress.increment();
    }

    int threads() {
        return executor.getCorePoolSize();
    }

    private synchronized void check() {
        long now = System.nanoTime();
        long p = progress.sum();
        boolean waiting = !executor.getQueue().isEmpty();
        if (p != lastProgress || !waiting) {
            lastProgress = p;
            stalledSinceNanos = now;
            if (!waiting && executor.getCorePoolSize() > base) {
                executor.setCorePoolSize(base); // the extra writers end once idle
            }
            return;
        }
        if (now - stalledSinceNanos >= STALL_MS * 1_000_000 && executor.getCorePoolSize() < MAX_THREADS) {
            // Every writer is inside a write that does not finish while receivers wait: one more writer.
            executor.setCorePoolSize(Math.min(MAX_THREADS, executor.getCorePoolSize() + base));
            stalledSinceNanos = now;
        }
    }

    void shutdown() {
        watchdog.shutdownNow();
        executor.shutdownNow();
    }
}
