package org.inkroom.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.inkroom.protocol.Codec;

/** A real WebSocket client (Tyrus) that records every frame it receives, for assertions. */
public final class WsClient extends Endpoint implements AutoCloseable {

    /** Generous: only a failing test waits this long, and a loaded 2-core box can be slow. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final LinkedBlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicInteger frames = new java.util.concurrent.atomic.AtomicInteger();
    private final ClientManager manager;
    private Session session;

    private WsClient(ClientManager manager) {
        this.manager = manager;
    }

    public static WsClient connect(URI uri) {
        return connect(uri, (String) null);
    }

    /** Connects, optionally sending an {@code Origin} header. */
    public static WsClient connect(URI uri, String origin) {
        return connect(uri, origin == null ? Map.of() : Map.of("Origin", origin));
    }

    /** Connects with these extra handshake headers ({@code Origin} only when given). */
    public static WsClient connect(URI uri, Map<String, String> extraHeaders) {
        ClientManager manager = ClientManager.createClient();
        // One shared client transport: per-client ones share an executor that the first closing
        // connection shuts down under the others' feet.
        manager.getProperties().put(ClientProperties.SHARED_CONTAINER, true);
        WsClient client = new WsClient(manager);
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.keySet().removeIf("Origin"::equalsIgnoreCase);
                        extraHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
                    }
                }).build();
        try {
            client.session = manager.connectToServer(client, config, uri);
        } catch (Exception e) {
            throw new AssertionError("cannot connect to " + uri, e);
        }
        return client;
    }

    @Override
    public void onOpen(Session s, EndpointConfig config) {
        s.setMaxTextMessageBufferSize(64 * 1024 * 1024);
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            frames.incrementAndGet();
            try (var reader = Json.createReader(new StringReader(text))) {
                JsonValue v = reader.readValue();
                if (v instanceof JsonArray batch) { // batch=1: several messages in one frame
                    batch.getValuesAs(JsonObject.class).forEach(inbox::add);
                } else {
                    inbox.add(v.asJsonObject());
                }
            }
        });
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        closed.complete(reason);
    }

    /** Sends raw text, exactly as given. */
    public void sendText(String text) {
        Exception failure = write(text);
        if (failure != null) {
            throw new AssertionError("send failed", failure);
        }
    }

    /**
     * Sends text the server is expected to refuse by closing the connection (an oversized frame):
     * the server may close while this client is still writing, so a failed write is not an error
     * here. The caller asserts the close code the server sent.
     */
    public void sendTextExpectingClose(String text) {
        Exception failure = write(text);
        if (failure != null && !closed.isDone() && session.isOpen()) {
            throw new AssertionError("send failed on a connection that is still open", failure);
        }
    }

    /** Writes one text frame; the failure, or null. */
    private Exception write(String text) {
        try {
            session.getBasicRemote().sendText(text);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /** Sends any value as JSON (records, maps). */
    public void send(Object message) {
        sendText(Codec.toJson(message));
    }

    /** The next frame whose type is {@code type}, skipping others. */
    public JsonObject next(String type) {
        return next(m -> type.equals(m.getString("type", "")), "a '" + type + "' frame");
    }

    public JsonObject next(Predicate<JsonObject> wanted, String what) {
        return next(wanted, what, WAIT);
    }

    /** The next frame {@code wanted}, waiting at most {@code wait} for it. */
    public JsonObject next(Predicate<JsonObject> wanted, String what, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        List<String> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonObject m;
            try {
                m = left <= 0 ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (m == null) {
                fail("no " + what + " within " + wait + "; skipped " + skipped
                        + (closed.isDone() ? "; the connection was closed: " + closed.getNow(null) : ""));
            }
            if (wanted.test(m)) {
                return m;
            }
            skipped.add(m.getString("type", "?"));
        }
    }

    /** The next message, or null if none arrives within {@code wait}. */
    public JsonObject poll(Duration wait) {
        try {
            return inbox.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How the connection ended, if it has. */
    public CloseReason closeReason() {
        return closed.getNow(null);
    }

    /** Asserts that no frame of {@code type} arrives within {@code quiet}. */
    public void expectNo(String type, Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            JsonObject m;
            try {
                m = inbox.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (m != null && type.equals(m.getString("type", ""))) {
                fail("unexpected '" + type + "' frame: " + m);
            }
        }
    }

    /** Drops everything received so far. */
    public void drain() {
        inbox.clear();
    }

    public CloseReason awaitClose() {
        try {
            return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection not closed within " + WAIT, e);
        }
    }

    /** How many WebSocket frames arrived (with batch=1, fewer than messages). */
    public int frames() {
        return frames.get();
    }

    public boolean isOpen() {
        return session.isOpen() && !closed.isDone();
    }

    /** Joins and returns the server-assigned user id from {@code sync}. */
    public String awaitSync() {
        JsonObject sync = next("sync");
        assertTrue(sync.containsKey("data"), "sync has data");
        return sync.getJsonObject("data").getString("userId");
    }

    @Override
    public void close() {
        try {
            if (session != null && session.isOpen()) {
                session.close();
            }
        } catch (Exception ignored) {
            // closing a test client that is already gone
        }
    }
}
