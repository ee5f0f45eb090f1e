package org.inkroom.web;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets go of a connection that Inkroom closed and whose client never read the close: a client that
 * stopped reading but keeps its socket open (a frozen tab, a stuck proxy). The server's close frame
 * then waits behind the data the client has not read, no close handshake can finish, and the socket
 * (with up to a few MB of unsent data in the kernel) stays for as long as the client keeps it.
 * {@code LimitsIT} measured, for a member dropped with 1013 whose client never read again:
 * <ul>
 * <li>Open Liberty lets the connection go by itself, 30 s after the drop;
 * <li>WildFly (Undertow) only through a send timeout, which costs a timer armed and removed on the
 *     connection's I/O thread for every frame that does not flush at once (2.6 % of the I/O threads'
 *     CPU at 36,000 deliveries/s; BENCHMARKS.md, session 46). Inkroom sets none there; once it has
 *     closed a session it calls {@code UndertowSession.forceClose()} if the connection is still open;
 * <li>Payara Micro (Tyrus on Grizzly) never, send timeout or not (42 s and counting; closing Tyrus's
 *     writer, which closes the servlet {@code WebConnection}, was tried first and left it open).
 *     Inkroom terminates the Grizzly connection, which does not wait for the writes queued before it.
 * </ul>
 * {@link #letGo} runs the send timeout (at least 5 s) after Inkroom began closing a session: a member
 * dropped for not reading (1013), for a write stuck past the send timeout (the heartbeat's 1011), or
 * for a send that failed (1011: on Payara, Tyrus's own send timeout). Undertow and Tyrus
 * are reached by reflection, as the WAR does not see their classes. On Liberty nothing applies;
 * should either server's classes differ, that is logged once (without a stack trace) and the release
 * is off.
 */
final class ConnectionRelease {

    private static final Logger LOG = Logger.getLogger(ConnectionRelease.class.getName());

    private static final String UNDERTOW_SESSION = "io.undertow.websockets.jsr.UndertowSession";
    private static volatile boolean broken;

    private final Session session;
    /** Undertow: the session; Tyrus: the Grizzly connection under it, found while the session is open. */
    private final Object target;
    private final boolean undertow;

    private ConnectionRelease(Session session, Object target, boolean undertow) {
        this.session = session;
        this.target = target;
        this.undertow = undertow;
    }

    /** True on WildFly: no send timeout is set there, this release stands in for it. */
    static boolean replacesSendTimeout(Session session) {
        return !broken && session.getClass().getName().equals(UNDERTOW_SESSION);
    }

    /**
     * What {@link #of} needs later, taken at open: Undertow's session itself, Tyrus's async remote
     * (a Tyrus session that has begun closing refuses to hand it out); null where no release applies.
     */
    static Object handleOf(Session session) {
        if (broken) {
            return null;
        }
        return switch (session.getClass().getName()) {
            case UNDERTOW_SESSION -> session;
            case "org.glassfish.tyrus.core.TyrusSession" -> session.getAsyncRemote();
            default -> null;
        };
    }

    /**
     * The release for a session's connection, taken when Inkroom starts closing it (the connection
     * still open, and on Payara its upgrade complete); null where none applies.
     */
    static ConnectionRelease of(Session session, Object handle) {
        if (broken || handle == null) {
            return null;
        }
        if (handle == session) {
            return new ConnectionRelease(session, session, true);
        }
        // Only from a session still open: once the upgrade has ended, the request's output buffer
        // is recycled (its connection cleared, then another request's), so it must not be read.
        if (!session.isOpen()) {
            return null;
        }
        try {
            Object connection = grizzlyConnection(handle);
            if (connection == null || !session.isOpen()) {
                return null;
            }
            return new ConnectionRelease(session, connection, false);
        } catch (ReflectiveOperationException | ClassCastException e) {
            off(e);
            return null;
        } catch (RuntimeException e) { // nothing written yet (no output stream), or the connection already gone
            LOG.log(Level.FINE, () -> "No connection to drop under session " + session.getId() + ": " + e);
            return null;
        }
    }

    /** Drops the connection if the server still holds it. */
    void letGo() {
        if (broken) {
            return;
        }
        try {
            if (undertow) {
                // Undertow's isOpen is its channel's: false once the close handshake ended.
                if (session.isOpen()) {
                    target.getClass().getMethod("forceClose").invoke(target);
                    LOG.log(Level.FINE, () -> "Dropped the connection of session " + session.getId());
                }
            } else {
                // Terminating does not wait for the writes queued before it, which a client that
                // stopped reading never takes. A connection already closed stays so.
                Method terminate = target.getClass().getMethod("terminateSilently");
                terminate.setAccessible(true);
                terminate.invoke(target);
                LOG.log(Level.FINE, () -> "Terminated the connection of session " + session.getId());
            }
        } catch (java.lang.reflect.InvocationTargetException e) { // this connection's own trouble
            LOG.log(Level.FINE, () -> "Dropping the connection of session " + session.getId() + " failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            off(e);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, () -> "Dropping the connection of session " + session.getId() + " failed: " + e);
        }
    }

    private static void off(Exception e) {
        broken = true; // not the server these classes were written against: off for good
        LOG.log(Level.WARNING, () -> "Cannot drop the connections of closed sessions on this server (" + e
                + "); a connection whose client stops reading stays open until the client goes");
    }

    /**
     * The Grizzly connection under a Tyrus session's async remote: its writer's (Tyrus's own Grizzly
     * container), or through the servlet upgrade (Payara) the writer's output stream and the output
     * buffers under it. Taken before the close: the request's objects are recycled once the upgrade
     * ends. (The upgrade handler's {@code WebConnection} was already null at that point on Payara.)
     * Null when there is none to drop (the buffer already recycled).
     */
    private static Object grizzlyConnection(Object remote) throws ReflectiveOperationException {
        Object webSocket = ServerInternals.field(remote.getClass(), "webSocket").get(remote);
        Object handler = ServerInternals.field(webSocket.getClass(), "protocolHandler").get(webSocket);
        Object writer = ServerInternals.field(handler.getClass(), "writer").get(handler);
        Field direct = ServerInternals.findField(writer.getClass(), "connection");
        if (direct != null) {
            return direct.get(writer);
        }
        // The servlet writer's output stream (set at its first write): Payara's CoyoteOutputStream, its
        // catalina OutputBuffer, and the Grizzly output buffer under that.
        Object stream = ServerInternals.field(writer.getClass(), "servletOutputStream").get(writer);
        Object catalinaBuffer = ServerInternals.field(stream.getClass(), "ob").get(stream);
        Object grizzlyBuffer = ServerInternals.field(catalinaBuffer.getClass(), "grizzlyOutputBuffer").get(catalinaBuffer);
        return ServerInternals.field(grizzlyBuffer.getClass(), "connection").get(grizzlyBuffer); // null once recycled
    }
}
