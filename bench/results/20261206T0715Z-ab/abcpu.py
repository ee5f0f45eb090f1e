#!/usr/bin/env python3
"""Server CPU per delivery, before against after, from ab.sh's runs (the figure cpu.py gives).

    python3 abcpu.py RESULTS_DIR BEFORE_STAMP,... AFTER_STAMP,...

For each workload and rate: each run's server CPU ms per 1,000 deliveries, p99 ms and pass, the
medians, and after / before.
"""
import glob, json, os, statistics, sys
from collections import defaultdict

results = sys.argv[1]
sides = {"before": sys.argv[2].split(","), "after": sys.argv[3].split(",")}
rows = defaultdict(list)  # (workload, rate, side) -> [(per1k, p99, pass)]
for side, stamps in sides.items():
    for stamp in stamps:
        for path in sorted(glob.glob(os.path.join(results, stamp + "-*.json"))):
            doc = json.load(open(path))
            for wl, targets in doc.get("workloads", {}).items():
                for t in targets.values():
                    for s in t.get("steps", []):
                        dps = s.get("deliveries_per_s") or 0
                        per1k = (s.get("server_cpu_pct") or 0) * 10 / dps * 1000 if dps else float("nan")
                        rows[(wl, s["rate"], side)].append((per1k, s.get("p99_ms"), s.get("pass")))
print("| workload | rate | before: CPU ms per 1,000 deliveries (p99 ms) each step | after: the same | median before / after | after / before |")
print("|---|---|---|---|---|---|")
for wl, rate in sorted({(k[0], k[1]) for k in rows}):
    cells, meds = [], []
    for side in ("before", "after"):
        steps = rows.get((wl, rate, side), [])
        cells.append("; ".join(f"{p:.2f} ({q:.0f}{'' if ok else 'x'})" for p, q, ok in steps))
        meds.append(statistics.median([p for p, _, _ in steps]) if steps else float("nan"))
    print(f"| {wl} | {rate} | {cells[0]} | {cells[1]} | {meds[0]:.2f} / {meds[1]:.2f} | {meds[1] / meds[0]:.3f} |")
