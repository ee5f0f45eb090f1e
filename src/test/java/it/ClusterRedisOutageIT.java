package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.inkroom.testing.Requirements;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Redis itself stops mid-drawing and comes back empty (no persistence, as after a restart): two
 * real Liberty nodes on a private {@code redis-server} this test starts, so the machine's Redis
 * stays up. Members are sent away with 1013 meanwhile, come back, resend, and every member ends
 * with the full canvas.
 */
class ClusterRedisOutageIT {

    @Test
    void redisStoppedAndRestartedMidDrawingLosesNothingAndEveryoneConverges() throws Exception {
        Requirements.require(ClusterIT.postgresReachable(), "PostgreSQL at localhost:5432/test");
        String schema = "inkroom_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ClusterIT.sql("CREATE SCHEMA " + schema);
        try (PrivateRedis redis = new PrivateRedis();
             ClusterNodes nodes = ClusterNodes.start(2, ClusterIT.env(schema, redis.uri()))) {
            String room = "outage-" + UUID.randomUUID().toString().substring(0, 8);
            Function<String, URI> node0 = q -> nodes.ws(0, q);
            Function<String, URI> node1 = q -> nodes.ws(1, q);
            Drawer a = Drawer.join("ada", room, node0);
            Drawer b = Drawer.join("bo", room, node1);
            int each = 200;
            for (int i = 0; i < each / 2; i++) {
                a.drawLine("ada-" + i, i);
                b.drawLine("bo-" + i, i);
            }
            assertTrue(a.awaitAcks(Duration.ofSeconds(60)));
            assertTrue(b.awaitAcks(Duration.ofSeconds(60)));
            for (int i = each / 2; i < each * 3 / 4; i++) {
                a.drawLine("ada-" + i, i);
                b.drawLine("bo-" + i, i);
            }
            redis.stop();
            // Both nodes send their members away with 1013; nothing is accepted meanwhile.
            while (a.pump(Duration.ofMillis(200))) { }
            while (b.pump(Duration.ofMillis(200))) { }
            // 1013, try again later. Liberty now and then drops the close frame of a connection
            // that is still busy with frames in flight, which the client sees as 1006; the page
            // reconnects alike (only 1008 stops it), so either is accepted, nothing else.
            assertTrue(Set.of(1013, 1006).contains(a.closes().get(0).getCloseCode().getCode()), "closed: " + a.closes());
            assertTrue(Set.of(1013, 1006).contains(b.closes().get(0).getCloseCode().getCode()), "closed: " + b.closes());
            try (WsClient refused = WsClient.connect(nodes.ws(0, room + "?userId=late"))) {
                assertEquals(1013, refused.awaitClose().getCloseCode().getCode(), "joins refused while Redis is away");
            }
            Thread.sleep(2000);
            redis.start();
            a.connect(node0, Duration.ofSeconds(60)); // retries until the node serves again; resends the rest
            b.connect(node1, Duration.ofSeconds(60));
            for (int i = each * 3 / 4; i < each; i++) {
                a.drawLine("ada-" + i, i);
                b.drawLine("bo-" + i, i);
            }
            assertTrue(a.awaitAcks(Duration.ofSeconds(60)), "pending " + a.pending());
            assertTrue(b.awaitAcks(Duration.ofSeconds(60)), "pending " + b.pending());
            List<String> on0 = ids(nodes.ws(0, room + "?userId=check"));
            List<String> on1 = ids(nodes.ws(1, room + "?userId=check"));
            assertEquals(2 * each, on0.size(), "every stroke, acknowledged before, during and after the outage");
            assertEquals(on0, on1, "the same canvas in the same order on both nodes");
            assertEquals(on0.size(), new HashSet<>(on0).size());
            // Whether the room was still open (reloaded) or evicted meanwhile (opened again): a new epoch.
            assertTrue(nodes.log(0, "new epoch").size() + nodes.log(1, "new epoch").size() >= 2,
                    "the nodes noticed that Redis lost the room's history");
            a.close();
            b.close();
        } finally {
            ClusterIT.sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static List<String> ids(URI uri) {
        try (WsClient c = WsClient.connect(uri)) {
            return c.next("sync").getJsonObject("data").getJsonArray("elements").getValuesAs(JsonObject.class)
                    .stream().map(e -> e.getString("id")).toList();
        }
    }
}
