package org.inkroom.web;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.room.Frame;
import org.inkroom.room.Peer;

/** A {@link Peer} over one WebSocket session, sending through its own {@link Outbox}. */
final class SessionPeer implements Peer {

    private static final Logger LOG = Logger.getLogger(SessionPeer.class.getName());
    private static final int INTERNAL_ERROR = 1011;

    /** Where async-mode closes run: a small pool of daemon threads that may wait inside the server. */
    private static final Executor CLOSER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "inkroom-closer");
        t.setDaemon(true);
        return t;
    });

    private final Session session;
    private final Outbox outbox;
    /** Where {@link #close} runs: a close can wait behind a blocked write, so with blocking writes it
     *  must not hold up the room's thread (found by SlowAndConcurrentTest's stalled reader). */
    private final Executor closer;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean releaseScheduled = new AtomicBoolean();

    /** Told when a send failed, before the session is closed: the member must go even if the server
     *  never calls {@code @OnClose} (Liberty does not for a connection its I/O error already tore down). */
    private final Runnable lost;

    private final String address;
    private final org.inkroom.room.RoomEvents events;
    /** How long after {@link #close} the connection is dropped if its client has not taken the close (ConnectionRelease). */
    private final long letGoMillis;
    private final Object releaseHandle;

    SessionPeer(Session session, WebSettings settings, boolean batching, Runnable lost) {
        this(session, settings, batching, lost, org.inkroom.room.RoomEvents.NONE, null);
    }

    SessionPeer(Session session, WebSettings settings, boolean batching, Runnable lost,
                org.inkroom.room.RoomEvents events, String address) {
        this.session = session;
        this.lost = lost;
        this.address = address;
        this.events = events;
        Outbox.Written written = events::sent;
        PayaraIdleTimer.apply(session); // before the first frame: Payara's own timer costs a jar scan per frame
        // Past the close's own wait for a write in flight (CLOSE_AFTER_WRITE_MS), with a margin.
        this.letGoMillis = Math.max(settings.sendTimeout().toMillis(), 5_000);
        this.releaseHandle = ConnectionRelease.handleOf(session);
        SendMode mode = settings.sendMode().resolve(session);
        if (mode.blocking()) {
            // Blocking writes, each drain on a virtual thread of its own (virtual) or on one of a fixed
            // set of platform threads, a receiver's queue per turn (pool): the send completes inline, so the
            // outbox's loop writes what is waiting without a callback or a thread hand-off per frame.
            SendPool pool = mode == SendMode.POOL ? SendPool.shared() : null;
            Executor drainer = pool != null ? pool : SendMode.drainer();
            // A close can wait behind a blocked write: never on one of the pool's few writers.
            this.closer = pool != null ? CLOSER : drainer;
            // Fetched once: Open Liberty's getBasicRemote() is synchronized on the session and wraps its
            // endpoint in a new object on every call (per frame, 61-103 samples in 30 s of a room of 50
            // at 3,000 sends/s; BENCHMARKS.md, session 43). The reference stands for this session's peer
            // for the session's life.
            jakarta.websocket.RemoteEndpoint.Basic remote = session.getBasicRemote();
            this.outbox = new Outbox(new Outbox.BlockingTransport() {
                @Override
                public Throwable write(String text) {
                    try {
                        remote.sendText(text);
                    } catch (IOException e) {
                        LibertyWriteRelease.afterFailedWrite(session);
                        return e;
                    } catch (RuntimeException e) {
                        return e;
                    }
                    if (pool != null) {
                        pool.progressed();
                    }
                    return null;
                }

                @Override
                public Throwable writePing() {
                    return sendPing(session);
                }
            }, settings.outboxCapacity(), this::sendFailed, batching, drainer, written, pool != null ? SendPool.BURST : 0);
        } else {
            // Off the caller's thread: Liberty's close waits for a write in flight, and the caller
            // is a room (or its bus thread) closing a receiver that stopped reading.
            this.closer = CLOSER;
            if (!ConnectionRelease.replacesSendTimeout(session)) { // Undertow's timer costs work per frame
                session.getAsyncRemote().setSendTimeout(settings.sendTimeout().toMillis());
            }
            this.outbox = new Outbox(new Outbox.Transport() {
                        /** The outbox passes the same callback every time: one handler for it, not one per frame. */
                        private volatile Handler handler;

                        @Override
                        public void send(String text, java.util.function.Consumer<Throwable> done) {
                            Handler h = handler;
                            if (h == null || h.done() != done) {
                                h = new Handler(done, result -> done.accept(result.isOK() ? null : result.getException()));
                                handler = h;
                            }
                            session.getAsyncRemote().sendText(text, h.handler());
                        }

                        @Override
                        public void ping(java.util.function.Consumer<Throwable> done) {
                            // A ping is written in the caller's thread: not the heartbeat's, which serves every peer.
                            CLOSER.execute(() -> done.accept(sendPing(session)));
                        }
                    },
                    settings.outboxCapacity(),
                    this::sendFailed,
                    batching,
                    null,
                    written);
        }
    }

    private record Handler(java.util.function.Consumer<Throwable> done, jakarta.websocket.SendHandler handler) { }

    private static Throwable sendPing(Session session) {
        try {
            session.getBasicRemote().sendPing(java.nio.ByteBuffer.allocate(0));
            return null;
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    /** Something (a message, a pong) arrived from the peer. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long lastHeardNanos() {
        return lastHeardNanos;
    }

    /** How long the write in flight has been going (0: none). */
    long sendingFor(long nowNanos) {
        return outbox.sendingFor(nowNanos);
    }

    /** Pings the peer (after the write in flight, if any). */
    void ping() {
        outbox.ping();
    }

    private volatile long lastHeardNanos = System.nanoTime();

    @Override
    public boolean offer(Frame frame) {
        return outbox.offer(frame);
    }

    @Override
    public void flush() {
        outbox.flush();
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public int queued() {
        return outbox.waiting();
    }

    /**
     * Once: a room can close a peer from two threads at once (the bus going away and a failed
     * publish), and Liberty answers a second concurrent close by dropping the connection without a
     * close frame (the client saw 1006 instead of the code it was sent).
     */
    @Override
    public void close(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // A client that stopped reading never takes the close: WildFly and Payara would keep its
        // connection (and the data queued for it) for as long as the client does. Found before the
        // close starts: once Payara's upgrade has ended, the request's buffers are recycled.
        ConnectionRelease release = ConnectionRelease.of(session, releaseHandle);
        AtomicBoolean sent = new AtomicBoolean();
        Runnable closeOnce = () -> {
            if (sent.compareAndSet(false, true)) {
                closer.execute(() -> closeSession(session, code, reason));
            }
        };
        // After the write in flight, if any; a write that never finishes (a reader that stopped)
        // must not keep the close waiting: at most CLOSE_AFTER_WRITE_MS.
        outbox.closeThen(closeOnce);
        if (!sent.get()) {
            DELAYED.schedule(closeOnce, CLOSE_AFTER_WRITE_MS, TimeUnit.MILLISECONDS);
        }
        releaseStuckWritesLater();
        releaseLater(release);
    }

    private void releaseLater(ConnectionRelease release) {
        if (release != null) {
            DELAYED.schedule(release::letGo, letGoMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Once this peer is closed or being closed (the endpoint's leave, on close and on a failed send;
     * and a close from here, should the server never call {@code @OnClose}): a write still blocked
     * on its connection some seconds later is failed (see LibertyWriteRelease). Nothing on servers
     * where that does not apply.
     */
    void releaseStuckWritesLater() {
        if (LibertyWriteRelease.mayApply() && releaseScheduled.compareAndSet(false, true)) {
            Session s = session; // not this peer: its outbox need not live 10 s longer
            DELAYED.schedule(() -> LibertyWriteRelease.releaseStuckWrites(s), RELEASE_STUCK_WRITES_MS, TimeUnit.MILLISECONDS);
        }
    }

    private static final long CLOSE_AFTER_WRITE_MS = 1000;
    private static final ScheduledExecutorService DELAYED = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "inkroom-close-timer");
        t.setDaemon(true);
        return t;
    });

    /**
     * A failed send drops this receiver only; it reconnects and resyncs. The session is closed a
     * moment later, and only if the server has not closed it by then: the failure can be the server
     * refusing a frame because the peer's close frame has just arrived. Undertow refuses sends as
     * soon as it reads a close frame's header; a close from here before it has handled that frame
     * marks the session closed, its close handler then skips the reply, and the client waits for a
     * close frame that never comes (1 in about 700 polite closes while a room was sending, measured
     * on WildFly 39; {@code DeployedIT#aClientClosingWhileTheRoomSendsToItGetsTheServersCloseReply}).
     */
    private void sendFailed(Throwable failure) {
        LOG.log(Level.FINE, failure, () -> "Send to session " + session.getId() + " failed; closing it");
        lost.run(); // first: closing can wait seconds inside the server (see LibertyWriteRelease)
        if (closing.compareAndSet(false, true)) { // a send that fails because we are closing: that close stands
            releaseLater(ConnectionRelease.of(session, releaseHandle));
            DELAYED.schedule(() -> closer.execute(() -> {
                if (session.isOpen()) {
                    events.receiverClosed(INTERNAL_ERROR);
                    closeSession(session, INTERNAL_ERROR, "send failed");
                }
            }), CLOSE_AFTER_FAILURE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Long enough for the server to handle a close frame it has started reading. */
    private static final long CLOSE_AFTER_FAILURE_MS = 1000;

    /**
     * Past the closes above (1 s) and the 5.5 s Liberty's own close waits for a write in flight, with
     * a margin. The close that gets stuck (after a read error) does not wait: Liberty calls
     * {@code @OnClose}, which starts this delay, and then writes its close frame.
     */
    private static final long RELEASE_STUCK_WRITES_MS = 10_000;

    static void closeSession(Session session, int code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, e, () -> "Closing session " + session.getId() + " failed");
        }
    }
}
