package org.inkroom.web;

import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works around an Open Liberty defect (seen in 26.0.0.3): when a blocking
 * {@code getBasicRemote().sendText} fails with an I/O error (the client vanished mid-write),
 * Liberty's {@code WsocConnLink.writeBufferForBasicRemoteSync} skips its {@code signalNotWriting()},
 * so the connection stays marked "writing" for ever. The client's close frame, read next, then parks
 * a Liberty executor thread in {@code WsocConnLink.waitToClose} (an untimed wait) for the life of the
 * server, and a later {@code session.close()} waits 5 s for the write that already ended. A crowd that
 * drops at once (a proxy restart) leaked one executor thread per such session (DeployedIT's crowd test).
 *
 * <p>After a failed blocking send this does what Liberty's own success path does: marks the write
 * over.
 *
 * <p>A second defect of the same server: when a read fails because the client reset the
 * connection, Liberty closes the session itself and writes the close frame synchronously
 * ({@code WsocConnLink.processReadErrorComplete}, then {@code close}) without waiting for a
 * blocking send in flight on the same connection. For about 1 in 340 connections dropped at once
 * (15 of 5,100), a write on the connection's one write context is then never completed nor timed
 * out: a Liberty executor thread (sometimes one of Inkroom's pool writers too) waits in
 * {@code SimpleSync.simpleWait} for the life of the server, and the socket stays open (DeployedIT's
 * crowd test; BENCHMARKS.md, session 45). {@link #releaseStuckWrites} fails the writes still
 * blocked on a connection some seconds after Inkroom began closing it or a send to it failed, as
 * the TCP channel does when a write fails: both threads go on, and the close releases the socket.
 *
 * <p>Both reach Liberty's internals by reflection, so on another server (Payara, WildFly) or a
 * Liberty whose internals differ they find nothing, log that once and do nothing from then on.
 */
final class LibertyWriteRelease {

    private static final Logger LOG = Logger.getLogger(LibertyWriteRelease.class.getName());
    private static volatile boolean unavailable;
    private static volatile boolean stuckWritesUnavailable;

    private LibertyWriteRelease() { }

    /** Call after a blocking send on {@code session} threw; harmless when nothing needs releasing. */
    static void afterFailedWrite(Session session) {
        if (unavailable) {
            return;
        }
        try {
            Object link = connLink(session);
            link.getClass().getMethod("signalNotWriting").invoke(link);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.FINE, e, () -> "No Open Liberty connection under " + session.getClass().getName()
                    + "; failed writes are left to the server");
        }
    }

    /** False once a session showed this is not Open Liberty (or one whose connection classes differ). */
    static boolean mayApply() {
        return !stuckWritesUnavailable;
    }

    /**
     * Call some seconds after Inkroom began closing {@code session} or a send to it failed: every
     * thread still blocked writing to that connection gets an IOException. Whether one is cannot be
     * read reliably (two writers share the context's one "blocked" flag, and the one that finishes
     * clears it for both), so the waiters are woken in any case: a write that comes later starts
     * by clearing the error, and a wake-up with nobody waiting only makes the next blocked write
     * look at its socket once more.
     */
    static void releaseStuckWrites(Session session) {
        if (stuckWritesUnavailable) {
            return;
        }
        Object link;
        try {
            link = connLink(session);
        } catch (ReflectiveOperationException | RuntimeException notLiberty) {
            stuckWritesUnavailable = true;
            LOG.log(Level.FINE, notLiberty, () -> "No Open Liberty connection under " + session.getClass().getName()
                    + "; writes blocked on a closed connection are left to the server");
            return;
        }
        try {
            Object linkWrite = ServerInternals.field(link.getClass(), "linkWrite").get(link);
            Object context = ServerInternals.field(linkWrite.getClass(), "tcpWriteContext").get(linkWrite);
            Object wait = context == null ? null : ServerInternals.field(context.getClass(), "blockWait").get(context);
            if (wait == null) {
                return; // no blocking write ever waited on this connection
            }
            ServerInternals.field(context.getClass(), "blockingIOError").set(context,
                    new IOException("the connection's writes were blocked after it was closed; released by Inkroom"));
            Method notify = wait.getClass().getDeclaredMethod("simpleNotify");
            notify.setAccessible(true);
            notify.invoke(wait); // one waiter, or the next to wait
            synchronized (wait) {
                wait.notifyAll(); // the others: each sees the error and throws it
            }
            LOG.fine(() -> "Woke any thread blocked writing to session " + session.getId() + " after it was closed");
        } catch (ReflectiveOperationException | RuntimeException otherConnection) {
            // A connection of another kind (TLS has its own write context): this one is left to the server.
            LOG.log(Level.FINE, otherConnection, () -> "No blocking-write context to release under session " + session.getId());
        }
    }

    private static Object connLink(Session session) throws ReflectiveOperationException {
        Object impl = session.getClass().getMethod("getSessionImpl").invoke(session);
        return ServerInternals.field(impl.getClass(), "connLink").get(impl);
    }
}
