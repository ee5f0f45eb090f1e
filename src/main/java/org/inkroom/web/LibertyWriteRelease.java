package org.inkroom.web;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
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
 * over. It reaches Liberty's internals by reflection, so on another server (Payara, WildFly) or a
 * Liberty whose internals differ it finds nothing, logs that once and does nothing from then on.
 */
final class LibertyWriteRelease {

    private static final Logger LOG = Logger.getLogger(LibertyWriteRelease.class.getName());
    private static volatile boolean unavailable;

    private LibertyWriteRelease() { }

    /** Call after a blocking send on {@code session} threw; harmless when nothing needs releasing. */
    static void afterFailedWrite(Session session) {
        if (unavailable) {
            return;
        }
        try {
            Method sessionImpl = session.getClass().getMethod("getSessionImpl");
            Object impl = sessionImpl.invoke(session);
            Field connLink = impl.getClass().getDeclaredField("connLink");
            connLink.setAccessible(true);
            Object link = connLink.get(impl);
            link.getClass().getMethod("signalNotWriting").invoke(link);
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(Level.FINE, e, () -> "No Open Liberty connection under " + session.getClass().getName()
                    + "; failed writes are left to the server");
        }
    }
}
