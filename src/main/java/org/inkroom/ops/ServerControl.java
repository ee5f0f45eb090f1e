package org.inkroom.ops;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.inkroom.room.RoomRegistry;

/**
 * Registers {@link ServerControlMBean} while the application runs. The JMX call arrives on a thread
 * of whoever calls (a JMX client, Liberty's stop hook), so the work runs with this application's
 * class loader as the context class loader.
 */
@WebListener
public class ServerControl implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(ServerControl.class.getName());
    static final Duration DRAIN_WAIT = Duration.ofSeconds(2);

    @Inject
    RoomRegistry rooms;

    private ObjectName name;

    /** The name this application's MBean has: one per context root, so two deployments never collide. */
    private static ObjectName objectName(String contextPath) throws JMException {
        return new ObjectName("org.inkroom:type=Server,context=" + ObjectName.quote(contextPath.isEmpty() ? "/" : contextPath));
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        RoomRegistry registry = rooms;
        ServerControlMBean control = new ServerControlMBean() {
            @Override
            public int getMembers() {
                return registry.members();
            }

            @Override
            public boolean isDraining() {
                return registry.shuttingDown();
            }

            @Override
            public int drain() {
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    return registry.drain(DRAIN_WAIT);
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }
        };
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName candidate = objectName(event.getServletContext().getContextPath());
            server.registerMBean(new StandardMBean(control, ServerControlMBean.class), candidate);
            name = candidate;
        } catch (JMException | SecurityException e) {
            LOG.log(Level.WARNING, "Inkroom's JMX control (drain before stop) is not available: {0}", e.toString());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.log(Level.FINE, "Unregistering " + name + " failed", e);
        }
    }
}
