package it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Several Open Liberty nodes of the built WAR on this machine, started and controlled through
 * {@code scripts/cluster.sh}: the tests drive the cluster by the same mechanism a developer uses by
 * hand. Each node is its own Liberty server ({@code inkroom-node-<port>}) in the installation the
 * build made, on a free port, with {@code INKROOM_NODE_ID=node-<port>}, the shared PostgreSQL and
 * Redis unless {@code env} says otherwise (see the script's header for the defaults).
 *
 * <p>The script's output goes to {@code target/cluster-<ports>.log}; a failed command's exception
 * carries its tail. {@link #close()} stops every node and never throws.
 */
public final class ClusterNodes implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ClusterNodes.class.getName());
    private static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath();
    private static final Path SCRIPT = REPO.resolve("scripts/cluster.sh");
    private static final Path WLP = REPO.resolve(System.getProperty("liberty.install.dir", "target/liberty/wlp"));

    // Generous: the script's own readiness limit is 120 s per command; these only catch a hung script.
    private static final long START_SECONDS = 600; // includes building the server when it is missing
    private static final long NODE_SECONDS = 300;
    private static final long KILL_SECONDS = 60;
    private static final long STOP_SECONDS = 180;
    private static final int TAIL_LINES = 60;

    private final List<Integer> ports;
    private final Map<String, String> env;
    private final Path output;
    private final Thread killOnExit;
    private boolean closed;

    private ClusterNodes(List<Integer> ports, Map<String, String> env) {
        this.ports = List.copyOf(ports);
        this.env = Map.copyOf(env);
        this.output = REPO.resolve("target/cluster-"
                + ports.stream().map(String::valueOf).collect(Collectors.joining("-")) + ".log");
        // A test JVM that ends without close() (a failsafe timeout, Ctrl-C) would otherwise leave the
        // nodes running on their random ports after the build.
        this.killOnExit = new Thread(this::killAll, "cluster-nodes-kill-on-exit");
    }

    /**
     * Starts {@code count} nodes on free ports with these variables (INKROOM_* names) added to a
     * clean environment: INKROOM_* variables of the test JVM's own environment are not passed on, so
     * a developer's shell does not change what a test runs against.
     */
    public static ClusterNodes start(int count, Map<String, String> env) {
        ClusterNodes nodes = new ClusterNodes(freePorts(count), env);
        Runtime.getRuntime().addShutdownHook(nodes.killOnExit);
        try {
            nodes.run(START_SECONDS, "start");
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
        return nodes;
    }

    public List<Integer> ports() {
        return ports;
    }

    public int port(int i) {
        return ports.get(i);
    }

    /** The node's INKROOM_NODE_ID. */
    public String nodeId(int i) {
        return "node-" + port(i);
    }

    /** {@code ws://localhost:PORT/ws/} followed by e.g. {@code "room-1?userId=Alice"}. */
    public URI ws(int i, String roomAndQuery) {
        return URI.create("ws://localhost:" + port(i) + "/ws/" + roomAndQuery);
    }

    /** SIGKILL to node {@code i}'s JVM; returns when the process is gone. */
    public void kill9(int i) {
        run(KILL_SECONDS, "kill9", Integer.toString(port(i)));
    }

    /** Starts node {@code i} again (stopping it first if it runs), with the same environment; returns when it answers. */
    public void restart(int i) {
        run(NODE_SECONDS, "start-node", Integer.toString(port(i)));
    }

    /** Node {@code i}'s JVM process id, from Liberty's pid file. */
    public long pid(int i) {
        Path file = WLP.resolve("usr/servers/.pid/inkroom-node-" + port(i) + ".pid");
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file for node " + port(i) + " (not started?)", e);
        }
    }

    /** Node {@code i}'s messages.log lines that contain {@code contains} (all lines for ""). */
    public List<String> log(int i, String contains) {
        Path log = WLP.resolve("usr/servers/inkroom-node-" + port(i) + "/logs/messages.log");
        try {
            // Decoded leniently: one odd byte in a logged payload must not hide the rest of the log.
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return text.lines().filter(l -> l.contains(contains)).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops every node gracefully; logs instead of throwing, so it is safe in finally and try-with-resources. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            run(STOP_SECONDS, "stop");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "stopping cluster nodes " + ports + " failed; killing them", e);
            killAll();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing left to undo
        }
    }

    /** SIGKILL to every node JVM still running (checked by its command line: a pid file outlives its process). */
    private void killAll() {
        for (int i = 0; i < ports.size(); i++) {
            String server = "inkroom-node-" + port(i);
            try {
                ProcessHandle.of(pid(i))
                        .filter(h -> h.info().arguments().map(a -> List.of(a).contains(server)).orElse(false))
                        .ifPresent(ProcessHandle::destroyForcibly);
            } catch (RuntimeException noPid) {
                // never started or already gone
            }
        }
    }

    /** Runs the script with this cluster's environment; throws with the output's tail unless it exits 0 in time. */
    private void run(long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        Collections.addAll(command, args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("INKROOM_"));
        environment.putAll(env);
        environment.put("NODE_PORTS", ports.stream().map(String::valueOf).collect(Collectors.joining(" ")));
        environment.put("CLUSTER_WLP", WLP.toString());
        String what = "cluster.sh " + String.join(" ", args) + " (NODE_PORTS=\"" + environment.get("NODE_PORTS") + "\")";
        try {
            Files.createDirectories(output.getParent());
            // Appended, not pipes: the Liberty JVMs the script starts must never block on our reading.
            Files.writeString(output, "\n$ " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + what + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeoutSeconds + " s; " + tail());
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit " + p.exitValue() + "; " + tail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(what + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private String tail() {
        try {
            List<String> lines = new String(Files.readAllBytes(output), StandardCharsets.UTF_8).lines().toList();
            return "last lines of " + output + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Distinct free ports, all held open at once while choosing so that none is picked twice. */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0);
                s.setReuseAddress(true);
                sockets.add(s);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a listening socket we own does not fail in practice
                }
            }
        }
    }

    @Override
    public String toString() {
        return "ClusterNodes" + ports;
    }
}
