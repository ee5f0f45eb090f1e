package org.inkroom.web;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.inkroom.room.RoomSettings;
import org.inkroom.room.SendLimits;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Pings go out between frames through the same outbox: a busy receiver keeps every op and stays open. */
class PingUnderTrafficTest {

    @ParameterizedTest
    @EnumSource(value = SendMode.class, names = {"ASYNC", "VIRTUAL"})
    void pingsInterleaveWithABusyStreamWithoutLosingOrClosingAnything(SendMode mode) throws Exception {
        if (mode == SendMode.VIRTUAL && Runtime.version().feature() < 21) {
            return; // no virtual threads on this JDK
        }
        try (TestServer server = TestServer.start(RoomSettings.defaults().withSendLimits(SendLimits.unlimited()),
                WebSettings.defaults().withSendMode(mode)
                        .withConnections(ConnectionLimits.defaults().withPings(Duration.ofMillis(50), Duration.ofSeconds(30)))) ;
             WsClient alice = WsClient.connect(server.uri("busy?userId=Alice"));
             WsClient bob = WsClient.connect(server.uri("busy?userId=Bob"))) {
            alice.awaitSync();
            bob.awaitSync();
            int n = 4000;
            for (int i = 0; i < n; i++) {
                alice.send(draw(line("p" + i, i, 0, i, 1)));
                if (i % 200 == 0) {
                    Thread.sleep(60); // let pings fall between the frames
                }
            }
            for (int i = 0; i < n; i++) {
                assertEquals("p" + i, bob.next("draw").getJsonObject("data").getString("id"));
            }
            assertTrue(bob.isOpen() && alice.isOpen());
        }
    }
}
