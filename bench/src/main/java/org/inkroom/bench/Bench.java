package org.inkroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.inkroom.bench.Ws.Conn;

/**
 * Runs the workloads against every target (Inkroom, the seed's Go server, a cluster of Inkroom
 * nodes) in one process and writes {@code <out>.json} and {@code <out>.md}. Usage:
 * {@code java -jar inkroom-bench.jar --out PREFIX --target NAME:PORT[,PORT...]:PID[,PID...][:JCMD]...}
 * (a target of several nodes lists one port and one pid per node); env
 * {@code WORKLOADS=1,2,3,4,5,6,7}, {@code QUICK=1}. Workloads 6 and 7 are in {@link TwoNodes}.
 */
public final class Bench {

    private static final boolean QUICK = "1".equals(System.getenv("QUICK"));
    private static final long WARM_NS = (QUICK ? 2 : 5) * 1_000_000_000L;
    private static final long MEASURE_NS = (QUICK ? 4 : 10) * 1_000_000_000L;
    private static final long DRAIN_NS = 3_000_000_000L;
    private static final int CLIENT_THREADS = 2;
    private static final int CONNECT_IN_FLIGHT = 256;
    /** Uncounted steps at the first rate before each drawing workload's rate search (SERVER_WARMUP_STEPS). */
    private static final int SERVER_WARMUP_STEPS = Integer.parseInt(System.getenv().getOrDefault("SERVER_WARMUP_STEPS", QUICK ? "0" : "2"));
    /**
     * After those, more warm-up steps (up to SERVER_WARMUP_MAX in all) while the server's JIT compiler
     * threads still used more than WARMUP_JIT_PCT % of a core in the last one's measured window.
     * (Defaults 12 and 2 since session 21: with 8 and 5, or the headline's 5, Inkroom's W1 measured
     * steps still carried 6-9 % of a core of compilation the floor, whose code is tiny, did not.)
     */
    private static final int SERVER_WARMUP_MAX = Integer.parseInt(System.getenv().getOrDefault("SERVER_WARMUP_MAX", "12"));
    private static final double WARMUP_JIT_PCT = Double.parseDouble(System.getenv().getOrDefault("WARMUP_JIT_PCT", "2"));
    /** Workload 4 reads the server's RSS again after its connections have been idle this long. */
    private static final int IDLE_WAIT_S = Integer.parseInt(System.getenv().getOrDefault("IDLE_WAIT_S", QUICK ? "5" : "60"));
    private static final double MAX_P99_MS = 50;
    private static final double MIN_RATIO = 0.999;
    private static final double NOISY_CPU_PCT = 25;
    /** Starts every room name (BENCH_RUN: run.sh sets it, to find this run's keys in Redis afterwards). */
    static final String RUN = System.getenv().getOrDefault("BENCH_RUN", Long.toString(System.currentTimeMillis() % 1_000_000, 36));

    /**
     * Extra connect parameters per target. Inkroom's clients (single node or cluster) ask for
     * {@code batch=1} as its page does (INKROOM_QUERY= turns that off, to measure seed-protocol
     * clients); the seed knows no options.
     */
    static String query(Target t) {
        if (t.name().endsWith("-batch")) {
            return "&batch=1";
        } else if (t.name().endsWith("-plain") || t.name().endsWith("-floor")) {
            return ""; // the headline's client kinds (run.sh CLIENTS); the floor relays frames as they are
        }
        return t.name().equals("seed") ? "" : System.getenv().getOrDefault("INKROOM_QUERY", "&batch=1");
    }

    /**
     * A drawing workload. Steps at rates up to {@code alwaysUpTo} are measured even after a failing
     * step (for a comparison at a fixed rate; the highest passing rate still ends at the first
     * failure); {@code byNode} adds same-node / cross-node figures to every step.
     */
    record Drawing(int id, String title, int rooms, int members, int sendersPerRoom, int[] rates, int alwaysUpTo,
            boolean byNode) {
        Drawing(int id, String title, int rooms, int members, int sendersPerRoom, int[] rates) {
            this(id, title, rooms, members, sendersPerRoom, rates, 0, false);
        }
    }

    /**
     * RATES_1=2750,3000 (likewise RATES_2, RATES_6, RATES_7) replaces the rate steps of that one workload, so one
     * run can hold each workload at the rate it is judged at (bench/rounds.sh); otherwise
     * RATES=4000,4400,... replaces those of all four (finer steps near a limit).
     */
    static int[] rates(int workload, int[] defaults) {
        String env = System.getenv("RATES_" + workload);
        if (env == null || env.isBlank()) {
            env = System.getenv("RATES");
        }
        return env == null || env.isBlank() ? defaults
                : Arrays.stream(env.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * MEASURE_UP_TO=N: workloads 1 and 2 measure every step at a rate up to N even after a failing
     * one, so RATES=3000,3000,3000 MEASURE_UP_TO=3000 gives three measured steps at one rate (CPU
     * by thread kind compared between builds, where one step's noise hides a few points).
     */
    private static final int MEASURE_UP_TO = Integer.parseInt(System.getenv().getOrDefault("MEASURE_UP_TO", "0"));

    private static final Drawing W1 = new Drawing(1, "1 room x 50 clients, all 50 drawing", 1, 50, 50,
            rates(1, QUICK ? new int[] {500, 2000} : new int[] {500, 1000, 2000, 3000, 4000, 6000, 8000, 10000, 12000}),
            MEASURE_UP_TO, false);
    private static final Drawing W2 = new Drawing(2, "200 rooms x 10 clients, all drawing", 200, 10, 10,
            rates(2, QUICK ? new int[] {1000} : new int[] {500, 1000, 2000, 3000, 4000, 6000, 8000, 10000, 12000}),
            MEASURE_UP_TO, false);
    private static final Drawing W3 = new Drawing(3, "1 room x 1,000 clients, 5 drawing", 1, 1000, 5,
            QUICK ? new int[] {50} : new int[] {25, 50, 100, 200, 300, 400, 600, 800, 1000});

    private Bench() { }

    public static void main(String[] args) throws Exception {
        List<Target> targets = new ArrayList<>();
        String out = "bench-result";
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = args[++i];
            } else if (args[i].equals("--target")) {
                String[] p = args[++i].split(":", 4);
                String jcmd = p.length > 3 && !p[3].isEmpty() ? p[3] : null;
                int[] ports = Arrays.stream(p[1].split(",")).mapToInt(Integer::parseInt).toArray();
                List<Proc> procs = Arrays.stream(p[2].split(",")).map(pid -> new Proc(Long.parseLong(pid), jcmd)).toList();
                if (ports.length != procs.size()) {
                    throw new IllegalArgumentException("target " + p[0] + ": one pid per port");
                }
                targets.add(new Target(p[0], ports, procs));
            }
        }
        String only = System.getenv("TARGETS"); // e.g. TARGETS=inkroom: measure one server only
        if (only != null && !only.isBlank()) {
            List<String> keep = Arrays.asList(only.split(","));
            targets.removeIf(t -> !keep.contains(t.name()));
        }
        List<Integer> workloads = Arrays.stream(System.getenv().getOrDefault("WORKLOADS", "1,2,3,4,5").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).collect(Collectors.toList());
        // Idle memory first, while both servers are fresh; then the drawing workloads; the big room last.
        List<Integer> order = new ArrayList<>();
        for (int w : new int[] {4, 1, 2, 3, 6, 7, 5}) {
            if (workloads.contains(w)) {
                order.add(w);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("meta", meta(targets));
        Map<String, Object> byWorkload = new LinkedHashMap<>();
        result.put("workloads", byWorkload);
        for (int w : order) {
            Map<String, Object> perTarget = new LinkedHashMap<>();
            byWorkload.put(Integer.toString(w), perTarget);
            for (Target t : targets) {
                if ((w == 4 || w == 5) && !t.single()) {
                    perTarget.put(t.name(), Map.of("skipped", "a single-server workload"));
                    continue;
                }
                if (w >= 3 && w <= 5 && t.name().endsWith("-batch")
                        && targets.stream().anyMatch(o -> o.name().endsWith("-plain") && o.ports()[0] == t.ports()[0])) {
                    perTarget.put(t.name(), Map.of("skipped", "measured once, with the plain clients"));
                    continue;
                }
                for (Target other : targets) {
                    waitIdle(other); // e.g. the target measured before is still closing its rooms
                }
                log("workload %d on %s", w, t.name());
                try (Ws ws = new Ws(t.ports(), CLIENT_THREADS, query(t))) {
                    perTarget.put(t.name(), switch (w) {
                        case 1 -> rateSearch(ws, t, W1);
                        case 2 -> rateSearch(ws, t, W2);
                        case 3 -> rateSearch(ws, t, W3);
                        case 4 -> idle(ws, t);
                        case 5 -> lateJoin(ws, t);
                        case 6 -> TwoNodes.run(ws, t, TwoNodes.W6);
                        case 7 -> TwoNodes.run(ws, t, TwoNodes.W7);
                        default -> throw new IllegalArgumentException("no workload " + w);
                    });
                } catch (Exception e) {
                    perTarget.put(t.name(), Map.of("error", String.valueOf(e)));
                    log("workload %d on %s failed: %s", w, t.name(), e);
                }
                Files.writeString(Path.of(out + ".json"), Json.write(result)); // partial results survive a crash
            }
        }
        if (order.contains(6) || order.contains(7)) {
            result.put("two_nodes", TwoNodes.summary(result));
            Files.writeString(Path.of(out + ".json"), Json.write(result));
        }
        String md = Report.markdown(result, targets);
        Files.writeString(Path.of(out + ".md"), md);
        System.out.println(md);
    }

    // ---- workloads 1-3: open-loop drawing, rate search ----

    static Map<String, Object> rateSearch(Ws ws, Target t, Drawing d) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> best = null;
        boolean retried = false;
        boolean failed = false;
        // A fresh Liberty is still JIT-compiling its hot paths for minutes (its C1/C2 compiler threads
        // used 20-55 % of a core through Inkroom's first three steps on workload 2, against a few % for
        // the floor, whose code is small), so the first steps measured the compiler as much as the
        // server. Warm-up steps at the first rate, not counted, until the compiler has settled.
        List<Map<String, Object>> warmups = new ArrayList<>();
        Object jit = null;
        for (int w = 0; w < SERVER_WARMUP_MAX
                && (w < SERVER_WARMUP_STEPS || jit instanceof Double pct && pct > WARMUP_JIT_PCT); w++) {
            Map<String, Object> row = drawingStep(ws, t, d, d.rates()[0], -1 - w);
            log("  warm-up %s", row);
            jit = row.get("server_jit_cpu_pct");
            Map<String, Object> kept = new LinkedHashMap<>();
            for (String k : List.of("rate", "p50_ms", "p99_ms", "server_cpu_pct", "server_jit_cpu_pct", "pass")) {
                kept.put(k, row.get(k));
            }
            warmups.add(kept);
        }
        for (int i = 0; i < d.rates().length; i++) {
            Map<String, Object> row = drawingStep(ws, t, d, d.rates()[i], rows.size());
            rows.add(row);
            log("  %s", row);
            if (!Boolean.TRUE.equals(row.get("pass"))) {
                if (!retried && row.get("other_cpu_pct") instanceof Double other && other > NOISY_CPU_PCT) {
                    retried = true; // something else was busy on this 2-core box: try this rate once more
                    row.put("noisy", true);
                    i--;
                    continue;
                }
                failed = true;
                if (i + 1 < d.rates().length && d.rates()[i + 1] <= d.alwaysUpTo()) {
                    continue; // past the limit, but the workload's comparison needs that rate measured
                }
                break; // rates only go up from here
            }
            if (!failed) {
                best = row;
            }
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("title", d.title());
        r.put("best_rate", best == null ? null : best.get("rate"));
        r.put("best_deliveries_per_s", best == null ? null : best.get("deliveries_per_s"));
        r.put("server_warmup_steps", warmups);
        r.put("steps", rows);
        return r;
    }

    static Map<String, Object> drawingStep(Ws ws, Target t, Drawing d, int rate, int stepNo) throws Exception {
        // The target's name keeps the rooms of targets that share a database (or Redis) apart.
        String prefix = "b" + RUN + t.name() + "w" + d.id() + (stepNo < 0 ? "warm" + -stepNo : "s" + stepNo) + "r";
        List<Ws.Spec> specs = new ArrayList<>();
        for (int r = 0; r < d.rooms(); r++) {
            for (int m = 0; m < d.members(); m++) {
                specs.add(new Ws.Spec(prefix + r, "u" + m, t.node(m)));
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("rate", rate);
        long t0 = System.nanoTime();
        List<Conn> conns = ws.connectAll(specs, CONNECT_IN_FLIGHT, 180_000);
        putConnectStats(row, conns, specs.size(), t0);
        try {
            if ((int) row.get("synced") < specs.size()) {
                row.put("pass", false);
                row.put("error", "only " + row.get("synced") + " of " + specs.size() + " clients got their sync");
                return row;
            }
            row.put("settle_s", round(ws.settle(500, 120_000))); // join/userlist traffic over before drawing
            List<Conn> senders = new ArrayList<>();
            for (int j = 0; j < d.sendersPerRoom(); j++) {
                for (int r = 0; r < d.rooms(); r++) {
                    senders.add(conns.get(r * d.members() + j)); // consecutive sends go to different rooms
                }
            }
            ClientGc.collectBeforeWindow();
            ClientGc gc0 = ClientGc.now();
            long start = System.nanoTime() + 20_000_000;
            long from = start + WARM_NS;
            long to = from + MEASURE_NS;
            Ws.Step step = new Ws.Step(from - Ws.BASE, to - Ws.BASE);
            ws.step.set(step);
            long frames0 = ws.frames.sum();
            long wall0 = System.currentTimeMillis();
            Schedule s = schedule(senders, rate, start, from, to, t);
            long expected = s.inWindow * (d.members() - 1L);
            long drainEnd = System.nanoTime() + DRAIN_NS;
            while (step.delivered.sum() < expected && System.nanoTime() < drainEnd) {
                Thread.sleep(20);
            }
            ws.step.set(null);
            long frames = ws.frames.sum() - frames0;
            Histogram h = step.latencyMicros.getIntervalHistogram();
            long delivered = step.delivered.sum();
            double seconds = MEASURE_NS / 1e9;
            double ratio = expected == 0 ? 0 : (double) delivered / expected;
            row.put("sent_per_s", round(s.inWindow / seconds));
            row.put("deliveries_per_s", round(delivered / seconds));
            row.put("expected", expected);
            row.put("delivered", delivered);
            row.put("delivery_ratio", Math.round(ratio * 1e5) / 1e5);
            // Messages per frame over the whole step (batch=1 clients get several in one frame).
            row.put("messages_per_frame", frames == 0 ? 0 : round((double) s.sent * (d.members() - 1L) / frames));
            row.put("p50_ms", ms(h.getValueAtPercentile(50)));
            row.put("p99_ms", ms(h.getValueAtPercentile(99)));
            row.put("p999_ms", ms(h.getValueAtPercentile(99.9)));
            row.put("max_ms", ms(h.getMaxValue()));
            row.put("late_slots", lateSlots(step));
            long wall1 = System.currentTimeMillis();
            BoxGaps.Probe probe = BoxGaps.Probe.read(); // once for both
            row.put("box_gaps", BoxGaps.between(probe, wall0, wall1));
            BoxWork.put(row, probe, wall0, wall1); // the box's speed in the window: box_work_wall_us, box_work_cpu_us
            row.put("client_gc", gc0.since());
            if (d.byNode()) {
                TwoNodes.putByNode(row, step, s.bySender, senders, t, d.members());
            }
            row.put("closes_1013", conns.stream().filter(c -> c.closeCode == 1013).count());
            row.put("other_closes", conns.stream().filter(c -> !c.open() && c.closeCode != 1013).count());
            row.put("errors", ws.errors.sumThenReset());
            // Closed connections by "code:reason" (-1: the connection ended without a close frame).
            row.put("close_codes", String.valueOf(conns.stream().filter(c -> !c.open()).collect(
                    java.util.stream.Collectors.groupingBy(c -> c.closeCode + ":" + c.closeReason,
                            java.util.TreeMap::new, java.util.stream.Collectors.counting()))));
            row.put("server_cpu_pct", s.serverCpuPct);
            row.put("server_jit_cpu_pct", s.jitCpuPct);
            row.put("server_gc_cpu_pct", s.gcCpuPct);
            row.put("server_gc_refine_cpu_pct", s.gcRefineCpuPct);
            // Where the server's CPU went, by kind of thread: beside the floor's, what Inkroom adds.
            row.put("server_threads_cpu_pct", s.threadsCpuPct);
            if (!t.single()) {
                row.put("node_cpu_pct", s.nodeCpuPct);
            }
            row.put("redis_cpu_pct", s.redisCpuPct);
            row.put("postgres_cpu_pct", s.postgresCpuPct);
            row.put("server_rss_mb", s.serverRssKb / 1024);
            long heap = t.heapUsedKb();
            row.put("server_heap_mb", heap < 0 ? null : heap / 1024);
            row.put("client_cpu_pct", s.clientCpuPct);
            row.put("other_cpu_pct", s.otherCpuPct);
            if (s.otherCpuPct > 10) {
                row.put("other_top", s.otherTop);
            }
            row.put("client_max_send_lag_ms", round(s.maxLagNs / 1e6));
            row.put("pass", ratio >= MIN_RATIO && ms(h.getValueAtPercentile(99)) <= MAX_P99_MS);
            return row;
        } finally {
            ws.step.set(null);
            long c0 = System.nanoTime();
            row.put("close_forced", Ws.closeAll(conns));
            row.put("close_s", round((System.nanoTime() - c0) / 1e9));
            row.put("server_idle_wait_s", round(waitIdle(t)));
        }
    }

    /** What one schedule did: sends in the measured window, how far the client fell behind, CPU. */
    static final class Schedule {
        long inWindow;
        long[] bySender; // sends in the measured window per sender
        long sent;
        long maxLagNs;
        double serverCpuPct; // all of the target's nodes
        double jitCpuPct; // of which its JIT compiler threads
        double gcCpuPct; // and its garbage collector's threads (refinement included)
        double gcRefineCpuPct; // of which G1's concurrent refinement
        Map<String, Double> threadsCpuPct; // and by kind of thread (Proc.threadKind), its live threads only
        List<Double> nodeCpuPct = List.of();
        double redisCpuPct;
        double postgresCpuPct;
        double clientCpuPct;
        double otherCpuPct; // everything else on the machine (another build would show here)
        List<String> otherTop = List.of(); // its three busiest processes: "command pid CPU%"
        long serverRssKb;
    }

    /**
     * Open loop: operation k is due at {@code start + k/rate}; every ~1 ms all due operations are
     * sent, round robin over the senders, whatever the server does. The id carries the scheduled
     * time, so a client that falls behind its schedule shows up as latency, not as a lower rate.
     */
    static Schedule schedule(List<Conn> senders, double rate, long start, long from, long to, Target server) {
        Proc self = Proc.self();
        Schedule s = new Schedule();
        s.bySender = new long[senders.size()];
        long total = (long) ((to - start) * rate / 1e9);
        double[] cpuNodes0 = new double[server.procs().size()];
        List<Map<Long, Proc.ThreadCpu>> threads0 = new ArrayList<>();
        double cpuClient0 = 0;
        Map<Long, Double> cpuAll0 = Map.of();
        long at0 = 0;
        boolean inWindow = false;
        while (s.sent < total) {
            long now = System.nanoTime();
            if (now > to + 30_000_000_000L) {
                break; // bounded, whatever happens
            }
            if (!inWindow && now >= from) {
                inWindow = true;
                for (int n = 0; n < cpuNodes0.length; n++) {
                    cpuNodes0[n] = server.procs().get(n).cpuSeconds();
                    threads0.add(server.procs().get(n).threadCpuSeconds());
                }
                cpuClient0 = self.cpuSeconds();
                cpuAll0 = Proc.allCpuSeconds();
                at0 = System.nanoTime();
            }
            long due = now < start ? 0 : Math.min(total, (long) ((now - start) * rate / 1e9) + 1);
            for (; s.sent < due; s.sent++) {
                long intended = start + (long) (s.sent * 1e9 / rate);
                s.maxLagNs = Math.max(s.maxLagNs, now - intended);
                int i = (int) (s.sent % senders.size());
                Conn sender = senders.get(i);
                sender.send(draw(intended - Ws.BASE, sender.node, s.sent));
                if (intended >= from && intended < to) {
                    s.inWindow++;
                    s.bySender[i]++;
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
        if (inWindow) {
            double secs = (System.nanoTime() - at0) / 1e9;
            double client = self.cpuSeconds() - cpuClient0;
            List<Double> nodes = new ArrayList<>();
            double srv = 0;
            Map<String, Double> byKind = new LinkedHashMap<>();
            for (int n = 0; n < cpuNodes0.length; n++) {
                double used = server.procs().get(n).cpuSeconds() - cpuNodes0[n];
                nodes.add(round(used / secs * 100));
                srv += used;
                Proc.usedByKind(threads0.get(n), server.procs().get(n).threadCpuSeconds()).forEach(
                        (kind, seconds) -> byKind.merge(kind, seconds, Double::sum));
            }
            s.jitCpuPct = round(byKind.get("jit") / secs * 100);
            s.gcCpuPct = round((byKind.get("gc") + byKind.get("refine")) / secs * 100);
            s.gcRefineCpuPct = round(byKind.get("refine") / secs * 100);
            byKind.replaceAll((kind, used) -> round(used / secs * 100));
            s.threadsCpuPct = byKind;
            Map<Long, Double> cpuAll1 = Proc.allCpuSeconds();
            double redis = Proc.commandCpuSeconds(cpuAll0, cpuAll1, "redis-server");
            double postgres = Proc.commandCpuSeconds(cpuAll0, cpuAll1, "postgres");
            long[] mine = Arrays.copyOf(server.pids(), cpuNodes0.length + 1);
            mine[cpuNodes0.length] = self.pid;
            s.serverCpuPct = round(srv / secs * 100);
            s.nodeCpuPct = nodes;
            s.redisCpuPct = round(redis / secs * 100);
            s.postgresCpuPct = round(postgres / secs * 100);
            s.clientCpuPct = round(client / secs * 100);
            // Redis and PostgreSQL are reported on their own: the cluster (and the store) work through them.
            s.otherCpuPct = round((Proc.othersCpuSeconds(cpuAll0, cpuAll1, mine) - redis - postgres) / secs * 100);
            s.otherTop = Proc.busiest(cpuAll0, cpuAll1, secs, 3, List.of("redis-server", "postgres"), mine);
        }
        s.serverRssKb = server.rssKb();
        return s;
    }

    /** A line whose id carries its scheduled send time and its sender's node: {@code b<nanos>_<node>_<k>}. */
    static String draw(long sentAt, int node, long k) {
        int x = (int) (k % 1000);
        int y = (int) (k / 1000 % 1000);
        return "{\"type\":\"draw\",\"data\":{\"id\":\"b" + sentAt + "_" + node + "_" + k + "\",\"elementType\":\"line\",\"x1\":" + x
                + ",\"y1\":" + y + ",\"x2\":" + (x + 5) + ",\"y2\":" + (y + 5)
                + ",\"strokeColor\":\"#112233\",\"strokeWidth\":2}}";
    }

    // ---- workload 4: idle connections ----

    static Map<String, Object> idle(Ws ws, Target t) throws Exception {
        int n = QUICK ? 2000 : 10_000;
        List<Ws.Spec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(new Ws.Spec("b" + RUN + "idle" + (i / 100), "u" + (i % 100), 0));
        }
        Proc self = Proc.self();
        long rss0 = t.proc().rssKb();
        long heap0 = t.proc().heapAfterGcKb();
        double cpuClient0 = self.cpuSeconds();
        long t0 = System.nanoTime();
        List<Conn> conns = ws.connectAll(specs, CONNECT_IN_FLIGHT, 300_000);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("connections", n);
        putConnectStats(r, conns, n, t0);
        r.put("client_cpu_s_connecting", round(self.cpuSeconds() - cpuClient0));
        try {
            r.put("settle_s", round(ws.settle(500, 120_000))); // join and userlist traffic over
            long rss1 = t.proc().rssKb();
            int synced = (int) r.get("synced");
            r.put("server_rss_mb_before", rss0 / 1024);
            r.put("server_rss_mb_after", rss1 / 1024);
            r.put("rss_kb_per_conn", synced == 0 ? null : round((double) (rss1 - rss0) / synced));
            // The same connections after a quiet minute: what the server keeps once it has had time
            // to give back what the connect storm used (a JVM's periodic GC, Go's scavenger).
            Thread.sleep(IDLE_WAIT_S * 1000L);
            long rss2 = t.proc().rssKb();
            r.put("idle_wait_s", IDLE_WAIT_S);
            r.put("server_rss_mb_after_idle", rss2 / 1024);
            r.put("rss_kb_per_conn_after_idle", synced == 0 ? null : round((double) (rss2 - rss0) / synced));
            long heap1 = t.proc().heapAfterGcKb();
            r.put("heap_mb_after_gc_before", heap0 < 0 ? null : heap0 / 1024);
            r.put("heap_mb_after_gc_after", heap1 < 0 ? null : heap1 / 1024);
            r.put("heap_kb_per_conn", heap0 < 0 || synced == 0 ? null : round((double) (heap1 - heap0) / synced));
            r.put("still_open", conns.stream().filter(Conn::open).count());
            holdForInspection(t);
            return r;
        } finally {
            long c0 = System.nanoTime();
            r.put("close_forced", Ws.closeAll(conns));
            r.put("close_s", round((System.nanoTime() - c0) / 1e9));
            r.put("server_idle_wait_s", round(waitIdle(t)));
        }
    }

    /**
     * HOLD_IDLE_S=N keeps workload 4's connections open N more seconds after measuring, so the server
     * can be inspected with them open (jcmd GC.class_histogram, VM.native_memory, ...).
     */
    static void holdForInspection(Target t) throws InterruptedException {
        long s = Long.parseLong(System.getenv().getOrDefault("HOLD_IDLE_S", "0"));
        if (s > 0) {
            log("%s: holding the idle connections open %d s (pid %d)", t.name(), s, t.proc().pid);
            Thread.sleep(s * 1000);
        }
    }

    // ---- workload 5: late joiner into a big room ----

    static Map<String, Object> lateJoin(Ws ws, Target t) throws Exception {
        int n = QUICK ? 20_000 : 100_000;
        int fillRate = 10_000;
        String room = "b" + RUN + "big";
        Conn filler = ws.connect(room, "filler", false);
        filler.synced.get(30, TimeUnit.SECONDS);
        Conn watcher = ws.connect(room, "watcher", false);
        watcher.synced.get(30, TimeUnit.SECONDS);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("elements_sent", n);
        long t0 = System.nanoTime();
        long start = t0 + 10_000_000;
        long to = start + (long) (n * 1e9 / fillRate) + 1;
        schedule(List.of(filler), fillRate, start, to, to, t);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (watcher.draws < n && watcher.open() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        r.put("fill_s", round((System.nanoTime() - t0) / 1e9));
        r.put("watcher_draws", watcher.draws);
        r.put("watcher_close_code", watcher.closeCode);
        r.put("errors", ws.errors.sumThenReset());
        r.put("first_error", ws.firstError.get());
        Thread.sleep(1000);
        List<Double> times = new ArrayList<>();
        List<Double> parse = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Conn late = ws.connect(room, "late" + i, true);
            try {
                late.synced.get(120, TimeUnit.SECONDS);
                times.add(round(late.connectMillis()));
                parse.add(round(late.syncParseNanos / 1e6));
                r.put("sync_elements", late.syncElements);
                r.put("sync_mb", round(late.syncBytes / 1048576.0));
            } catch (Exception e) {
                r.put("join_error", String.valueOf(e));
            } finally {
                Ws.closeAll(List.of(late));
            }
            Thread.sleep(500);
        }
        r.put("join_ms", times);
        r.put("client_parse_ms", parse);
        r.put("join_ms_median", times.isEmpty() ? null : times.stream().sorted().toList().get(times.size() / 2));
        r.put("server_rss_mb", t.proc().rssKb() / 1024);
        long heap = t.proc().heapUsedKb();
        r.put("server_heap_mb", heap < 0 ? null : heap / 1024);
        Ws.closeAll(List.of(filler, watcher));
        return r;
    }

    // ---- helpers ----

    /**
     * Waits (bounded, 30 s) until the server (all its nodes together) uses under 10% of a core over
     * 500 ms: the last step's teardown is over. A JVM that stays busy gets two thread dumps 5 s apart
     * in the diagnostics folder.
     */
    static double waitIdle(Target server) throws Exception {
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < 30_000_000_000L) {
            double c0 = server.cpuSeconds();
            Thread.sleep(500);
            if (server.cpuSeconds() - c0 < 0.05) {
                return (System.nanoTime() - t0) / 1e9;
            }
        }
        Path dir = Path.of(System.getProperty("bench.diag", "."));
        for (int i = 0; i < 2 && server.procs().stream().anyMatch(Proc::isJvm); i++) {
            for (Proc p : server.procs()) {
                if (p.isJvm()) {
                    Path f = dir.resolve("busy-" + p.pid + "-" + System.currentTimeMillis() + ".txt");
                    Files.writeString(f, p.threadDump());
                    log("  server still busy after 30 s idle; thread dump in %s", f);
                }
            }
            Thread.sleep(5000);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Where in time the late deliveries (over 50 ms) sit: the 100 ms slots of send time holding most
     * of them, as "HH:mm:ss.S count max_ms" in the wall clock (to set beside a GC or safepoint log),
     * and how many slots hold any. A pause shows as a few slots holding them all; a server that is
     * behind, as many.
     */
    static String lateSlots(Ws.Step step) {
        int n = step.lateBySlot.length();
        long nowNanos = System.nanoTime();
        long nowMillis = System.currentTimeMillis();
        List<Integer> late = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (step.lateBySlot.get(i) > 0) {
                late.add(i);
            }
        }
        late.sort((a, b) -> Long.compare(step.lateBySlot.get(b), step.lateBySlot.get(a)));
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.S")
                .withZone(java.time.ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(late.size() + " slots:");
        for (int i : late.subList(0, Math.min(8, late.size()))) {
            long at = nowMillis - (nowNanos - (Ws.BASE + step.from + i * Ws.Step.SLOT_NANOS)) / 1_000_000;
            out.append(' ').append(f.format(java.time.Instant.ofEpochMilli(at))).append(' ')
                    .append(step.lateBySlot.get(i)).append(' ').append(step.maxBySlot.get(i) / 1000).append(';');
        }
        return out.toString();
    }

    static void putConnectStats(Map<String, Object> row, List<Conn> conns, int wanted, long t0) {
        Histogram h = new Histogram(3);
        long last = t0;
        int synced = 0;
        for (Conn c : conns) {
            if (c.synced.isDone() && !c.synced.isCompletedExceptionally()) {
                synced++;
                h.recordValue(Math.max(0, (c.syncedAt - c.startedAt) / 1000));
                last = Math.max(last, c.syncedAt);
            }
        }
        row.put("synced", synced);
        row.put("connect_all_s", round((last - t0) / 1e9));
        row.put("connect_p50_ms", ms(h.getValueAtPercentile(50)));
        row.put("connect_max_ms", ms(h.getMaxValue()));
        if (synced < wanted) {
            conns.stream().filter(c -> c.synced.isCompletedExceptionally()).findFirst().ifPresent(c ->
                    c.synced.whenComplete((x, e) -> row.put("connect_error", String.valueOf(e))));
        }
    }

    static Map<String, Object> meta(List<Target> targets) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("date", ZonedDateTime.now().toString());
        m.put("quick", QUICK);
        m.put("warmup_s", WARM_NS / 1e9);
        m.put("measure_s", MEASURE_NS / 1e9);
        m.put("drain_s", DRAIN_NS / 1e9);
        m.put("pass_rule", "delivery ratio >= " + MIN_RATIO + " and p99 <= " + MAX_P99_MS + " ms");
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("cpu_model", Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).findFirst().map(l -> l.replaceFirst(".*:\\s*", "")).orElse("?"));
        m.put("mem_total", Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceFirst(".*:\\s*", ""));
        m.put("client_java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("client_event_loop_threads", CLIENT_THREADS);
        m.put("server_java", System.getenv().getOrDefault("SERVER_JAVA", "?"));
        m.put("liberty", System.getenv().getOrDefault("LIBERTY_VERSION", "?"));
        m.put("server", System.getenv().getOrDefault("SERVER_DESC", "?"));
        m.put("floor_send", System.getenv().getOrDefault("FLOOR_SEND_MODE", ""));
        m.put("inkroom_query", System.getenv().getOrDefault("INKROOM_QUERY", "&batch=1"));
        m.put("inkroom_store", System.getenv().getOrDefault("INKROOM_STORE", "jdbc"));
        m.put("inkroom_send_mode", System.getenv().getOrDefault("INKROOM_SEND_MODE", "auto"));
        m.put("server_jvm_opts", System.getenv().getOrDefault("SERVER_JVM_OPTS", ""));
        m.put("liberty_vars", System.getenv().getOrDefault("LIBERTY_VARS", ""));
        m.put("targets", targets.stream().map(Target::name).toList());
        Map<String, Object> ports = new LinkedHashMap<>();
        targets.forEach(t -> ports.put(t.name(), Arrays.stream(t.ports()).boxed().toList()));
        m.put("target_ports", ports);
        String db = System.getenv("BENCH_DB");
        if (db != null && !db.isBlank()) {
            m.put("db", db); // what run.sh gave the servers (CLUSTER=1: PostgreSQL)
        }
        return m;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[bench %tT] " + format + "%n", prepend(new java.util.Date(), args));
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
