#!/usr/bin/env python3
"""Session 38: the box's speed over time, read from the load generator's own CPU.

    python3 clientcpu.py RESULTS_DIR [DATE_PREFIX]

The load generator does the same work for every delivery whichever server it measures, so its CPU
per 1,000 deliveries at workload 2 (200 rooms x 10) at one send rate is a yardstick for the machine
itself (it falls as the rate rises, so rates are kept apart). For each run (by the stamp that starts
its files) and each of the rates 4,000, 5,000 and 6,000 it prints the median, over the measured
workload-2 steps that delivered everything, of client CPU-milliseconds per 1,000 deliveries. Steps
near the box's limit are left out (client_cpu_pct + server_cpu_pct > 170).
"""
import glob, json, os, statistics, sys

results = sys.argv[1]
prefix = sys.argv[2] if len(sys.argv) > 2 else "2026"
RATES = (4000, 5000, 6000)
per_run = {}
for path in sorted(glob.glob(os.path.join(results, "**", prefix + "*.json"), recursive=True)):
    name = os.path.basename(path)
    try:
        doc = json.load(open(path))
    except Exception:
        continue
    wl = doc.get("workloads", {}) if isinstance(doc, dict) else {}
    t2 = wl.get("2") or wl.get(2) or {}
    for target, t in t2.items():
        for s in t.get("steps", []):
            dps, c, srv = s.get("deliveries_per_s"), s.get("client_cpu_pct"), s.get("server_cpu_pct") or 0
            if not dps or c is None or s.get("delivery_ratio", 0) < 0.999 or c + srv > 170:
                continue
            if s.get("rate") in RATES:
                per_run.setdefault(name.split("-")[0], {}).setdefault(s["rate"], []).append(c * 10 / dps * 1000)
print("run (start)        " + "".join("  rate %-18d" % r for r in RATES))
for run, by_rate in sorted(per_run.items()):
    cells = []
    for r in RATES:
        v = by_rate.get(r)
        cells.append("  %5.2f (%2d steps)     " % (statistics.median(v), len(v)) if v else "  " + " " * 22)
    print("%-18s" % run + "".join(cells))
