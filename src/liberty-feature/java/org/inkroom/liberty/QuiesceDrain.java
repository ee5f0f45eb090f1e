package org.inkroom.liberty;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.hooks.bundle.EventHook;

/**
 * Liberty's stop ({@code server stop}, SIGTERM) begins when the OSGi system bundle reports STOPPING:
 * Liberty's own listener for that event starts the quiesce, whose first act stops the HTTP chains and
 * drops every connection, WebSocket ones included, within milliseconds; the applications stop after
 * that, so an application's {@code @PreDestroy} finds its sockets gone and clients see 1006 (measured,
 * and a quiesce listener of our own lost the same race by 2 ms). A bundle event hook runs before any
 * listener gets the event: this one asks each deployed Inkroom, through its JMX control
 * {@code org.inkroom:type=Server}, to close its members with 1001 and waits (at most a few seconds)
 * for them to go, before Liberty's quiesce begins.
 */
public class QuiesceDrain implements EventHook {

    private static final Logger LOG = Logger.getLogger(QuiesceDrain.class.getName());
    private final AtomicBoolean drained = new AtomicBoolean();

    @Override
    public void event(BundleEvent event, Collection<BundleContext> contexts) {
        if (event.getType() != BundleEvent.STOPPING || event.getBundle().getBundleId() != 0 || !drained.compareAndSet(false, true)) {
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            for (ObjectName name : server.queryNames(new ObjectName("org.inkroom:type=Server,*"), null)) {
                try {
                    Object closed = server.invoke(name, "drain", null, null);
                    LOG.log(Level.INFO, "Inkroom {0}: closed {1} members with 1001 before the server stops",
                            new Object[] {name.getKeyProperty("context"), closed});
                } catch (JMException | RuntimeException e) {
                    LOG.log(Level.WARNING, "Inkroom {0} could not drain before the server stops: {1}",
                            new Object[] {name.getKeyProperty("context"), e.toString()});
                }
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Inkroom drain on stop: {0}", e.toString());
        }
    }
}
