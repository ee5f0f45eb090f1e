package org.inkroom.web;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.room.Peer;
import org.inkroom.room.RoomRegistry;

/**
 * Pings every connection each {@code inkroom.ping.interval.seconds} and closes (4408) one that has
 * sent nothing, not even a pong, for {@code inkroom.ping.timeout.seconds}: a peer that vanished
 * without closing (a laptop lid, a dropped mobile link) leaves its room within timeout + interval.
 * Browsers and WebSocket libraries answer pings by themselves. It also closes (1011) a connection
 * whose write has been in flight for longer than the send timeout and 5 s.
 *
 * <p>The work is spread over the interval: the connections fall into {@link #SLICES} groups and one
 * group is visited per tick, so each is still visited once an interval. A connection heard from in
 * the last half interval (at most timeout - interval) is alive and gets no ping. Pinging all of them
 * at once (2,000 pings, on WildFly and Payara each a blocking write on a thread of its own) stalled
 * every room for 0.3-0.8 s every 20 s under load (BENCHMARKS.md, "Session 22").
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    private final Set<SessionPeer> peers = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final long timeoutSeconds;
    private final long stuckNanos;
    /** A connection heard from more recently than this needs no ping to show it is alive. */
    private final long quietNanos;
    private final int slices;
    private final RoomRegistry registry;
    private final ScheduledExecutorService timer;

    @Inject
    public Heartbeat(WebSettings settings, RoomRegistry registry) {
        this.registry = registry;
        this.timeoutNanos = settings.connections().pingTimeout().toNanos();
        // An async send fails by itself after the send timeout (not on WildFly, where none is set: see
        // ConnectionRelease); one that never reports back (seen on Tyrus for a frame it could not
        // encode), an async send on WildFly, or a blocking write to a reader that stopped, is cut here.
        this.stuckNanos = settings.sendTimeout().plusSeconds(5).toNanos();
        this.timeoutSeconds = settings.connections().pingTimeout().toSeconds();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkroom-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.connections().pingInterval().toMillis();
        this.quietNanos = quietNanos(settings.connections().pingInterval().toNanos(), timeoutNanos);
        this.slices = slicesFor(every);
        long tick = every / slices;
        timer.scheduleWithFixedDelay(this::beatSafely, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** Groups the connections are split into: one visited per tick, ticks at least 50 ms apart. */
    static final int SLICES = 20;

    static int slicesFor(long intervalMillis) {
        return (int) Math.max(1, Math.min(SLICES, intervalMillis / 50));
    }

    /**
     * How recently a connection must have been heard from to skip its ping: half the interval, but
     * no more than timeout - interval, so that a connection skipped at one visit is pinged at the
     * next one before it can count as silent, and has a whole interval to answer (with the timeout
     * equal to the interval, every connection is pinged at every visit).
     */
    static long quietNanos(long intervalNanos, long timeoutNanos) {
        return Math.max(0, Math.min(intervalNanos / 2, timeoutNanos - intervalNanos));
    }

    /** The group a connection belongs to, of {@code slices}. */
    static int sliceOf(Object peer, int slices) {
        return Math.floorMod(System.identityHashCode(peer), slices);
    }

    /** Only for the CDI client proxy. */
    protected Heartbeat() {
        registry = null;
        timer = null;
        timeoutNanos = 0;
        timeoutSeconds = 0;
        stuckNanos = 0;
        quietNanos = 0;
        slices = 1;
    }

    private static final int SEND_STUCK = 1011;

    void watch(SessionPeer peer) {
        peers.add(peer);
    }

    void forget(SessionPeer peer) {
        peers.remove(peer);
    }

    /** Connections watched now. */
    int watched() {
        return peers.size();
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Heartbeat failed; will retry", e);
        }
    }

    private int tick;

    private void beat() {
        long now = System.nanoTime();
        int slice = tick;
        tick = (tick + 1) % slices;
        for (SessionPeer peer : peers) {
            if (sliceOf(peer, slices) != slice) {
                continue;
            }
            if (peer.sendingFor(now) > stuckNanos) {
                peers.remove(peer);
                registry.events().receiverClosed(SEND_STUCK);
                LOG.log(Level.FINE, "Closing a connection from {0}: a send has not completed", peer.address());
                peer.close(SEND_STUCK, "a send to this connection did not complete");
            } else if (now - peer.lastHeardNanos() > timeoutNanos) {
                peers.remove(peer);
                registry.events().receiverClosed(Peer.NO_PONG);
                LOG.log(Level.FINE, "Closing a connection from {0}: silent for {1} s", new Object[] {peer.address(), timeoutSeconds});
                peer.close(Peer.NO_PONG, "no answer to ping within " + timeoutSeconds + " s");
            } else if (now - peer.lastHeardNanos() >= quietNanos) {
                peer.ping();
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
