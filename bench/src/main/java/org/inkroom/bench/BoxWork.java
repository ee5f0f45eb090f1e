package org.inkroom.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How fast the box ran in a step's window, by the stall probe's yardstick (bench/probe.py, file in
 * {@code BENCH_PROBE}): every 250 ms the probe's real-time thread runs the same piece of Python
 * arithmetic and writes "s &lt;epoch ms&gt; &lt;wall µs&gt; &lt;thread-cpu µs&gt;". The medians of a window's
 * samples say how fast the vCPU ran then, without the hypervisor's steal (cpu) and with it (wall), to
 * hold the step's CPU per delivery against (bench/cpu.py); they do not depend on the deliveries.
 */
final class BoxWork {

    private BoxWork() { }

    /** Puts box_work_wall_us and box_work_cpu_us, the medians of the samples in wall-clock [fromMs, toMs] (null if none). */
    static void put(Map<String, Object> row, BoxGaps.Probe probe, long fromMs, long toMs) {
        List<Long> wall = new ArrayList<>();
        List<Long> cpu = new ArrayList<>();
        for (String l : probe.lines() == null ? List.<String>of() : probe.lines()) { // box_gaps says why there are none
            String[] f = l.trim().split(" ");
            if (!l.startsWith("s ") || f.length != 4) {
                continue;
            }
            long at = Long.parseLong(f[1]);
            if (at >= fromMs && at <= toMs) {
                wall.add(Long.parseLong(f[2]));
                cpu.add(Long.parseLong(f[3]));
            }
        }
        row.put("box_work_wall_us", median(wall));
        row.put("box_work_cpu_us", median(cpu));
    }

    private static Long median(List<Long> v) {
        if (v.isEmpty()) {
            return null;
        }
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : Math.round((v.get(n / 2 - 1) + v.get(n / 2)) / 2.0);
    }
}
