package org.inkroom.web;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.reflect.Field;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.inkroom.config.Config;

/**
 * On WildFly ({@code inkroom.undertow.dispatch}, default {@code io}): this application's WebSocket
 * messages are handled on Undertow's I/O thread that read them, not handed to a worker thread each.
 *
 * <p>Undertow hands every incoming frame to its worker pool unless the server's
 * {@code dispatch-to-worker} is off; each hand-off wakes a parked worker, and parking and waking
 * was 27 % of the worker threads' CPU samples at 200 rooms x 10, 5,000 sends/s (BENCHMARKS.md,
 * session 28). Inkroom's handlers never block (a room's lock is held for the apply only, stores and
 * the bus are asynchronous, closes run on threads of their own), so they may run where the frame
 * was read. The server's setting is server-wide, and other applications on it may block in their
 * handlers, so this turns it off for this deployment only: {@code ServerWebSocketContainer} is
 * created per deployment and reads its {@code dispatchToWorker} flag once per new session.
 *
 * <p>It reaches Undertow's field by reflection, before the first connection: on another server, or
 * an Undertow whose internals differ, it does nothing and says so at FINE.
 */
@WebListener
public class UndertowDispatch implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(UndertowDispatch.class.getName());
    static final String UNDERTOW_CONTAINER = "io.undertow.websockets.jsr.ServerWebSocketContainer";

    /** The configured value, {@code io} or {@code worker}; anything else is refused (start-up checks it). */
    static String configured() {
        return Config.choice("inkroom.undertow.dispatch", "io", List.of("io", "worker"));
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        String mode;
        try {
            mode = configured();
        } catch (IllegalArgumentException bad) {
            return; // start-up reports it in one line and stops the application (Producers)
        }
        Object container = event.getServletContext().getAttribute("jakarta.websocket.server.ServerContainer");
        if (container == null || !container.getClass().getName().equals(UNDERTOW_CONTAINER)) {
            return; // not WildFly
        }
        if (apply(container, mode.equals("worker"))) {
            LOG.log(Level.INFO, "inkroom.undertow.dispatch={0}: WebSocket messages are handled on {1}",
                    new Object[] {mode, mode.equals("io") ? "Undertow's I/O threads" : "Undertow's worker threads"});
        }
    }

    /** Sets the container's flag; false if this Undertow has no such field. */
    static boolean apply(Object container, boolean dispatchToWorker) {
        try {
            Field f = container.getClass().getDeclaredField("dispatchToWorker");
            f.setAccessible(true);
            f.setBoolean(container, dispatchToWorker);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, e, () -> "Cannot set Undertow's dispatchToWorker in " + container.getClass().getName());
            return false;
        }
    }
}
