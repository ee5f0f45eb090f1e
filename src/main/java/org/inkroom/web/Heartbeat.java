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
 */
@ApplicationScoped
public class Heartbeat {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    private final Set<SessionPeer> peers = ConcurrentHashMap.newKeySet();
    private final long timeoutNanos;
    private final long timeoutSeconds;
    private final long stuckNanos;
    private final RoomRegistry registry;
    private final ScheduledExecutorService timer;

    @Inject
    public Heartbeat(WebSettings settings, RoomRegistry registry) {
        this.registry = registry;
        this.timeoutNanos = settings.connections().pingTimeout().toNanos();
        // An async send fails by itself after the send timeout; one that never reports back (seen on
        // Tyrus for a frame it could not encode), or a blocking write to a reader that stopped, is cut here.
        this.stuckNanos = settings.sendTimeout().plusSeconds(5).toNanos();
        this.timeoutSeconds = settings.connections().pingTimeout().toSeconds();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inkroom-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = settings.connections().pingInterval().toMillis();
        timer.scheduleWithFixedDelay(this::beatSafely, every, every, TimeUnit.MILLISECONDS);
    }

    /** Only for the CDI client proxy. */
    protected Heartbeat() {
        registry = null;
        timer = null;
        timeoutNanos = 0;
        timeoutSeconds = 0;
        stuckNanos = 0;
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

    private void beat() {
        long now = System.nanoTime();
        for (SessionPeer peer : peers) {
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
            } else {
                peer.ping();
            }
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
