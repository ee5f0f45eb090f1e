package org.inkroom.bench;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Merges the parts of one headline run (bench/run.sh without CLUSTER=1: one part per server and
 * application) into {@code <out>.md} and {@code <out>.json}: server x JDK x client kind, with each
 * figure's ratio against the seed's and against that server's bare relay floor, all from the same run.
 * Usage: {@code java -cp inkroom-bench.jar org.inkroom.bench.Headline OUT PART.json...}.
 */
public final class Headline {

    private static final String[] DRAWING = {"1", "2"};

    private Headline() { }

    public static void main(String[] args) throws IOException {
        String out = args[0];
        Map<String, JsonObject> targets = new LinkedHashMap<>(); // target name -> {workload -> result}
        Map<String, JsonObject> metaOf = new LinkedHashMap<>();
        JsonObject firstMeta = null;
        List<String> parts = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            JsonObject part;
            try (JsonReader r = Json.createReader(new StringReader(Files.readString(Path.of(args[i]))))) {
                part = r.readObject();
            }
            parts.add(Path.of(args[i]).getFileName().toString());
            JsonObject meta = part.getJsonObject("meta");
            if (firstMeta == null) {
                firstMeta = meta;
            }
            JsonObject workloads = part.getJsonObject("workloads");
            for (String w : workloads.keySet()) {
                for (var e : workloads.getJsonObject(w).entrySet()) {
                    var b = Json.createObjectBuilder(targets.getOrDefault(e.getKey(), JsonValue.EMPTY_JSON_OBJECT));
                    b.add(w, e.getValue());
                    targets.put(e.getKey(), b.build());
                    metaOf.put(e.getKey(), meta);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("## Inkroom headline ").append(firstMeta == null ? "" : firstMeta.getString("date", ""))
                .append(firstMeta != null && firstMeta.getBoolean("quick", false) ? " (QUICK)" : "").append("\n\n");
        if (firstMeta != null) {
            md.append(firstMeta.get("cpus")).append(" CPUs (").append(firstMeta.getString("cpu_model", "?")).append("), ")
                    .append(firstMeta.getString("mem_total", "?")).append("; client ").append(firstMeta.getString("client_java", "?"))
                    .append("; store ").append(firstMeta.getString("inkroom_store", "?")).append(", send mode ")
                    .append(firstMeta.getString("inkroom_send_mode", "?")).append(". Warm-up ").append(firstMeta.get("warmup_s"))
                    .append(" s, measured ").append(firstMeta.get("measure_s")).append(" s, drain ").append(firstMeta.get("drain_s"))
                    .append(" s; pass = ").append(firstMeta.getString("pass_rule", "?"))
                    .append("; deliveries counted by their message's send time. One server runs at a time.\n\n");
        }
        md.append("| target | server, JVM | W1 highest passing (sends/s) | W1 / seed | W1 / floor | W1 first failing step | W2 highest passing | W2 / seed | W2 / floor | W2 first failing step | 1013 closes at passing steps |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        Map<String, Object> summary = new LinkedHashMap<>();
        for (var e : targets.entrySet()) {
            String name = e.getKey();
            JsonObject byW = e.getValue();
            JsonObject meta = metaOf.get(name);
            String server = name.equals("seed") ? "seed (Go)"
                    : meta.getString("server", "?") + ", " + meta.getString("server_java", "?");
            String floorName = floorOf(name);
            md.append("| ").append(name).append(" | ").append(server);
            Map<String, Object> row = new LinkedHashMap<>();
            long closes = 0;
            for (String w : DRAWING) {
                Integer best = best(byW, w);
                Integer seed = best(targets.get("seed"), w);
                Integer floor = floorName == null ? null : best(targets.get(floorName), w);
                md.append(" | ").append(best == null ? (byW.containsKey(w) ? "none" : "-") : String.format(Locale.ROOT, "%,d", best))
                        .append(" | ").append(ratio(best, seed)).append(" | ").append(ratio(best, floor))
                        .append(" | ").append(firstFailing(byW, w));
                row.put("w" + w + "_best", best);
                row.put("w" + w + "_vs_seed", ratioValue(best, seed));
                row.put("w" + w + "_vs_floor", ratioValue(best, floor));
                closes += closesAtPassing(byW, w);
            }
            md.append(" | ").append(closes).append(" |\n");
            row.put("closes_1013_at_passing_steps", closes);
            summary.put(name, row);
        }
        md.append("\nRatios: highest passing rate of the row / the seed's (plain clients) / that server's bare relay floor, same run, same JVM options. ")
                .append("\"none\": not even the first rate passed. Parts: ").append(String.join(", ", parts)).append(".\n");
        md.append("\n### Every step\n\n| target | workload | sends/s | delivered | p50 ms | p99 ms | 1013 closes | server CPU % | of it JIT % | of it GC % | messages/frame | pass |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var e : targets.entrySet()) {
            for (String w : DRAWING) {
                JsonObject r = e.getValue().getJsonObject(w);
                if (r == null || !r.containsKey("steps")) {
                    continue;
                }
                for (JsonValue v : r.getJsonArray("steps")) {
                    JsonObject s = v.asJsonObject();
                    md.append("| ").append(e.getKey()).append(" | ").append(w).append(" | ").append(num(s, "rate"))
                            .append(" | ").append(pct(s)).append(" | ").append(num(s, "p50_ms")).append(" | ").append(num(s, "p99_ms"))
                            .append(" | ").append(num(s, "closes_1013")).append(" | ").append(num(s, "server_cpu_pct"))
                            .append(" | ").append(num(s, "server_jit_cpu_pct")).append(" | ").append(num(s, "server_gc_cpu_pct"))
                            .append(" | ").append(num(s, "messages_per_frame"))
                            .append(" | ").append(s.getBoolean("pass", false) ? "yes" : "**no**")
                            .append(s.containsKey("noisy") ? " (busy box, retried)" : "").append(" |\n");
                }
            }
        }
        Files.writeString(Path.of(out + ".md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("parts", parts);
        json.put("summary", summary);
        Files.writeString(Path.of(out + ".json"), org.inkroom.bench.Json.write(json));
        System.out.println(md);
    }

    /** liberty17-inkroom-plain -> liberty17-floor; the floor and the seed have none. */
    static String floorOf(String name) {
        int i = name.indexOf("-inkroom");
        return i < 0 ? null : name.substring(0, i) + "-floor";
    }

    static Integer best(JsonObject byW, String w) {
        if (byW == null || !(byW.get(w) instanceof JsonObject r) || !(r.get("best_rate") instanceof JsonNumber n)) {
            return null;
        }
        return n.intValue();
    }

    static String ratio(Integer a, Integer b) {
        Double r = ratioValue(a, b);
        return r == null ? "-" : String.format(Locale.ROOT, "%.2fx", r);
    }

    static Double ratioValue(Integer a, Integer b) {
        return a == null || b == null || b == 0 ? null : Math.round(100.0 * a / b) / 100.0;
    }

    static String firstFailing(JsonObject byW, String w) {
        if (!(byW.get(w) instanceof JsonObject r) || !r.containsKey("steps")) {
            return "-";
        }
        for (JsonValue v : r.getJsonArray("steps")) {
            JsonObject s = v.asJsonObject();
            if (!s.getBoolean("pass", false) && !s.containsKey("noisy")) {
                return String.format(Locale.ROOT, "%s: %s, p50 %s, p99 %s ms%s", num(s, "rate"), pct(s), num(s, "p50_ms"),
                        num(s, "p99_ms"), s.getInt("closes_1013", 0) > 0 ? ", " + s.getInt("closes_1013") + " closed 1013" : "");
            }
        }
        return "none failed";
    }

    static long closesAtPassing(JsonObject byW, String w) {
        if (!(byW.get(w) instanceof JsonObject r) || !r.containsKey("steps")) {
            return 0;
        }
        long n = 0;
        for (JsonValue v : r.getJsonArray("steps")) {
            JsonObject s = v.asJsonObject();
            if (s.getBoolean("pass", false)) {
                n += s.getInt("closes_1013", 0);
            }
        }
        return n;
    }

    static String pct(JsonObject s) {
        return s.get("delivery_ratio") instanceof JsonNumber n ? String.format(Locale.ROOT, "%.2f %%", n.doubleValue() * 100)
                : String.valueOf(s.get("error"));
    }

    static String num(JsonObject s, String key) {
        JsonValue v = s.get(key);
        if (v instanceof JsonNumber n) {
            return n.isIntegral() ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(n.doubleValue());
        }
        return v == null ? "-" : v.toString();
    }
}
