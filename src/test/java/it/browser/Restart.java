package it.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the Liberty the build started (same installation and port) with other settings, e.g.
 * capability links on ({@code INKROOM_ACCESS=links} and a known secret), and back to its defaults.
 * The same steps as {@code it.LibertyProcess}, which is package-private to {@code it}.
 */
final class Restart {

    static final int PORT = Integer.getInteger("http.port", 9080);
    /** The test's link secret: long and random enough for any HMAC key rule. */
    static final String SECRET = "browser-test-link-secret-0123456789abcdef-0123456789abcdef";
    private static final Path WLP = Path.of(System.getProperty("liberty.install.dir", "target/liberty/wlp"));
    private static final String SERVER = "inkroom";

    private Restart() { }

    static void withLinks() throws Exception {
        with(Map.of("INKROOM_ACCESS", "links", "INKROOM_LINK_SECRET", SECRET));
    }

    static void withDefaults() throws Exception {
        with(Map.of());
    }

    /** Stops the server and starts it with these variables (INKROOM_* names) only. */
    static void with(Map<String, String> env) throws Exception {
        run(new ProcessBuilder(WLP.resolve("bin/server").toString(), "stop", SERVER));
        ProcessBuilder start = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", SERVER, "--clean");
        start.environment().keySet().removeIf(k -> k.startsWith("INKROOM_"));
        start.environment().putAll(env);
        if (run(start) != 0) {
            throw new IllegalStateException("server start failed with " + env.keySet());
        }
        awaitReady();
    }

    private static int run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(pb.command() + " did not return within 120 s");
        }
        return p.exitValue();
    }

    private static void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORT + "/"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Liberty not ready on port " + PORT + " within 120 s");
    }
}
