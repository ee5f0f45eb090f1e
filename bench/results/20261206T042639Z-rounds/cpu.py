#!/usr/bin/env python3
"""Server CPU per delivery in each measured step of some runs, floor next to Inkroom.

    python3 cpu.py RESULTS_DIR STAMP...

For each workload, rate and server: the steps' server CPU (% of one core), deliveries per second
and server CPU-milliseconds per 1,000 deliveries, round by round, then the median of that last
figure and Inkroom's over the floor's. A step that fell behind (delivery below its expected count
or a p99 in seconds) still shows how much CPU the server spent on what it delivered.
"""
import glob
import json
import os
import statistics
import sys
from collections import defaultdict

results, stamps = sys.argv[1], sys.argv[2:]
rows = defaultdict(list)  # (workload, rate, server, app) -> [(round, cpu, dps, per1k, pass)]
for n, stamp in enumerate(stamps, 1):
    for path in sorted(glob.glob(os.path.join(results, stamp + "-*.json"))):
        doc = json.load(open(path))
        for wl, targets in doc.get("workloads", {}).items():
            for target, t in targets.items():
                server, _, app = target.partition("-")
                app = app.replace("-plain", "")
                for s in t.get("steps", []):
                    dps = s.get("deliveries_per_s") or 0
                    cpu = s.get("server_cpu_pct") or 0
                    per1k = cpu * 10 / dps * 1000 if dps else float("nan")  # ms of CPU per 1,000 deliveries
                    rows[(wl, s["rate"], server, app)].append((n, cpu, dps, per1k, s.get("pass")))

print("| workload | rate | server | floor: CPU % / deliveries/s / CPU ms per 1,000 (each round) | Inkroom: the same | median ms per 1,000, floor / Inkroom | Inkroom / floor |")
print("|---|---|---|---|---|---|---|")
for wl, rate, server in sorted({(k[0], k[1], k[2]) for k in rows}, key=lambda k: (k[0], k[1], k[2])):
    cells, meds = [], []
    for app in ("floor", "inkroom"):
        steps = rows.get((wl, rate, server, app), [])
        cells.append("; ".join(f"{c:.0f} / {d/1000:.0f}k / {p:.2f}{'' if ok else 'x'}" for _, c, d, p, ok in steps))
        meds.append(statistics.median([p for *_, p, _ in steps]) if steps else float("nan"))
    ratio = meds[1] / meds[0] if meds[0] else float("nan")
    print(f"| {wl} | {rate} | {server} | {cells[0]} | {cells[1]} | {meds[0]:.2f} / {meds[1]:.2f} | {ratio:.2f} |")
