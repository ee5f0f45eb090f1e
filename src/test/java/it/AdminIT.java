package it;

import static org.inkroom.testing.Frames.draw;
import static org.inkroom.testing.Frames.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.inkroom.testing.WsClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API on the Liberty the build started, which the pom gives a known token
 * ({@code inkroom.admin.token}, a bootstrap property, so it survives the restarts other ITs do).
 */
class AdminIT {

    private static final int PORT = LibertyProcess.PORT;
    private static final String API = "http://localhost:" + PORT + "/admin/api/";
    private static final Path LOGS = Path.of(System.getProperty("liberty.install.dir", "target/liberty/wlp"),
            "usr/servers/inkroom/logs");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<WsClient> clients = new ArrayList<>();
    private final String run = Long.toString(System.nanoTime(), 36);

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    static String token() {
        String token = System.getProperty("inkroom.admin.token", "");
        if (token.isEmpty()) {
            fail("system property inkroom.admin.token is not set: the pom gives failsafe the deployed server's admin token");
        }
        return token;
    }

    // ---- the credential -------------------------------------------------------------------------

    @Test
    void withoutTheCredentialEveryCallIs401WithABearerChallenge() throws Exception {
        String room = room("adm-anon");
        WsClient alice = join(room, "Alice");
        drawAndWait(alice, "a-" + run);
        for (HttpResponse<String> r : List.of(call("GET", "rooms", null), call("GET", "rooms/" + room, null),
                call("POST", "rooms/" + room + "/close", null), call("POST", "rooms/" + room + "/clear", null),
                call("DELETE", "rooms/" + room + "/members/Alice", null), call("GET", "no/such/thing", null))) {
            assertEquals(401, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), r.headers().toString());
            assertEquals("admin credential missing or wrong: send Authorization: Bearer <token>", json(r).getString("error"));
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        }
        assertUntouched(room, alice);
    }

    @Test
    void aWrongCredentialIs401() throws Exception {
        String room = room("adm-wrong");
        WsClient alice = join(room, "Alice");
        drawAndWait(alice, "w-" + run);
        for (String authorization : List.of("Bearer wrong-token-wrong-token", "Bearer " + token() + "x",
                "Bearer " + token().substring(1), "Basic " + token(), token())) {
            for (HttpResponse<String> r : List.of(call("GET", "rooms", authorization),
                    call("POST", "rooms/" + room + "/close", authorization))) {
                assertEquals(401, r.statusCode(), authorization + ": " + r.body());
                assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
                assertFalse(r.body().contains(token()), "the answer never echoes the token");
            }
        }
        assertUntouched(room, alice);
    }

    @Test
    void aCrossSiteBrowserCallIsRefusedEvenWithTheToken() throws Exception {
        String room = room("adm-csrf");
        WsClient alice = join(room, "Alice");
        HttpResponse<String> r = http.send(request("POST", "rooms/" + room + "/close", "Bearer " + token())
                .header("Origin", "https://evil.example").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, r.statusCode(), r.body());
        assertEquals("cross-site request refused: the Origin is not this server", json(r).getString("error"));
        assertTrue(alice.isOpen());
        // The server's own page (Origin = this host) may.
        HttpResponse<String> own = http.send(request("POST", "rooms/" + room + "/close", "Bearer " + token())
                .header("Origin", "http://localhost:" + PORT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, own.statusCode(), own.body());
        assertEquals(1001, alice.awaitClose().getCloseCode().getCode());
    }

    // ---- reading --------------------------------------------------------------------------------

    @Test
    void theRightCredentialListsALiveRoomWithItsNumbers() throws Exception {
        String room = room("adm-list");
        long before = System.currentTimeMillis();
        WsClient alice = join(room, "Alice");
        WsClient bob = join(room, "Bob");
        for (int i = 0; i < 3; i++) {
            alice.send(draw(line("l" + i + "-" + run, i, 0, i, 10)));
        }
        long lastSeq = 0;
        for (int i = 0; i < 3; i++) {
            lastSeq = bob.next("draw").getJsonNumber("seq").longValue();
        }

        HttpResponse<String> r = call("GET", "rooms", bearer());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonObject list = json(r);
        long serverTime = list.getJsonNumber("serverTime").longValue();
        JsonObject row = list.getJsonArray("rooms").getValuesAs(JsonObject.class).stream()
                .filter(o -> room.equals(o.getString("room"))).findFirst()
                .orElseThrow(() -> new AssertionError(room + " not listed: " + r.body()));
        assertEquals(2, row.getInt("members"));
        assertEquals(0, row.getInt("remoteMembers"));
        assertEquals(3, row.getInt("elements"));
        assertEquals(lastSeq, row.getJsonNumber("seq").longValue(), "the seq of the last draw");
        assertFalse(row.getString("epoch").isEmpty());
        long last = row.getJsonNumber("lastActivityMillis").longValue();
        assertTrue(last >= before - 5_000 && last <= serverTime, "last activity " + last + " between " + before + " and " + serverTime);
        assertTrue(row.getJsonNumber("approximateBytes").longValue() > 0, row.toString());
        assertEquals(List.of("room", "members", "remoteMembers", "elements", "seq", "epoch", "lastActivityMillis",
                "approximateBytes"), List.copyOf(row.keySet()), "the documented order");
    }

    @Test
    void aRoomsDetailShowsItsMembersWithTheirAddresses() throws Exception {
        String room = room("adm-detail");
        WsClient alice = join(room, "Alice");
        WsClient bob = join(room, "Bob");
        alice.send(draw(line("d-" + run, 1, 1, 5, 5)));
        bob.next("draw");

        HttpResponse<String> r = call("GET", "rooms/" + room, bearer());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject detail = json(r);
        assertEquals(room, detail.getJsonObject("room").getString("room"));
        assertEquals(1, detail.getJsonObject("room").getInt("elements"));
        List<JsonObject> members = detail.getJsonArray("members").getValuesAs(JsonObject.class);
        assertEquals(Set.of("Alice", "Bob"), members.stream().map(m -> m.getString("userId")).collect(Collectors.toSet()));
        for (JsonObject m : members) {
            String address = m.getString("address");
            assertTrue(InetAddress.getByName(address).isLoopbackAddress(), "the test's own address: " + address);
            assertTrue(m.getString("color").matches("#[0-9a-fA-F]{6}"), m.toString());
            assertTrue(m.getInt("queued") >= 0, m.toString());
        }
        assertEquals(0, detail.getJsonArray("remoteMembers").size(), "one node: nobody elsewhere");
    }

    @Test
    void unknownRoomsAndMembersAre404AndInvalidRoomIds400() throws Exception {
        String room = room("adm-missing");
        join(room, "Alice");
        String nowhere = room("adm-never-opened");
        for (HttpResponse<String> r : List.of(call("GET", "rooms/" + nowhere, bearer()),
                call("POST", "rooms/" + nowhere + "/close", bearer()), call("POST", "rooms/" + nowhere + "/clear", bearer()),
                call("DELETE", "rooms/" + nowhere + "/members/Alice", bearer()),
                call("DELETE", "rooms/" + room + "/members/Nobody", bearer()))) {
            assertEquals(404, r.statusCode(), r.uri() + ": " + r.body());
            assertTrue(json(r).getString("error").contains("room"), r.body());
        }
        for (String bad : List.of("bad.id", "x".repeat(65), "semi%3Bcolon")) {
            HttpResponse<String> r = call("GET", "rooms/" + bad, bearer());
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertEquals("room id must be 1-64 characters of A-Z a-z 0-9 _ -", json(r).getString("error"));
        }
    }

    // ---- acting ---------------------------------------------------------------------------------

    @Test
    void closeSendsEveryMember1001() throws Exception {
        String room = room("adm-close");
        WsClient alice = join(room, "Alice");
        WsClient bob = join(room, "Bob");
        HttpResponse<String> r = call("POST", "rooms/" + room + "/close", bearer());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject done = json(r);
        assertEquals("close", done.getString("action"));
        assertEquals(room, done.getString("room"));
        assertEquals(2, done.getInt("members"));
        assertEquals(1001, alice.awaitClose().getCloseCode().getCode());
        assertEquals(1001, bob.awaitClose().getCloseCode().getCode());
        assertAudited("admin-close", room, "2 members");
    }

    @Test
    void clearReachesEveryoneAndANewJoinerGetsAnEmptyCanvas() throws Exception {
        String room = room("adm-clear");
        WsClient alice = join(room, "Alice");
        WsClient bob = join(room, "Bob");
        long lastSeq = 0;
        for (int i = 0; i < 2; i++) {
            alice.send(draw(line("c" + i + "-" + run, i, 0, i, 10)));
            lastSeq = bob.next("draw").getJsonNumber("seq").longValue();
        }
        HttpResponse<String> r = call("POST", "rooms/" + room + "/clear", bearer());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("clear", json(r).getString("action"));
        for (WsClient c : List.of(alice, bob)) {
            JsonObject clear = c.next("clear");
            assertEquals("admin", clear.getString("userId"), clear.toString());
            assertEquals(lastSeq + 1, clear.getJsonNumber("seq").longValue(), "numbered after the two draws");
            assertTrue(c.isOpen());
        }
        WsClient carol = join(room, "Carol", false);
        JsonObject sync = carol.next("sync").getJsonObject("data");
        assertEquals(0, sync.getJsonArray("elements").size(), sync.toString());
        assertEquals(lastSeq + 1, sync.getJsonNumber("seq").longValue());
        assertAudited("admin-clear", room, null);
    }

    @Test
    void removingAMemberClosesItWith1008AndTheOthersStay() throws Exception {
        String room = room("adm-remove");
        WsClient alice = join(room, "Alice");
        WsClient bob = join(room, "Bob");
        alice.drain();
        HttpResponse<String> r = call("DELETE", "rooms/" + room + "/members/Bob", bearer());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject done = json(r);
        assertEquals("remove", done.getString("action"));
        assertEquals("Bob", done.getString("userId"));
        assertEquals(1008, bob.awaitClose().getCloseCode().getCode());
        assertEquals("Bob", alice.next("leave").getString("userId"));
        assertTrue(alice.isOpen());
        alice.send(draw(line("after-" + run, 1, 1, 2, 2)));
        assertEquals(1, detailMembers(room).size(), "Alice alone");
        assertEquals(404, call("DELETE", "rooms/" + room + "/members/Bob", bearer()).statusCode(), "already gone");
        assertAudited("admin-remove", room, "Bob");

        // A user id with a space travels percent-encoded.
        WsClient spaced = join(room, "Sam%20Lee");
        String encoded = URLEncoder.encode("Sam Lee", StandardCharsets.UTF_8).replace("+", "%20");
        assertEquals(200, call("DELETE", "rooms/" + room + "/members/" + encoded, bearer()).statusCode());
        assertEquals(1008, spaced.awaitClose().getCloseCode().getCode());
    }

    @Test
    void theLogsNeverHoldTheToken() throws Exception {
        String room = room("adm-log");
        join(room, "Alice");
        assertEquals(200, call("POST", "rooms/" + room + "/clear", bearer()).statusCode());
        assertEquals(401, call("GET", "rooms", "Bearer " + token() + "-wrong").statusCode());
        assertAudited("admin-clear", room, null);
        try (Stream<Path> files = Files.list(LOGS)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(token()), f + " holds the admin token");
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** Draws one line with an ack and waits for it: the room then holds one element. */
    private static void drawAndWait(WsClient c, String id) {
        var element = line(id, 1, 1, 2, 2);
        element.put("op", id);
        c.send(draw(element));
        c.next(m -> "ack".equals(m.getString("type", "")), "the ack of " + id);
    }

    /** Refused calls changed nothing: the member is still there and so is its element. */
    private void assertUntouched(String room, WsClient member) throws Exception {
        assertTrue(member.isOpen(), "the member is still connected");
        HttpResponse<String> r = call("GET", "rooms/" + room, bearer());
        assertEquals(200, r.statusCode(), r.body());
        JsonObject summary = json(r).getJsonObject("room");
        assertEquals(1, summary.getInt("members"), r.body());
        assertEquals(1, summary.getInt("elements"), "not cleared: " + r.body());
    }

    private String room(String prefix) {
        return prefix + "-" + run;
    }

    private WsClient join(String room, String user) {
        return join(room, user, true);
    }

    private WsClient join(String room, String user, boolean awaitSync) {
        WsClient c = WsClient.connect(URI.create("ws://localhost:" + PORT + "/ws/" + room + "?ack=1&userId=" + user));
        clients.add(c);
        if (awaitSync) {
            c.awaitSync();
        }
        return c;
    }

    private static String bearer() {
        return "Bearer " + token();
    }

    private HttpRequest.Builder request(String method, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(API + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private HttpResponse<String> call(String method, String path, String authorization) throws Exception {
        return http.send(request(method, path, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<JsonObject> detailMembers(String room) throws Exception {
        HttpResponse<String> r = call("GET", "rooms/" + room, bearer());
        assertEquals(200, r.statusCode(), r.body());
        return json(r).getJsonArray("members").getValuesAs(JsonObject.class);
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertNotNull(r.body());
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    /** Waits (the log is written asynchronously) for this action's audit line in messages.log. */
    private static void assertAudited(String action, String room, String detail) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = LibertyProcess.log("audit action=" + action + " room=" + room + " ");
            Optional<String> line = lines.stream().findFirst();
            if (line.isPresent()) {
                String l = line.get();
                assertTrue(l.contains("audit action=" + action + " room=" + room + " detail="
                        + (detail == null ? "-" : detail) + " user=admin node="), l);
                assertFalse(l.contains(token()), "the audit line never holds the token: " + l);
                return;
            }
            Thread.sleep(200);
        }
        fail("no audit line for " + action + " in room " + room + " in messages.log");
    }
}
