package it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The server the deployed tests run against, chosen by {@code -Dinkroom.it.server} (liberty, the
 * default, wildfly or payara; the pom runs the same tests once per server), and what a test can do
 * to it: kill it with SIGKILL, stop it, start it again with another environment, read its log.
 * Liberty is driven as before (LibertyProcess); WildFly and Payara Micro through
 * {@code scripts/wildfly.sh} and {@code scripts/payara.sh}, the scripts the build starts them with.
 */
abstract class Target {

    static final Target CURRENT = of(System.getProperty("inkroom.it.server", "liberty"));

    static final int PORT = Integer.getInteger("http.port", 9080);

    static Target of(String name) {
        return switch (name) {
            case "liberty" -> new Liberty();
            case "wildfly", "payara" -> new Scripted(name);
            default -> throw new IllegalArgumentException("inkroom.it.server must be liberty, wildfly or payara, was " + name);
        };
    }

    abstract String name();

    boolean isLiberty() {
        return false;
    }

    /** WildFly's WebSocket container is Undertow's. */
    boolean isUndertow() {
        return name().equals("wildfly");
    }

    abstract long pid() throws Exception;

    /** SIGKILL: no shutdown hook, no flush, no close frames. */
    abstract void kill9() throws Exception;

    /** Starts the server with these extra variables (INKROOM_* names) and waits until the application answers. */
    abstract void start(Map<String, String> env) throws Exception;

    /** Starts it and returns without waiting for the application (it may fail to start); the start's exit code. */
    abstract int startWithoutWaiting(Map<String, String> env) throws Exception;

    /** Stops gracefully, as an operator would. */
    abstract void stop() throws Exception;

    /** The log lines that mention {@code text}. */
    abstract List<String> log(String text) throws IOException;

    /** Waits until the log has lines mentioning {@code text}; returns them. */
    List<String> awaitLog(String text, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = log(text);
            if (!lines.isEmpty()) {
                Thread.sleep(1000); // let the rest of the message reach the log
                return log(text);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no '" + text + "' in the " + name() + " log within " + within);
    }

    /** The sockets the server process holds open (Linux: its file descriptors that are sockets), by inode. */
    Set<String> openSockets() throws Exception {
        Set<String> inodes = new TreeSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid()), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring("socket:[".length(), link.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing: not open
                }
            }
        }
        return inodes;
    }

    /** One of the server's sockets as the kernel's tables in its network namespace give it. */
    record KernelSocket(String inode, String table, String state, int localPort, int remotePort, String queues) {
        @Override
        public String toString() {
            return table.equals("unix") ? "unix socket " + inode
                    : table + " " + state + " local :" + localPort + " remote :" + remotePort + " queues tx:rx " + queues;
        }
    }

    /** The TCP, UDP and Unix sockets in the server's network namespace, by inode (held by any process). */
    Map<String, KernelSocket> kernelSockets() throws Exception {
        Map<String, KernelSocket> found = new TreeMap<>();
        Path net = Path.of("/proc", Long.toString(pid()), "net");
        for (String table : List.of("tcp", "tcp6", "udp", "udp6", "unix")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(net.resolve(table), StandardCharsets.US_ASCII);
            } catch (IOException gone) {
                continue;
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (table.equals("unix")) {
                    if (f.length > 6) {
                        found.put(f[6], new KernelSocket(f[6], table, "", 0, 0, ""));
                    }
                } else if (f.length > 9) {
                    found.put(f[9], new KernelSocket(f[9], table, TCP_STATES.getOrDefault(f[3], f[3]), port(f[1]), port(f[2]), f[4]));
                }
            }
        }
        return found;
    }

    /** The server's connections accepted on {@code port} (its own sockets there, other than the listener), by inode. */
    Set<String> acceptedOn(int port) throws Exception {
        Set<String> open = openSockets();
        Set<String> accepted = new TreeSet<>();
        for (KernelSocket socket : kernelSockets().values()) {
            if (open.contains(socket.inode()) && socket.localPort() == port && !socket.state().equals("LISTEN")) {
                accepted.add(socket.inode());
            }
        }
        return accepted;
    }

    /** What these sockets of the server are, one line each, for a test's message. */
    String describeSockets(Collection<String> inodes) throws Exception {
        Map<String, KernelSocket> known = kernelSockets();
        StringBuilder out = new StringBuilder();
        for (String inode : inodes) {
            KernelSocket socket = known.get(inode);
            out.append("\n  socket ").append(inode).append(": ")
                    .append(socket == null ? "not in the tcp/udp/unix tables" : socket.toString());
        }
        return out.toString();
    }

    private static int port(String hexAddress) {
        return Integer.parseInt(hexAddress.substring(hexAddress.indexOf(':') + 1), 16);
    }

    private static final Map<String, String> TCP_STATES = Map.ofEntries(Map.entry("01", "ESTABLISHED"),
            Map.entry("02", "SYN_SENT"), Map.entry("03", "SYN_RECV"), Map.entry("04", "FIN_WAIT1"),
            Map.entry("05", "FIN_WAIT2"), Map.entry("06", "TIME_WAIT"), Map.entry("07", "CLOSE"),
            Map.entry("08", "CLOSE_WAIT"), Map.entry("09", "LAST_ACK"), Map.entry("0A", "LISTEN"),
            Map.entry("0B", "CLOSING"));

    @Override
    public String toString() {
        return name();
    }

    /** The Open Liberty server the Liberty Maven plugin created and started. */
    private static final class Liberty extends Target {
        @Override
        String name() {
            return "liberty";
        }

        @Override
        boolean isLiberty() {
            return true;
        }

        @Override
        long pid() throws IOException {
            return LibertyProcess.pid();
        }

        @Override
        void kill9() throws Exception {
            LibertyProcess.kill9();
        }

        @Override
        void start(Map<String, String> env) throws Exception {
            LibertyProcess.start(env);
        }

        @Override
        int startWithoutWaiting(Map<String, String> env) throws Exception {
            return LibertyProcess.startWithoutWaiting(env);
        }

        @Override
        void stop() throws Exception {
            LibertyProcess.stop();
        }

        @Override
        List<String> log(String text) throws IOException {
            return LibertyProcess.log(text);
        }
    }

    /** WildFly or Payara Micro through its script (scripts/NAME.sh), in the server directory the build gave it. */
    private static final class Scripted extends Target {
        private final String name;
        private final Path script;

        Scripted(String name) {
            this.name = name;
            this.script = Path.of(System.getProperty("inkroom.it.scripts", "scripts")).resolve(name + ".sh");
        }

        @Override
        String name() {
            return name;
        }

        /** Runs the script; returns its exit code and output. */
        private Result run(String command, Map<String, String> env) throws Exception {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), command).redirectErrorStream(true);
            // Only what the test asks for: the build's own INKROOM_* must not leak into a restart.
            pb.environment().keySet().removeIf(k -> k.startsWith("INKROOM_"));
            pb.environment().putAll(env);
            pb.environment().put("HTTP_PORT", Integer.toString(PORT));
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes(); // the script ends once the server is up or failed
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(name + ".sh " + command + " did not return within 300 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        }

        private record Result(int exit, String output) { }

        private void runOk(String command, Map<String, String> env) throws Exception {
            Result r = run(command, env);
            if (r.exit() != 0) {
                throw new IllegalStateException(name + ".sh " + command + " failed (exit " + r.exit() + "):\n" + r.output());
            }
        }

        @Override
        long pid() throws Exception {
            Result r = run("pid", Map.of());
            String out = r.output().trim();
            if (out.isEmpty()) {
                throw new IllegalStateException(name + " is not running");
            }
            return Long.parseLong(out);
        }

        @Override
        void kill9() throws Exception {
            runOk("kill9", Map.of());
        }

        @Override
        void start(Map<String, String> env) throws Exception {
            runOk("start", env);
        }

        @Override
        int startWithoutWaiting(Map<String, String> env) throws Exception {
            return run("start", env).exit();
        }

        @Override
        void stop() throws Exception {
            runOk("stop", Map.of());
        }

        @Override
        List<String> log(String text) throws IOException {
            Path log;
            try {
                log = Path.of(run("log", Map.of()).output().trim());
            } catch (Exception e) {
                throw new IOException(e);
            }
            // Payara colours its console log; the escapes would split the text being looked for.
            return Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                    .map(l -> l.replaceAll("\u001B\\[[;\\d]*m", ""))
                    .filter(l -> l.contains(text)).toList();
        }
    }
}
