package org.inkroom.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process's CPU time and RSS from /proc, and (for a JVM, through jcmd) its heap. */
final class Proc {

    private static final double CLK_TCK = 100.0; // USER_HZ on Linux x86-64
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    final long pid;
    private final String jcmd; // null: not a JVM (or no jcmd)

    Proc(long pid, String jcmd) {
        this.pid = pid;
        this.jcmd = jcmd;
    }

    static Proc self() {
        return new Proc(ProcessHandle.current().pid(), null);
    }

    boolean isJvm() {
        return jcmd != null;
    }

    /** utime + stime in seconds. */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK; // fields 14 and 15
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** One live thread's kind ({@link #threadKind}) and CPU seconds (utime + stime) so far. */
    record ThreadCpu(String kind, double seconds) { }

    /** This process's live threads by thread id. */
    Map<Long, ThreadCpu> threadCpuSeconds() {
        Map<Long, ThreadCpu> byTid = new HashMap<>();
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        for (File t : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(t.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / CLK_TCK;
                byTid.put(Long.parseLong(t.getName()), new ThreadCpu(threadKind(name), cpu));
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return byTid;
    }

    /**
     * CPU seconds each kind of thread used between two {@link #threadCpuSeconds} snapshots: per
     * thread, so a thread that ended in between (a container's pool shrinking) takes nothing away
     * (what it used in between is lost) and one that started counts from zero.
     */
    static Map<String, Double> usedByKind(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<String, Double> byKind = new LinkedHashMap<>();
        for (String kind : KINDS) {
            byKind.put(kind, 0.0);
        }
        after.forEach((tid, now) -> {
            ThreadCpu then = before.get(tid);
            byKind.merge(now.kind(), now.seconds() - (then == null ? 0 : then.seconds()), Double::sum);
        });
        return byKind;
    }

    /** Every kind {@link #threadKind} gives, in the order steps report them. */
    static final List<String> KINDS = List.of("request", "io", "send", "store", "jit", "gc", "refine", "rest");

    /**
     * The kind of a server thread by its name as /proc shows it (15 characters at most): "request"
     * (the threads that run the endpoint: Liberty's Default Executor, WildFly's default task, Payara's
     * http-thread-pool), "io" (the container's selector threads: Liberty's Inbound Read Selector,
     * WildFly's default I/O, which also run its async writes), "send" (the pool and floor writers,
     * and ForkJoinPool carriers, which run the virtual-thread writers), "store" (Inkroom's store
     * writer), "jit", "refine" (G1's concurrent refinement threads, which on Java 17 took most of a
     * floor's GC time at W2: BENCHMARKS.md, session 40), "gc" (every other collector thread) or "rest".
     */
    static String threadKind(String name) {
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        if (name.startsWith("G1 Refine")) {
            return "refine";
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("ZWorker") || name.startsWith("ZDri")
                || name.startsWith("ZDir") || name.startsWith("Shenandoah")) {
            return "gc";
        }
        if (name.startsWith("Default Executo") || name.startsWith("default task") || name.startsWith("http-thread-poo")) {
            return "request";
        }
        if (name.startsWith("Inbound Read Se") || name.startsWith("default I/O") || name.startsWith("http-listener")) {
            return "io";
        }
        if (name.startsWith("inkroom-send") || name.startsWith("floor-send") || name.startsWith("ForkJoinPool")) {
            return "send";
        }
        if (name.startsWith("inkroom-store")) {
            return "store";
        }
        return "rest";
    }

    /** CPU seconds (utime + stime) of every process now running, by pid. */
    static Map<Long, Double> allCpuSeconds() {
        Map<Long, Double> all = new HashMap<>();
        File[] dirs = new File("/proc").listFiles((d, name) -> name.chars().allMatch(Character::isDigit));
        for (File d : dirs == null ? new File[0] : dirs) {
            long pid = Long.parseLong(d.getName());
            double cpu = new Proc(pid, null).cpuSeconds();
            if (!Double.isNaN(cpu)) {
                all.put(pid, cpu);
            }
        }
        return all;
    }

    /** CPU seconds used between two {@link #allCpuSeconds()} by processes other than {@code except}. */
    static double othersCpuSeconds(Map<Long, Double> before, Map<Long, Double> after, long... except) {
        double sum = 0;
        for (Map.Entry<Long, Double> e : after.entrySet()) {
            if (Arrays.stream(except).noneMatch(x -> x == e.getKey())) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            }
        }
        return sum;
    }

    /**
     * CPU seconds used between two {@link #allCpuSeconds()} by processes whose command name
     * ({@code /proc/<pid>/comm}) is {@code comm}, e.g. {@code redis-server}, {@code postgres}.
     */
    static double commandCpuSeconds(Map<Long, Double> before, Map<Long, Double> after, String comm) {
        double sum = 0;
        for (Map.Entry<Long, Double> e : after.entrySet()) {
            if (comm.equals(command(e.getKey()))) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            }
        }
        return sum;
    }

    /**
     * The {@code n} processes that used the most CPU between two {@link #allCpuSeconds()} taken
     * {@code seconds} apart, but for {@code except} and those named in {@code exceptCommands}:
     * "command pid CPU%" each.
     */
    static List<String> busiest(Map<Long, Double> before, Map<Long, Double> after, double seconds, int n,
            List<String> exceptCommands, long... except) {
        return after.entrySet().stream()
                .filter(e -> Arrays.stream(except).noneMatch(x -> x == e.getKey()))
                .filter(e -> !exceptCommands.contains(command(e.getKey())))
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0.0)))
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %d %.1f%%", command(e.getKey()), e.getKey(), e.getValue() / seconds * 100))
                .toList();
    }

    /** The process's command name, or "" when it is gone. */
    static String command(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return -1;
    }

    /** Heap in use now (kB), or -1 for a non-JVM. */
    long heapUsedKb() {
        if (jcmd == null) {
            return -1;
        }
        Matcher m = USED.matcher(run("GC.heap_info"));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** Full GC, then the live heap (kB). */
    long heapAfterGcKb() {
        if (jcmd == null) {
            return -1;
        }
        run("GC.run");
        return heapUsedKb();
    }

    /** A thread dump (with per-thread CPU time), or "" for a non-JVM. */
    String threadDump() {
        return jcmd == null ? "" : run("Thread.print");
    }

    private String run(String command) {
        try {
            Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
