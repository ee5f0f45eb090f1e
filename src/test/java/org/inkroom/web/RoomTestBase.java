package org.inkroom.web;

import java.util.ArrayList;
import java.util.List;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh in-JVM server with default settings per test, and the clients the test opened, closed after it. */
abstract class RoomTestBase {

    protected TestServer server;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stopServer() {
        clients.forEach(WsClient::close);
        server.close();
    }

    /** Replaces this test's server with one with these settings. */
    protected void restart(org.inkroom.room.RoomSettings room, WebSettings web) throws Exception {
        server.close();
        server = TestServer.start(room, web);
    }

    protected void restart(org.inkroom.room.RoomSettings room, WebSettings web, org.inkroom.access.AccessSettings access)
            throws Exception {
        server.close();
        server = TestServer.start(room, web, access);
    }

    /** Replaces this test's server with one that has no send limits (for tests that send faster than a person on purpose). */
    protected void withoutSendLimits() throws Exception {
        restart(org.inkroom.room.RoomSettings.defaults().withSendLimits(org.inkroom.room.SendLimits.unlimited()),
                WebSettings.defaults());
    }

    /** Connects to {@code ws://.../ws/roomAndQuery}; closed after the test. */
    protected WsClient join(String roomAndQuery) {
        return track(WsClient.connect(server.uri(roomAndQuery)));
    }

    protected WsClient track(WsClient client) {
        clients.add(client);
        return client;
    }
}
