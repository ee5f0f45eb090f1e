package org.inkroom.web;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.room.Frame;
import org.inkroom.room.Peer;

/** A {@link Peer} over one WebSocket session, sending through its own {@link Outbox}. */
final class SessionPeer implements Peer {

    private static final Logger LOG = Logger.getLogger(SessionPeer.class.getName());
    private static final int INTERNAL_ERROR = 1011;

    private final Session session;
    private final Outbox outbox;

    SessionPeer(Session session, WebSettings settings, boolean batching) {
        this.session = session;
        session.getAsyncRemote().setSendTimeout(settings.sendTimeout().toMillis());
        this.outbox = new Outbox(
                (text, done) -> session.getAsyncRemote().sendText(text,
                        result -> done.accept(result.isOK() ? null : result.getException())),
                settings.outboxCapacity(),
                this::sendFailed,
                batching);
    }

    @Override
    public boolean offer(Frame frame) {
        return outbox.offer(frame);
    }

    @Override
    public void flush() {
        outbox.flush();
    }

    @Override
    public void close(int code, String reason) {
        outbox.close();
        closeSession(session, code, reason);
    }

    /** A failed send drops this receiver only; it reconnects and resyncs. */
    private void sendFailed(Throwable failure) {
        LOG.log(Level.FINE, failure, () -> "Send to session " + session.getId() + " failed; closing it");
        closeSession(session, INTERNAL_ERROR, "send failed");
    }

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
