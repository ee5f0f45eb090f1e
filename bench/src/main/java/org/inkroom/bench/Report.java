package org.inkroom.bench;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The markdown tables: a summary with the first target / second target ratio, then every step. */
final class Report {

    private Report() { }

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> result, List<Target> targets) {
        Map<String, Object> meta = (Map<String, Object>) result.get("meta");
        Map<String, Object> workloads = (Map<String, Object>) result.get("workloads");
        List<String> names = targets.stream().map(Target::name).toList();
        StringBuilder sb = new StringBuilder();
        sb.append("## Inkroom benchmark ").append(meta.get("date")).append(Boolean.TRUE.equals(meta.get("quick")) ? " (QUICK)" : "")
                .append("\n\n").append(meta.get("cpus")).append(" CPUs (").append(meta.get("cpu_model")).append("), ")
                .append(meta.get("mem_total")).append("; client ").append(meta.get("client_java")).append(", server JVM ")
                .append(meta.get("server_java")).append(", Open Liberty ").append(meta.get("liberty"))
                .append(" (store ").append(meta.get("inkroom_store"))
                .append(meta.get("db") == null ? "" : " on " + meta.get("db"))
                .append(", send mode ").append(meta.get("inkroom_send_mode"))
                .append(", client connect parameters '").append(meta.get("inkroom_query")).append('\'')
                .append(", extra JVM options '").append(meta.getOrDefault("server_jvm_opts", ""))
                .append("', Liberty variables '").append(meta.getOrDefault("liberty_vars", "")).append("'). Warm-up ")
                .append(meta.get("warmup_s")).append(" s, measured ").append(meta.get("measure_s")).append(" s, drain ")
                .append(meta.get("drain_s")).append(" s; pass = ").append(meta.get("pass_rule")).append(".\n\n");

        sb.append("| workload | figure | ").append(String.join(" | ", names));
        sb.append(names.size() == 2 ? " | " + names.get(0) + " / " + names.get(1) + " |\n" : " |\n");
        sb.append("|---|---|").append("---|".repeat(names.size() + (names.size() == 2 ? 1 : 0))).append('\n');
        for (var w : workloads.entrySet()) {
            Map<String, Object> per = (Map<String, Object>) w.getValue();
            switch (w.getKey()) {
                case "1", "2", "3", "6", "7" -> {
                    summary(sb, w.getKey(), "highest passing rate (sends/s)", per, names, "best_rate");
                    summary(sb, w.getKey(), "deliveries/s at that rate", per, names, "best_deliveries_per_s");
                }
                case "4" -> {
                    summary(sb, "4", "connections synced", per, names, "synced");
                    summary(sb, "4", "time to connect all (s)", per, names, "connect_all_s");
                    summary(sb, "4", "server RSS per connection (KB)", per, names, "rss_kb_per_conn");
                    summary(sb, "4", "server RSS per connection after the idle wait (KB)", per, names, "rss_kb_per_conn_after_idle");
                    summary(sb, "4", "live heap per connection after full GC (KB)", per, names, "heap_kb_per_conn");
                }
                case "5" -> {
                    summary(sb, "5", "elements in the late joiner's sync", per, names, "sync_elements");
                    summary(sb, "5", "sync size (MB)", per, names, "sync_mb");
                    summary(sb, "5", "connect until sync parsed (ms, median of 3)", per, names, "join_ms_median");
                }
                default -> { }
            }
        }
        for (var w : workloads.entrySet()) {
            Map<String, Object> per = (Map<String, Object>) w.getValue();
            sb.append("\n### Workload ").append(w.getKey()).append('\n');
            for (String name : names) {
                Map<String, Object> r = (Map<String, Object>) per.get(name);
                if (r == null) {
                    continue;
                }
                if (r.get("steps") instanceof List<?> steps) {
                    sb.append("\n**").append(name).append("**: ").append(r.get("title")).append("\n\n");
                    sb.append("| rate/s | sent/s | deliveries/s | ratio | p50 ms | p99 ms | p99.9 ms | max ms | connect+sync p50/max ms | all synced s | server CPU % | of it JIT / GC (refinement) % | RSS MB | heap MB | client CPU % | other CPU % | 1013 closes | pass |\n");
                    sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                    for (Object o : steps) {
                        Map<String, Object> s = (Map<String, Object>) o;
                        sb.append("| ").append(s.get("rate")).append(" | ").append(v(s, "sent_per_s")).append(" | ")
                                .append(v(s, "deliveries_per_s")).append(" | ").append(v(s, "delivery_ratio")).append(" | ")
                                .append(v(s, "p50_ms")).append(" | ").append(v(s, "p99_ms")).append(" | ")
                                .append(v(s, "p999_ms")).append(" | ").append(v(s, "max_ms")).append(" | ")
                                .append(v(s, "connect_p50_ms")).append(" / ").append(v(s, "connect_max_ms")).append(" | ")
                                .append(v(s, "connect_all_s")).append(" | ").append(v(s, "server_cpu_pct")).append(" | ")
                                .append(v(s, "server_jit_cpu_pct")).append(" / ").append(v(s, "server_gc_cpu_pct"))
                                .append(" (").append(v(s, "server_gc_refine_cpu_pct")).append(") | ")
                                .append(v(s, "server_rss_mb")).append(" | ").append(v(s, "server_heap_mb")).append(" | ")
                                .append(v(s, "client_cpu_pct")).append(" | ").append(v(s, "other_cpu_pct")).append(" | ").append(v(s, "closes_1013")).append(" | ")
                                .append(Boolean.TRUE.equals(s.get("pass")) ? "yes" : "**no**")
                                .append(Boolean.TRUE.equals(s.get("noisy")) ? " (busy machine: retried)" : "")
                                .append(s.containsKey("error") ? " (" + s.get("error") + ")" : "").append(" |\n");
                    }
                    if (r.get("server_warmup_steps") instanceof List<?> warm && !warm.isEmpty()) {
                        sb.append("\nWarm-up steps before it (not counted), p99 ms / server CPU % / of it JIT %:");
                        for (Object o : warm) {
                            Map<String, Object> s = (Map<String, Object>) o;
                            sb.append(' ').append(v(s, "p99_ms")).append(" / ").append(v(s, "server_cpu_pct")).append(" / ")
                                    .append(v(s, "server_jit_cpu_pct")).append(';');
                        }
                        sb.append('\n');
                    }
                } else {
                    sb.append("\n**").append(name).append("**: ");
                    r.forEach((k, val) -> sb.append(k).append(" = ").append(val).append("; "));
                    sb.append('\n');
                }
            }
        }
        return sb.append(TwoNodes.markdown(result)).toString();
    }

    @SuppressWarnings("unchecked")
    private static void summary(StringBuilder sb, String w, String label, Map<String, Object> per, List<String> names, String key) {
        sb.append("| ").append(w).append(" | ").append(label);
        Object[] vals = new Object[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Object r = per.get(names.get(i));
            vals[i] = r instanceof Map<?, ?> m ? ((Map<String, Object>) m).get(key) : null;
            sb.append(" | ").append(vals[i] == null ? "-" : Json.write(vals[i]).trim());
        }
        if (names.size() == 2) {
            sb.append(" | ").append(vals[0] instanceof Number a && vals[1] instanceof Number b && b.doubleValue() != 0
                    ? String.format(java.util.Locale.ROOT, "%.2f", a.doubleValue() / b.doubleValue()) : "-");
        }
        sb.append(" |\n");
    }

    private static String v(Map<String, Object> s, String key) {
        Object o = s.get(key);
        return o == null ? "-" : Objects.toString(Json.write(o).trim());
    }
}
