package it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Controls the Open Liberty server the build started (same installation, same port): kill it
 * with SIGKILL and start it again with another environment, as an operator or a crash would.
 */
public final class LibertyProcess {

    public static final int PORT = Integer.getInteger("http.port", 9080);
    private static final Path WLP = Path.of(System.getProperty("liberty.install.dir", "target/liberty/wlp"));
    private static final String SERVER = "inkroom";

    private LibertyProcess() { }

    /** How many of the server's threads wait in Liberty's {@code WsocConnLink.waitToClose} (a thread dump by jcmd). */
    static int threadsWaitingToClose() throws IOException, InterruptedException {
        return (int) threadDump().lines().filter(l -> l.contains("WsocConnLink.waitToClose")).count();
    }

    /** jcmd's Thread.print of the running server. */
    static String threadDump() throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                .redirectErrorStream(true).start();
        String out = new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!dump.waitFor(60, TimeUnit.SECONDS) || dump.exitValue() != 0) {
            throw new IllegalStateException("jcmd Thread.print failed: " + out);
        }
        return out;
    }

    static long pid() throws IOException {
        Path pidFile = WLP.resolve("usr/servers/.pid/" + SERVER + ".pid");
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    /** SIGKILL: no shutdown hook, no flush, no close frames. */
    static void kill9() throws Exception {
        long pid = pid();
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no Liberty process " + pid));
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " failed");
        }
        handle.onExit().get(30, TimeUnit.SECONDS);
    }

    /** Starts the server with these extra variables (INKROOM_* names) and waits until the page answers. */
    public static void start(Map<String, String> env) throws Exception {
        int exit = startWithoutWaiting(env);
        if (exit != 0) {
            throw new IllegalStateException("server start failed: exit " + exit);
        }
        awaitReady();
    }

    /**
     * Starts the server with these variables and returns once the server process is up, not the
     * application; returns the start script's exit code.
     */
    static int startWithoutWaiting(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", SERVER, "--clean")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().keySet().removeIf(k -> k.startsWith("INKROOM_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server start did not return within 120 s");
        }
        return p.exitValue();
    }

    /** Waits until messages.log has lines mentioning {@code text}; returns them. */
    static List<String> awaitLog(String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = log(text);
            if (!lines.isEmpty()) {
                Thread.sleep(1000); // let the rest of the start-up failure reach the log
                return log(text);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no '" + text + "' in messages.log within " + within);
    }

    /** Stops gracefully (the script, as an operator would). */
    public static void stop() throws Exception {
        Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), "stop", SERVER)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor(120, TimeUnit.SECONDS);
    }

    static void awaitReady() throws Exception {
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

    /** The messages.log lines that mention {@code text}, to show what the server said. */
    static List<String> log(String text) throws IOException {
        Path log = WLP.resolve("usr/servers/" + SERVER + "/logs/messages.log");
        return Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList();
    }
}
