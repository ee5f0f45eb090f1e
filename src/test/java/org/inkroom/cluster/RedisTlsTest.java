package org.inkroom.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.PrivateRedis;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.inkroom.protocol.ClientMessage;
import org.inkroom.protocol.Element;
import org.inkroom.room.JoinOptions;
import org.inkroom.room.Membership;
import org.inkroom.room.RoomId;
import org.inkroom.room.RoomRegistry;
import org.inkroom.room.RoomSettings;
import org.inkroom.store.Databases;
import org.inkroom.store.JdbcCanvasStore;
import org.inkroom.testing.Requirements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rediss://} with a password: a private {@code redis-server} that speaks only TLS on its
 * second port and requires a password, with a certificate made for this test (openssl). Two nodes
 * trusting it through {@code inkroom.redis.tls.ca} share a room over it; a node that trusts only the
 * JVM's authorities, or gives the wrong password, never becomes available.
 */
class RedisTlsTest {

    private static final String PASSWORD = "tls-test-password-" + Long.toHexString(System.nanoTime());
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private Path dir;
    private Path cert;
    private PrivateRedis redis;
    private int tlsPort;
    private Databases.Fresh db;

    @BeforeEach
    void tlsRedis() throws Exception {
        dir = Files.createTempDirectory("redis-tls-");
        cert = dir.resolve("redis.crt");
        Path key = dir.resolve("redis.key");
        Process openssl;
        try {
            openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", key.toString(), "-out", cert.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        } catch (IOException e) {
            Requirements.require(false, "openssl on PATH (to make the test's certificate)");
            return;
        }
        assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0, Files.readString(dir.resolve("openssl.log")));
        tlsPort = PrivateRedis.anotherFreePort();
        redis = new PrivateRedis(List.of("--tls-port", Integer.toString(tlsPort), "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(), "--tls-ca-cert-file", cert.toString(), "--tls-auth-clients", "no",
                "--requirepass", PASSWORD));
        closing.add(redis);
        db = Databases.POSTGRESQL.fresh();
        closing.add(db);
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String uri(String password) {
        return "rediss://:" + password + "@127.0.0.1:" + tlsPort;
    }

    private RedisBus bus(String node, String uri, String ca) {
        RedisBus bus = new RedisBus(new RedisSettings(uri, node, Duration.ofSeconds(15), 1000, Duration.ofSeconds(2), ca));
        closing.add(bus);
        return bus;
    }

    private RoomRegistry registry(RedisBus bus) {
        JdbcCanvasStore store = new JdbcCanvasStore(db.dataSource(), Duration.ofMillis(20));
        RoomRegistry registry = new RoomRegistry(RoomSettings.defaults(), store, bus, System::nanoTime, false);
        closing.add(store);
        closing.add(registry::shutdown);
        return registry;
    }

    private static void awaitAvailable(RedisBus bus) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!bus.available() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(bus.available(), bus.describe() + " never became available");
    }

    @Test
    void twoNodesShareARoomOverTlsWithAPassword() throws Exception {
        RedisBus busOne = bus("tls-1", uri(PASSWORD), cert.toString());
        RedisBus busTwo = bus("tls-2", uri(PASSWORD), cert.toString());
        awaitAvailable(busOne);
        awaitAvailable(busTwo);
        RoomRegistry one = registry(busOne);
        RoomRegistry two = registry(busTwo);
        RoomId room = new RoomId("tls-room");
        RecordingPeer a = new RecordingPeer();
        RecordingPeer b = new RecordingPeer();
        Membership alice = one.join(room, "alice", a, new JoinOptions(true, null, null));
        two.join(room, "bob", b);
        alice.receive(new ClientMessage.Draw(null, Element.line("over-tls", 1, 2, 3, 4, "#000000", 2, null)));
        JsonObject draw = b.await(m -> "draw".equals(m.getString("type")), WAIT);
        assertEquals("over-tls", draw.getJsonObject("data").getString("id"));
        assertTrue(draw.getJsonNumber("seq").longValue() > 0, draw.toString()); // numbered by Redis, over TLS
        // The same Redis without the password refuses (on its plain port, which the test reads).
        assertTrue(redis.command("PING").startsWith("-NOAUTH"), "the test's Redis requires its password");
    }

    @Test
    void aNodeThatDoesNotTrustTheCertificateOrHasTheWrongPasswordNeverConnects() throws Exception {
        RedisBus untrusting = bus("tls-untrusting", uri(PASSWORD), "");
        RedisBus wrongPassword = bus("tls-wrong", uri("not-" + PASSWORD), cert.toString());
        Thread.sleep(3000); // a first attempt and a retry (every 2 s) for each
        assertFalse(untrusting.available(), "connected without trusting the server's certificate");
        assertFalse(wrongPassword.available(), "connected with the wrong password");
    }

    @Test
    void aCertificateAuthorityFileIsOnlyForTlsAndMustExist() {
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class, () ->
                new RedisSettings("redis://127.0.0.1:6379", "n", Duration.ofSeconds(15), 1000, Duration.ofSeconds(2), cert.toString()));
        assertTrue(plain.getMessage().contains("only for a rediss://"), plain.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () ->
                new RedisSettings(uri(PASSWORD), "n", Duration.ofSeconds(15), 1000, Duration.ofSeconds(2), dir.resolve("nope.pem").toString()));
        assertTrue(missing.getMessage().contains("readable PEM file"), missing.getMessage());
        assertFalse(missing.getMessage().contains(PASSWORD), "the password stays out of messages");
    }
}
