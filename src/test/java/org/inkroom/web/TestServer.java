package org.inkroom.web;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Singleton;
import java.net.URI;
import org.glassfish.tyrus.server.Server;
import org.inkroom.access.AccessSettings;
import org.inkroom.room.CanvasStore;
import org.inkroom.room.RoomBus;
import org.inkroom.room.RoomEvents;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.RoomSettings;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;

/**
 * The real endpoint on Tyrus's in-JVM Grizzly server, on a free port, with its registry from a
 * real CDI container (Weld SE) holding the settings this test chose.
 */
public final class TestServer implements AutoCloseable {

    private final WeldContainer cdi;
    private final Server server;
    private final int port;

    private TestServer(RoomSettings roomSettings, WebSettings webSettings) throws Exception {
        this(roomSettings, webSettings, AccessSettings.open());
    }

    private TestServer(RoomSettings roomSettings, WebSettings webSettings, AccessSettings access) throws Exception {
        Weld weld = new Weld("inkroom-test-" + System.nanoTime())
                .disableDiscovery()
                .addBeanClasses(RoomRegistry.class, InkroomEndpoint.class, Gate.class, Heartbeat.class)
                .addExtension(new SettingsExtension(roomSettings, webSettings, access));
        cdi = weld.initialize();
        server = new Server("localhost", -1, "/", null, InkroomEndpoint.class);
        try {
            server.start();
        } catch (Exception e) {
            cdi.shutdown();
            throw e;
        }
        port = server.getPort();
    }

    public static TestServer start() throws Exception {
        return new TestServer(RoomSettings.defaults(), WebSettings.defaults());
    }

    public static TestServer start(RoomSettings roomSettings, WebSettings webSettings) throws Exception {
        return new TestServer(roomSettings, webSettings);
    }

    public static TestServer start(RoomSettings roomSettings, WebSettings webSettings, AccessSettings access) throws Exception {
        return new TestServer(roomSettings, webSettings, access);
    }

    public URI uri(String roomAndQuery) {
        return URI.create("ws://localhost:" + port + "/ws/" + roomAndQuery);
    }

    public int port() {
        return port;
    }

    public RoomRegistry registry() {
        return cdi.select(RoomRegistry.class).get();
    }

    /** Stops the CDI container first (its registry closes every session with 1001), then the server. */
    public void shutdownCdi() {
        if (cdi.isRunning()) {
            cdi.shutdown();
        }
    }

    @Override
    public void close() {
        try {
            shutdownCdi();
        } finally {
            server.stop();
        }
    }

    /** Supplies the chosen settings and the single-node defaults as beans. */
    public static final class SettingsExtension implements Extension {
        private final RoomSettings roomSettings;
        private final WebSettings webSettings;
        private final AccessSettings access;

        public SettingsExtension() {
            this(RoomSettings.defaults(), WebSettings.defaults(), AccessSettings.open());
        }

        SettingsExtension(RoomSettings roomSettings, WebSettings webSettings, AccessSettings access) {
            this.roomSettings = roomSettings;
            this.webSettings = webSettings;
            this.access = access;
        }

        void addBeans(@Observes AfterBeanDiscovery abd) {
            abd.addBean().types(RoomSettings.class, Object.class).scope(Singleton.class)
                    .createWith(c -> roomSettings);
            abd.addBean().types(WebSettings.class, Object.class).scope(Singleton.class)
                    .createWith(c -> webSettings);
            abd.addBean().types(AccessSettings.class, Object.class).scope(Singleton.class)
                    .createWith(c -> access);
            abd.addBean().types(CanvasStore.class, Object.class).scope(Singleton.class)
                    .createWith(c -> CanvasStore.MEMORY_ONLY);
            abd.addBean().types(RoomBus.class, Object.class).scope(Singleton.class)
                    .createWith(c -> RoomBus.SINGLE_NODE);
            abd.addBean().types(RoomEvents.class, Object.class).scope(Singleton.class)
                    .createWith(c -> RoomEvents.NONE);
        }
    }
}
