package it;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.inkroom.testing.Requirements;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.Test;

/**
 * Kill the real server (Liberty, WildFly or Payara Micro: {@link Target}) with SIGKILL while
 * clients draw, start it again: every acknowledged stroke is back, in order. Against the embedded
 * H2 default (Liberty's jdbc/inkroom; the WAR's own pool on the others) and the real PostgreSQL.
 */
class DurabilityIT {

    private static final String PG_URL = "jdbc:postgresql://localhost:5432/test";
    private static final String PG_USER = "postgres";

    @Test
    void everyAcknowledgedStrokeSurvivesKill9WithTheEmbeddedDatabase() throws Exception {
        Target.CURRENT.kill9();
        Target.CURRENT.start(Map.of());
        strokesSurviveKill9(Map.of(), "h2");
    }

    @Test
    void everyAcknowledgedStrokeSurvivesKill9WithPostgresql() throws Exception {
        Requirements.require(postgresReachable(), "PostgreSQL at localhost:5432/test");
        String schema = "inkroom_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        sql("CREATE SCHEMA " + schema);
        Map<String, String> env = new HashMap<>();
        env.put("INKROOM_DB_DRIVER", "postgresql");
        env.put("INKROOM_DB_URL", PG_URL + "?currentSchema=" + schema);
        env.put("INKROOM_DB_USER", PG_USER);
        try {
            Target.CURRENT.kill9();
            Target.CURRENT.start(env);
            String room = strokesSurviveKill9(env, "pg");
            assertTrue(count("SELECT COUNT(*) FROM " + schema + ".inkroom_op WHERE room_id = '" + room + "'") >= 400,
                    "the strokes are in PostgreSQL, not somewhere else");
        } finally {
            Target.CURRENT.stop();
            Target.CURRENT.start(Map.of()); // back to the default for the other tests
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /** Returns the room it drew in. */
    private String strokesSurviveKill9(Map<String, String> env, String tag) throws Exception {
        String room = "kill-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
        WsClient alice = connect(room + "?userId=Alice&ack=1");
        alice.awaitSync();
        WsClient bob = connect(room + "?userId=Bob&ack=1");
        bob.awaitSync();

        // Strokes acknowledged a while before the kill: the embedded store has folded them out of
        // its commit rows (every 2 s) by then, so the kill finds history in both places.
        Set<String> early = new LinkedHashSet<>();
        for (int i = 0; i < 50; i++) {
            alice.send(draw(line("early-" + i, i, 20, i, 25)));
        }
        while (early.size() < 50) {
            early.add(alice.next("ack").getJsonObject("data").getString("id"));
        }
        Thread.sleep(2_500);

        int each = 400;
        for (int i = 0; i < each; i++) {
            alice.send(draw(line("a-" + i, i, 0, i, 5)));
            bob.send(draw(line("b-" + i, i, 10, i, 15)));
        }
        // Kill while acks are still arriving: some strokes are acknowledged, others may be in flight.
        Set<String> acked = new LinkedHashSet<>();
        while (acked.size() < each) {
            WsClient from = acked.size() % 2 == 0 ? alice : bob;
            acked.add(from.next("ack").getJsonObject("data").getString("id"));
        }
        Target.CURRENT.kill9();
        alice.awaitClose();
        bob.awaitClose();

        Target.CURRENT.start(env);
        WsClient carol = connect(room + "?userId=Carol");
        List<String> ids = new ArrayList<>();
        carol.next("sync").getJsonObject("data").getJsonArray("elements").getValuesAs(JsonObject.class)
                .forEach(e -> ids.add(e.getString("id")));
        carol.close();

        assertTrue(ids.containsAll(early), "the strokes acknowledged before the last fold are back");
        assertTrue(ids.containsAll(acked), "all " + acked.size() + " acknowledged strokes are back; "
                + "missing: " + acked.stream().filter(a -> !ids.contains(a)).limit(10).toList());
        assertEquals(ids.size(), new LinkedHashSet<>(ids).size(), "no stroke twice");
        // Each client's strokes come back in the order it drew them.
        for (String prefix : List.of("a-", "b-")) {
            int last = -1;
            for (String id : ids) {
                if (id.startsWith(prefix)) {
                    int n = Integer.parseInt(id.substring(2));
                    assertTrue(n > last, "order of " + prefix + " strokes");
                    last = n;
                }
            }
        }
        return room;
    }

    private static long count(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement();
             var rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static WsClient connect(String roomAndQuery) {
        return WsClient.connect(URI.create("ws://localhost:" + Target.PORT + "/ws/" + roomAndQuery));
    }

    private static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, ""); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
