package it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.inkroom.testing.Requirements;

/**
 * A Redis of the test's own: {@code redis-server} as a child process on a free port of 127.0.0.1,
 * with no persistence, so {@link #stop()} then {@link #start()} is a real outage and a real restart
 * (same port, every key and subscription gone). Tests that kill it leave the machine's Redis alone.
 *
 * <p>Without {@code redis-server} on PATH the constructor skips the test (or fails it under
 * {@code -Dinkroom.requireAll=true}); {@code scripts/ensure-redis.sh} installs it in the build.
 * {@link #command(int, String...)} speaks plain RESP to this or any Redis, no client library needed.
 */
public final class PrivateRedis implements AutoCloseable {

    private static final long READY_MILLIS = 10_000;
    private static final int SOCKET_TIMEOUT_MILLIS = 5_000;

    private final Path executable;
    private final int port;
    private final Path dir;
    private final Thread killOnExit;
    private final List<String> extraArgs;
    private Process process;
    private boolean closed;

    /** Starts a private Redis on a free port; returns once it answers PING. */
    public PrivateRedis() {
        this(List.of());
    }

    /**
     * As {@link #PrivateRedis()}, with more {@code redis-server} options (TLS on a second port, a
     * password); with {@code --requirepass} the readiness PING is answered NOAUTH, which counts.
     */
    public PrivateRedis(List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
        Path exe = onPath("redis-server");
        Requirements.require(exe != null, "redis-server on PATH");
        this.executable = exe;
        this.port = freePort();
        try {
            this.dir = Files.createTempDirectory("private-redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A test JVM that ends without close() must not leave a redis-server behind.
        this.killOnExit = new Thread(this::kill, "private-redis-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        try {
            start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A free TCP port of 127.0.0.1 (for a second listener, such as --tls-port). */
    public static int anotherFreePort() {
        return freePort();
    }

    /** redis://127.0.0.1:PORT */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** (Re)starts it on the same port, empty; returns once it answers PING. No-op while it runs. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (process != null && process.isAlive()) {
            return;
        }
        Path log = dir.resolve("redis.log");
        List<String> cmd = new java.util.ArrayList<>(List.of(executable.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString()));
        cmd.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_MILLIS);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
                        + "; " + log + ":\n" + read(log));
            }
            try {
                String pong = command(port, "PING");
                if (pong.startsWith("+PONG") || pong.startsWith("-NOAUTH")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                        + READY_MILLIS + " ms; " + log + ":\n" + read(log));
            }
            sleep(20);
        }
    }

    /** Kills it (SIGKILL, as a crash would) and waits until the process is gone; its data is lost. */
    public synchronized void stop() {
        kill();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops it and deletes its directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    /** One command to this Redis; the raw RESP reply (see {@link #command(String, int, String...)}). */
    public String command(String... args) {
        return command(port, args);
    }

    /** One command to the Redis on 127.0.0.1:port; the raw RESP reply. */
    public static String command(int port, String... args) {
        return command("127.0.0.1", port, args);
    }

    /**
     * Sends one command as a RESP array of bulk strings on a new connection and returns the whole
     * reply as received, CRLFs included: {@code "+PONG\r\n"}, {@code ":3\r\n"},
     * {@code "*2\r\n$7\r\ninkroom\r\n:2\r\n"} for {@code PUBSUB NUMSUB inkroom}, {@code "$N\r\n...\r\n"}
     * for {@code CLIENT LIST} (one line per client inside), {@code "-ERR ...\r\n"} for an error.
     *
     * @throws UncheckedIOException when it cannot connect or the reply does not arrive in 5 s
     */
    public static String command(String host, int port, String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), SOCKET_TIMEOUT_MILLIS);
            socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            readValue(socket.getInputStream(), reply);
            return reply.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis " + host + ":" + port + " " + String.join(" ", args) + ": " + e, e);
        }
    }

    /** Copies one complete RESP2 value (nested arrays included) from in to out. */
    private static void readValue(InputStream in, ByteArrayOutputStream out) throws IOException {
        String line = readLine(in, out);
        if (line.isEmpty()) {
            throw new IOException("empty RESP line");
        }
        switch (line.charAt(0)) {
            case '+', '-', ':' -> { }
            case '$' -> {
                int length = Integer.parseInt(line.substring(1));
                if (length >= 0) {
                    out.writeBytes(in.readNBytes(length + 2)); // the data and its CRLF
                }
            }
            case '*' -> {
                int count = Integer.parseInt(line.substring(1));
                for (int i = 0; i < count; i++) {
                    readValue(in, out);
                }
            }
            default -> throw new IOException("not a RESP2 reply: " + line);
        }
    }

    /** Reads up to and including CRLF, copies it to out, returns the line without CRLF. */
    private static String readLine(InputStream in, ByteArrayOutputStream out) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-reply");
            }
            out.write(b);
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(b);
            previous = b;
        }
    }

    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroyForcibly();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " still alive 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(entry, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "PrivateRedis[" + uri() + (isRunning() ? "" : ", stopped") + "]";
    }
}
