#!/usr/bin/env python3
"""Server CPU per delivery in each measured step of some runs, floor next to Inkroom.

    python3 bench/cpu.py RESULTS_DIR STAMP[=LABEL]...

For each workload, rate and server: the steps' server CPU (% of one core), deliveries per second
and server CPU-milliseconds per 1,000 deliveries, round by round (one round per STAMP), then the
median of that last figure and Inkroom's over the floor's. A step that fell behind (delivery below
its expected count or a p99 in seconds) still shows how much CPU the server spent on what it
delivered.

The box's speed moves from minute to minute (BENCHMARKS.md, sessions 37-41: the load generator's own
CPU for the same step moved by a third within the hour), so each step is also given against the
load generator's CPU in that same step ("per client CPU": server CPU / client CPU). The client does
the same work per delivery in every step, whichever server it talks to, so the quotient keeps the
server's cost while the box's speed cancels out; but not quite the same CPU: it spends less per
delivery when deliveries come bunched (BENCHMARKS.md, session 41: in Payara's runs with the embedded
store's writer bursting every 50 ms it took 11-15 % less than in the floor's just before), which
inflates the quotient of such a server. Use it where the two figures agree, and take turns.

Where the steps carry the stall probe's yardstick (box_work_cpu_us: the median thread CPU time, in the
step's window, of a fixed piece of Python arithmetic that bench/probe.py runs every 250 ms at real-time
priority), each step also gets its CPU ms per 1,000 deliveries times YARDSTICK_US / box_work_cpu_us
("at a 1 ms yardstick": what the step would have cost on a box that runs the yardstick in exactly 1 ms).
It corrects for the vCPU running faster or slower in one minute than in another (the host's other
tenants), and does not depend on how deliveries arrive, as the per-client-CPU quotient does. It does
not correct for what the yardstick does not exercise: it measures the vCPU's speed for a small Python
loop that stays in the core's caches, not memory bandwidth, the last-level cache the server shares
with the host's tenants, or the server's own cache behaviour (GC, a large heap), which may slow down
in other proportions; and a step's median comes from its ~4 samples a second, each spread by a
quarter or so. Runs without the field (older results, or no probe) show "-" there; if no step has it
the table is the old one.

A STAMP=LABEL argument files that run's Inkroom steps as "inkroom-LABEL" (runs of Inkroom with some
setting changed, e.g. INKROOM_STORE=memory), each compared with the floor of the same workload,
rate and server.
(Session 35 wrote this script in bench/results/20261206T042639Z-rounds/; session 41 moved it here and
added the per-client-CPU figure and labels.)
"""
import glob
import json
import os
import statistics
import sys
from collections import defaultdict

results, args = sys.argv[1], sys.argv[2:]
YARDSTICK_US = 1000  # the "1 ms yardstick" the third figure is scaled to
rows = defaultdict(list)  # (workload, rate, server, app) -> [(round, cpu, dps, per1k, per_client, pass, per1k_yard)]
for n, arg in enumerate(args, 1):
    stamp, _, label = arg.partition("=")
    for path in sorted(glob.glob(os.path.join(results, stamp + "-*.json"))):
        doc = json.load(open(path))
        for wl, targets in doc.get("workloads", {}).items():
            for target, t in targets.items():
                server, _, app = target.partition("-")
                app = app.replace("-plain", "")
                if label and app != "floor":
                    app += "-" + label
                for s in t.get("steps", []):
                    dps = s.get("deliveries_per_s") or 0
                    cpu = s.get("server_cpu_pct") or 0
                    client = s.get("client_cpu_pct") or 0
                    per1k = cpu * 10 / dps * 1000 if dps else float("nan")  # ms of CPU per 1,000 deliveries
                    per_client = cpu / client if client else float("nan")
                    box = s.get("box_work_cpu_us")
                    per1k_yard = per1k * YARDSTICK_US / box if box else float("nan")
                    rows[(wl, s["rate"], server, app)].append((n, cpu, dps, per1k, per_client, s.get("pass"), per1k_yard))


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def cell(v, fmt):
    return format(v, fmt) if v == v else "-"


yard = any(r[6] == r[6] for steps in rows.values() for r in steps)
step_head = "CPU % / deliveries/s / CPU ms per 1,000 / per client CPU" + (" / ms per 1,000 at a 1 ms yardstick" if yard else "")
heads = ["median ms per 1,000", "median per client CPU"] + (["median at a 1 ms yardstick"] if yard else [])
over = "over the floor: by ms / by per client CPU" + (" / at the yardstick" if yard else "")
print(f"| workload | rate | server | app | {step_head} (each round) | " + " | ".join(heads) + f" | {over} |")
print("|---" * (6 + len(heads)) + "|")
for wl, rate, server in sorted({(k[0], k[1], k[2]) for k in rows}, key=lambda k: (k[0], k[1], k[2])):
    apps = sorted({k[3] for k in rows if k[:3] == (wl, rate, server)}, key=lambda a: (a != "floor", a))
    floor = rows.get((wl, rate, server, "floor"), [])
    floor_ms, floor_pc, floor_y = (median([r[i] for r in floor]) for i in (3, 4, 6))
    for app in apps:
        steps = rows[(wl, rate, server, app)]
        ms, pc, y = (median([r[i] for r in steps]) for i in (3, 4, 6))
        cells = "; ".join(f"{c:.0f} / {d/1000:.0f}k / {p:.2f} / {q:.3f}" + (f" / {cell(ys, '.2f')}" if yard else "")
                          + ("" if ok else "x") for _, c, d, p, q, ok, ys in steps)
        medians = [f"{ms:.2f}", f"{pc:.3f}"] + ([cell(y, ".2f")] if yard else [])
        ratio = "" if app == "floor" or not floor else f"{ms / floor_ms:.2f} / {pc / floor_pc:.2f}" + (
            f" / {cell(y / floor_y if floor_y == floor_y else float('nan'), '.2f')}" if yard else "")
        print(f"| {wl} | {rate} | {server} | {app} | {cells} | " + " | ".join(medians) + f" | {ratio} |")
