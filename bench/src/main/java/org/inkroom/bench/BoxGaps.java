package org.inkroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * What the stall probe (bench/probe.py, started by run.sh, file in {@code BENCH_PROBE}) saw in a
 * step's window: the times the whole machine stopped running for more than 10 ms. A step whose late
 * deliveries sit where the probe saw nothing was held up inside a process (server or client).
 */
final class BoxGaps {

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("HH:mm:ss.S").withZone(ZoneOffset.UTC);

    private BoxGaps() { }

    /** The probe's file as read once for a step: its lines, or null and why there are none. */
    record Probe(List<String> lines, String missing) {

        static Probe read() {
            String file = System.getenv("BENCH_PROBE");
            if (file == null || file.isBlank()) {
                return new Probe(null, "no probe");
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(Path.of(file));
            } catch (IOException e) {
                return new Probe(null, "no probe (" + e.getMessage() + ")");
            }
            if (lines.stream().noneMatch(l -> l.startsWith("# probe started"))) {
                return new Probe(null, "no probe (not started: no real-time priority?)");
            }
            return new Probe(lines, null);
        }
    }

    /** "none", or "N gaps, longest X ms at HH:mm:ss.S, Y ms in all", for wall-clock [fromMs, toMs]. */
    static String between(Probe probe, long fromMs, long toMs) {
        if (probe.lines() == null) {
            return probe.missing();
        }
        int n = 0;
        double longest = 0;
        double all = 0;
        long longestAt = 0;
        for (String l : probe.lines()) {
            String[] f = l.trim().split(" ");
            if (l.startsWith("#") || f.length != 2) {
                continue;
            }
            long at = Long.parseLong(f[0]);
            double gap = Double.parseDouble(f[1]);
            if (at < fromMs || at - gap > toMs) {
                continue; // the gap ended at 'at'
            }
            n++;
            all += gap;
            if (gap > longest) {
                longest = gap;
                longestAt = at;
            }
        }
        return n == 0 ? "none" : String.format(java.util.Locale.ROOT, "%d gaps, longest %.0f ms at %s, %.0f ms in all",
                n, longest, AT.format(Instant.ofEpochMilli(longestAt)), all);
    }
}
