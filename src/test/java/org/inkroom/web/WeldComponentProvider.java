package org.inkroom.web;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpoint;
import org.glassfish.tyrus.core.ComponentProvider;

/**
 * Test-only: lets Tyrus's in-JVM server create endpoints through CDI (Weld SE), as Liberty does,
 * so the production endpoint keeps its plain {@code @Inject}. Registered in META-INF/services.
 */
public class WeldComponentProvider extends ComponentProvider {

    @Override
    public boolean isApplicable(Class<?> c) {
        return c.isAnnotationPresent(ServerEndpoint.class);
    }

    @Override
    public <T> Object create(Class<T> c) {
        return CDI.current().select(c).get();
    }

    @Override
    public boolean destroy(Object o) {
        try {
            CDI.current().destroy(o);
        } catch (IllegalStateException containerAlreadyStopped) {
            // the test stopped CDI before the sockets closed (shutdown tests): nothing left to destroy
        }
        return true;
    }
}
