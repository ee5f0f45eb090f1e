package org.inkroom.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.inkroom.bench.Ws.Conn;

/**
 * Workloads 6 and 7: one Inkroom node against a cluster of nodes sharing rooms through Redis
 * (bench/run.sh with CLUSTER=1). They are workloads 1 and 2 with every room's members alternating
 * between the target's nodes (member m on node m mod nodes; on a single node all on the one), run by
 * {@link Bench#rateSearch} against each target; every step also reports its deliveries split by
 * whether sender and receiver are on the same node or not. After the rate search each target gets
 * {@link #COMPARE_REPEATS} more steps at {@link #COMPARE_RATE}, and the summary compares the medians
 * of all its steps there: the "second hop" is the cluster's cross-node latency minus the single node's.
 */
final class TwoNodes {

    static final int COMPARE_RATE = 1000;
    static final double TARGET_SECOND_HOP_P99_MS = 5;
    private static final boolean QUICK = "1".equals(System.getenv("QUICK"));
    /** Extra steps at the compare rate after each rate search (COMPARE_REPEATS): one window's p99 is noisy. */
    static final int COMPARE_REPEATS = Integer.parseInt(System.getenv().getOrDefault("COMPARE_REPEATS", QUICK ? "0" : "2"));
    /** Steps with more CPU than this used by other processes are left out of the medians (unless all are). */
    private static final double NOISY_CPU_PCT = 25;
    private static final List<String> FIGURES = List.of("delivery_ratio", "p50_ms", "p99_ms", "same_node_ratio", "same_node_p50_ms",
            "same_node_p99_ms", "cross_node_ratio", "cross_node_p50_ms", "cross_node_p99_ms", "server_cpu_pct", "redis_cpu_pct",
            "postgres_cpu_pct", "client_cpu_pct", "other_cpu_pct");

    static final Bench.Drawing W6 = new Bench.Drawing(6, "1 room x 50 clients, all drawing, members alternating between the nodes",
            1, 50, 50, Bench.rates(6, QUICK ? new int[] {COMPARE_RATE} : new int[] {500, 1000, 2000, 3000, 4000, 5000, 6000, 8000}),
            COMPARE_RATE, true);
    static final Bench.Drawing W7 = new Bench.Drawing(7, "200 rooms x 10 clients, all drawing, members alternating between the nodes",
            200, 10, 10, Bench.rates(7, QUICK ? new int[] {COMPARE_RATE} : new int[] {500, 1000, 2000, 3000, 4000, 5000, 6000, 8000}),
            COMPARE_RATE, true);

    private TwoNodes() { }

    /** The rate search, then {@link #COMPARE_REPEATS} more steps at {@link #COMPARE_RATE}. */
    static Map<String, Object> run(Ws ws, Target t, Bench.Drawing d) throws Exception {
        Map<String, Object> r = Bench.rateSearch(ws, t, d);
        List<Map<String, Object>> again = new ArrayList<>();
        for (int i = 0; i < COMPARE_REPEATS; i++) {
            Map<String, Object> row = Bench.drawingStep(ws, t, d, COMPARE_RATE, 100 + i);
            Bench.log("  again %s", row);
            again.add(row);
        }
        r.put("compare_rate_repeats", again);
        return r;
    }

    /**
     * Adds {@code same_node_*} and {@code cross_node_*} to a step: what was expected (each send in
     * the window times the receivers on the sender's node, or on other nodes), what arrived before the
     * drain ended, and the latencies of each kind.
     */
    static void putByNode(Map<String, Object> row, Ws.Step step, long[] bySender, List<Conn> senders, Target t, int members) {
        int[] onNode = new int[t.ports().length];
        for (int m = 0; m < members; m++) {
            onNode[t.node(m)]++;
        }
        long expectedSame = 0;
        long expectedCross = 0;
        for (int i = 0; i < senders.size(); i++) {
            int same = onNode[senders.get(i).node] - 1;
            expectedSame += bySender[i] * same;
            expectedCross += bySender[i] * (members - 1L - same);
        }
        put(row, "same_node", expectedSame, step.deliveredSameNode.sum(), step.sameNodeMicros.getIntervalHistogram());
        put(row, "cross_node", expectedCross, step.deliveredCrossNode.sum(), step.crossNodeMicros.getIntervalHistogram());
    }

    private static void put(Map<String, Object> row, String kind, long expected, long delivered, Histogram h) {
        boolean any = h.getTotalCount() > 0;
        row.put(kind + "_expected", expected);
        row.put(kind + "_delivered", delivered);
        row.put(kind + "_ratio", expected == 0 ? null : Math.round((double) delivered / expected * 1e5) / 1e5);
        row.put(kind + "_p50_ms", any ? Bench.ms(h.getValueAtPercentile(50)) : null);
        row.put(kind + "_p99_ms", any ? Bench.ms(h.getValueAtPercentile(99)) : null);
        row.put(kind + "_max_ms", any ? Bench.ms(h.getMaxValue()) : null);
    }

    /**
     * Per workload: each target's highest passing rate and its figures at {@link #COMPARE_RATE}, and
     * the second hop (cluster cross-node minus single node, p50 and p99) there. The single node is the
     * first target with one port, the cluster the first with several.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> summary(Map<String, Object> result) {
        Map<String, Object> meta = (Map<String, Object>) result.get("meta");
        Map<String, Object> ports = (Map<String, Object>) meta.get("target_ports");
        String single = null;
        String cluster = null;
        for (var e : ports.entrySet()) {
            int n = ((List<?>) e.getValue()).size();
            if (n == 1 && single == null) {
                single = e.getKey();
            } else if (n > 1 && cluster == null) {
                cluster = e.getKey();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("single", single);
        out.put("cluster", cluster);
        out.put("compare_rate", COMPARE_RATE);
        out.put("target_second_hop_p99_ms", TARGET_SECOND_HOP_P99_MS);
        Map<String, Object> workloads = (Map<String, Object>) result.get("workloads");
        for (String w : List.of("6", "7")) {
            Map<String, Object> per = (Map<String, Object>) workloads.get(w);
            if (per == null) {
                continue;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            Map<String, Object> a = single == null ? null : at(per.get(single));
            Map<String, Object> b = cluster == null ? null : at(per.get(cluster));
            s.put("single_best_rate", best(per.get(single)));
            s.put("cluster_best_rate", best(per.get(cluster)));
            s.put("single_at_compare_rate", a);
            s.put("cluster_at_compare_rate", b);
            if (a != null && b != null) {
                Double p50 = minus(b.get("cross_node_p50_ms"), a.get("p50_ms"));
                Double p99 = minus(b.get("cross_node_p99_ms"), a.get("p99_ms"));
                s.put("second_hop_p50_ms", p50);
                s.put("second_hop_p99_ms", p99);
                // Within the cluster: what a cross-node delivery costs over a same-node one (both go through Redis).
                s.put("cross_minus_same_node_p50_ms", minus(b.get("cross_node_p50_ms"), b.get("same_node_p50_ms")));
                s.put("cross_minus_same_node_p99_ms", minus(b.get("cross_node_p99_ms"), b.get("same_node_p99_ms")));
                s.put("target_met", p99 == null ? null : p99 <= TARGET_SECOND_HOP_P99_MS);
            }
            out.put(w, s);
        }
        return out;
    }

    /**
     * A target's figures at the compare rate: the median of each over its steps there (rate search and
     * repeats, without those on a busy machine unless all were), the steps' count and how many passed.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object target) {
        if (!(target instanceof Map<?, ?> m)) {
            return null;
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (String key : List.of("steps", "compare_rate_repeats")) {
            if (m.get(key) instanceof List<?> steps) {
                for (Object o : steps) {
                    Map<String, Object> step = (Map<String, Object>) o;
                    if (step.get("rate") instanceof Number r && r.intValue() == COMPARE_RATE && !step.containsKey("error")) {
                        all.add(step);
                    }
                }
            }
        }
        List<Map<String, Object>> quiet = all.stream()
                .filter(st -> !(st.get("other_cpu_pct") instanceof Number n && n.doubleValue() > NOISY_CPU_PCT)).toList();
        List<Map<String, Object>> used = quiet.isEmpty() ? all : quiet;
        if (used.isEmpty()) {
            return null;
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("steps", used.size());
        r.put("steps_left_out_busy_machine", all.size() - used.size());
        r.put("steps_passed", used.stream().filter(st -> Boolean.TRUE.equals(st.get("pass"))).count());
        for (String k : FIGURES) {
            List<Double> values = used.stream().map(st -> st.get(k)).filter(Number.class::isInstance)
                    .map(x -> ((Number) x).doubleValue()).sorted().toList();
            r.put(k, values.isEmpty() ? null : median(values));
            if (k.endsWith("p99_ms") || k.endsWith("p50_ms")) {
                r.put(k + "_each", values);
            }
        }
        return r;
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return Bench.round(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    private static Object best(Object target) {
        return target instanceof Map<?, ?> m ? m.get("best_rate") : null;
    }

    private static Double minus(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y ? Bench.round(x.doubleValue() - y.doubleValue()) : null;
    }

    /** The comparison and, per workload and target, every step split by node. */
    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> result) {
        Map<String, Object> s = (Map<String, Object>) result.get("two_nodes");
        if (s == null) {
            return "";
        }
        String single = (String) s.get("single");
        String cluster = (String) s.get("cluster");
        StringBuilder sb = new StringBuilder();
        sb.append("\n## Two nodes through Redis (workloads 6 and 7): ").append(single).append(" vs ").append(cluster).append("\n\n");
        sb.append("Second hop = ").append(cluster).append(" cross-node latency minus ").append(single).append(" latency at ")
                .append(COMPARE_RATE).append(" sends/s, each the median over that target's steps at that rate (steps with other CPU > ")
                .append(fmt(NOISY_CPU_PCT)).append(" % left out); target p99 <= ").append(fmt(TARGET_SECOND_HOP_P99_MS))
                .append(" ms. Cross minus same = the cluster's cross-node minus its same-node latency.\n\n");
        sb.append("| workload | ").append(single).append(" highest passing rate | ").append(cluster)
                .append(" highest passing rate | at ").append(COMPARE_RATE).append("/s: steps | ").append(single).append(" p50 / p99 ms | ")
                .append(cluster).append(" same-node p50 / p99 ms | ").append(cluster)
                .append(" cross-node p50 / p99 ms | second hop p50 / p99 ms | cross minus same p50 / p99 ms | target met |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (String w : List.of("6", "7")) {
            Map<String, Object> x = (Map<String, Object>) s.get(w);
            if (x == null) {
                continue;
            }
            Map<String, Object> a = (Map<String, Object>) x.get("single_at_compare_rate");
            Map<String, Object> b = (Map<String, Object>) x.get("cluster_at_compare_rate");
            sb.append("| ").append(w).append(" | ").append(v(x.get("single_best_rate"))).append(" | ").append(v(x.get("cluster_best_rate")))
                    .append(" | ").append(a == null ? "-" : v(a.get("steps"))).append(" / ").append(b == null ? "-" : v(b.get("steps")))
                    .append(" | ").append(a == null ? "-" : v(a.get("p50_ms")) + " / " + v(a.get("p99_ms")))
                    .append(" | ").append(b == null ? "-" : v(b.get("same_node_p50_ms")) + " / " + v(b.get("same_node_p99_ms")))
                    .append(" | ").append(b == null ? "-" : v(b.get("cross_node_p50_ms")) + " / " + v(b.get("cross_node_p99_ms")))
                    .append(" | ").append(v(x.get("second_hop_p50_ms"))).append(" / ").append(v(x.get("second_hop_p99_ms")))
                    .append(" | ").append(v(x.get("cross_minus_same_node_p50_ms"))).append(" / ").append(v(x.get("cross_minus_same_node_p99_ms")))
                    .append(" | ").append(x.get("target_met") == null ? "-" : Boolean.TRUE.equals(x.get("target_met")) ? "yes" : "**no**")
                    .append(" |\n");
        }
        Map<String, Object> workloads = (Map<String, Object>) result.get("workloads");
        for (String w : List.of("6", "7")) {
            Map<String, Object> per = (Map<String, Object>) workloads.get(w);
            if (per == null) {
                continue;
            }
            for (var e : per.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> r) || !(r.get("steps") instanceof List<?> searched)) {
                    continue;
                }
                List<Object> steps = new ArrayList<>(searched);
                if (r.get("compare_rate_repeats") instanceof List<?> again) {
                    again.forEach(o -> {
                        Map<String, Object> st = new LinkedHashMap<>((Map<String, Object>) o);
                        st.put("again", true);
                        steps.add(st);
                    });
                }
                sb.append("\n**Workload ").append(w).append(", ").append(e.getKey()).append("**: ").append(r.get("title")).append("\n\n");
                sb.append("| rate/s | delivered % | p50 ms | p99 ms | same-node delivered % | same-node p50 / p99 ms"
                        + " | cross-node delivered % | cross-node p50 / p99 ms | server CPU % (per node) | Redis CPU % | PostgreSQL CPU %"
                        + " | client CPU % | other CPU % | pass |\n");
                sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (Object o : steps) {
                    Map<String, Object> st = (Map<String, Object>) o;
                    sb.append("| ").append(v(st.get("rate"))).append(Boolean.TRUE.equals(st.get("again")) ? " (again)" : "")
                            .append(" | ").append(pct(st.get("delivery_ratio")))
                            .append(" | ").append(v(st.get("p50_ms"))).append(" | ").append(v(st.get("p99_ms")))
                            .append(" | ").append(pct(st.get("same_node_ratio")))
                            .append(" | ").append(v(st.get("same_node_p50_ms"))).append(" / ").append(v(st.get("same_node_p99_ms")))
                            .append(" | ").append(pct(st.get("cross_node_ratio")))
                            .append(" | ").append(v(st.get("cross_node_p50_ms"))).append(" / ").append(v(st.get("cross_node_p99_ms")))
                            .append(" | ").append(v(st.get("server_cpu_pct")))
                            .append(st.get("node_cpu_pct") instanceof List<?> nodes ? " " + nodes : "")
                            .append(" | ").append(v(st.get("redis_cpu_pct"))).append(" | ").append(v(st.get("postgres_cpu_pct")))
                            .append(" | ").append(v(st.get("client_cpu_pct"))).append(" | ").append(v(st.get("other_cpu_pct")))
                            .append(" | ").append(Boolean.TRUE.equals(st.get("pass")) ? "yes" : "**no**")
                            .append(Boolean.TRUE.equals(st.get("noisy")) ? " (busy machine: retried)" : "")
                            .append(st.containsKey("error") ? " (" + st.get("error") + ")" : "").append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    private static String pct(Object ratio) {
        return ratio instanceof Number n ? String.format(Locale.ROOT, "%.3f", n.doubleValue() * 100) : "-";
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String v(Object o) {
        return o == null ? "-" : Json.write(o).trim();
    }
}
