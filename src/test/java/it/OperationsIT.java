package it;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.inkroom.testing.Requirements;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/** Health, metrics and start-up checks on the real server the build started ({@link Target}). */
class OperationsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + Target.PORT + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonObject json(String text) {
        try (var r = Json.createReader(new StringReader(text))) {
            return r.readObject();
        }
    }

    private static double metric(String series) throws Exception {
        HttpResponse<String> r = get("/metrics");
        assertEquals(200, r.statusCode());
        for (String line : r.body().lines().toList()) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0; // a labelled counter appears once it has counted
    }

    @Test
    void healthIsUpWithMicroProfileJsonAndMetricsMoveWithASession() throws Exception {
        HttpResponse<String> live = get("/health/live");
        assertEquals(200, live.statusCode());
        assertEquals("UP", json(live.body()).getString("status"));
        HttpResponse<String> ready = get("/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject body = json(ready.body());
        assertEquals("UP", body.getString("status"));
        assertEquals(List.of("inkroom-store", "inkroom-cluster-bus", "inkroom-accepting"),
                body.getJsonArray("checks").getValuesAs(JsonObject.class).stream().map(c -> c.getString("name")).toList());

        double draws = metric("inkroom_ops_received_total{type=\"draw\"}");
        double malformed = metric("inkroom_errors_sent_total{code=\"malformed_json\"}");
        double tooBig = metric("inkroom_receivers_closed_total{code=\"1009\"}");
        double acks = metric("inkroom_acks_total");
        double messages = metric("inkroom_messages_sent_total");
        String room = "ops-" + UUID.randomUUID().toString().substring(0, 8);
        try (WsClient a = WsClient.connect(URI.create("ws://localhost:" + Target.PORT + "/ws/" + room + "?userId=a&ack=1"));
             WsClient b = WsClient.connect(URI.create("ws://localhost:" + Target.PORT + "/ws/" + room + "?userId=b"))) {
            a.next("sync");
            b.next("sync");
            for (int i = 0; i < 3; i++) {
                a.send(draw(line("m" + i, i, 0, i, 5)));
                a.next("ack");
                b.next("draw");
            }
            a.sendText("{not json");
            a.next("error");
            b.sendTextExpectingClose("{\"type\":\"cursor\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertEquals(1009, b.awaitClose().getCloseCode().getCode());
        }
        assertEquals(draws + 3, metric("inkroom_ops_received_total{type=\"draw\"}"));
        assertEquals(malformed + 1, metric("inkroom_errors_sent_total{code=\"malformed_json\"}"));
        assertEquals(tooBig + 1, metric("inkroom_receivers_closed_total{code=\"1009\"}"));
        assertEquals(acks + 3, metric("inkroom_acks_total"));
        assertTrue(metric("inkroom_messages_sent_total") >= messages + 3 + 3 + 1, "syncs, draws, acks and the error were sent");
        assertTrue(get("/metrics").body().contains("inkroom_store_commit_seconds_bucket"), "commit latency histogram");
    }

    @Test
    void readyGoesDownWhileTheDatabaseIsUnreachableAndComesBack() throws Exception {
        Requirements.require(ClusterIT.postgresReachable(), "PostgreSQL at localhost:5432/test");
        String schema = "inkroom_health_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        ClusterIT.sql("CREATE SCHEMA " + schema);
        try (TcpProxy db = new TcpProxy(5432)) {
            Target.CURRENT.stop();
            Target.CURRENT.start(Map.of("INKROOM_DB_DRIVER", "postgresql",
                    "INKROOM_DB_URL", "jdbc:postgresql://127.0.0.1:" + db.port() + "/test?currentSchema=" + schema
                            + "&connectTimeout=2&socketTimeout=5",
                    "INKROOM_DB_USER", "postgres"));
            assertEquals(200, get("/health/ready").statusCode());
            db.stop();
            HttpResponse<String> down = awaitReady(503);
            JsonObject body = json(down.body());
            assertEquals("DOWN", body.getString("status"));
            assertTrue(down.body().contains("{\"name\":\"inkroom-store\",\"status\":\"DOWN\"}"), down.body());
            assertEquals(200, get("/health/live").statusCode(), "alive all the same: nothing to restart for");
            db.start();
            awaitReady(200);
        } finally {
            Target.CURRENT.stop();
            Target.CURRENT.start(Map.of());
            ClusterIT.sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static HttpResponse<String> awaitReady(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> r = get("/health/ready");
        while (r.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            r = get("/health/ready");
        }
        assertEquals(status, r.statusCode(), r.body());
        return r;
    }

    @Test
    void aWrongSettingStopsTheApplicationWithOneLineNamingIt() throws Exception {
        try {
            Target.CURRENT.stop();
            Target.CURRENT.startWithoutWaiting(Map.of("INKROOM_SEND_MODE", "turbo"));
            List<String> lines = Target.CURRENT.awaitLog("Inkroom cannot start", Duration.ofSeconds(120));
            List<String> ours = lines.stream().filter(l -> l.contains("org.inkroom.web.Producers")).toList();
            assertEquals(1, ours.size(), "one line of Inkroom's own: " + String.join("\n", lines));
            assertTrue(ours.get(0).contains("setting inkroom.send.mode must be one of [auto, async, virtual, pool], was 'turbo'"), ours.get(0));
            assertTrue(get("/").statusCode() != 200 || !get("/health/ready").body().contains("UP"), "the application is not serving");
        } finally {
            Target.CURRENT.stop();
            Target.CURRENT.start(Map.of());
        }
    }
}
