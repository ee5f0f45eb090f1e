#!/usr/bin/env python3
"""Session 50: what each young collection of the measured steps copied, from G1 logs written with
-Xlog:gc*,gc+age=trace,gc+phases=debug (bench/run.sh SERVER_JVM_OPTS).

  gcdetail.py DIR     (DIR holds <run>.console.txt and <run>-gc-<pid>.log.gz, as /tmp/turns50.sh leaves them)

Per run: young pauses from the end of the last warm-up step to the end of the last measured step,
their pause (median, p90, max), the survivors after each (the age table's total, MB), the slowest
worker's Object Copy time (ms) and the old generation's growth per collection (regions)."""
import gzip, re, statistics, sys, glob, os

def hms(s):
    h, m, x = s.split(":")
    return int(h) * 3600 + int(m) * 60 + float(x)

def window(console):
    warm = last = None
    for line in open(console, errors="replace"):
        m = re.match(r"\[bench (\d\d:\d\d:\d\d)\]   (warm-up )?\{rate", line)
        if m:
            if m.group(2):
                warm = hms(m.group(1))
            else:
                last = hms(m.group(1))
    return warm, last

def q(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else float("nan")

d = sys.argv[1]
print("| run | young pauses | pause median / p90 / max ms | survivors median / max MB | Object Copy median / max ms | old regions +/GC |")
print("|---|---|---|---|---|---|")
for console in sorted(glob.glob(os.path.join(d, "*.console.txt"))):
    run = os.path.basename(console)[: -len(".console.txt")]
    logs = glob.glob(os.path.join(d, run + "-gc-*.log.gz"))
    if not logs:
        continue
    warm, last = window(console)
    gcs = {}
    for line in gzip.open(logs[0], "rt", errors="replace"):
        m = re.match(r"\[\d+-\d+-\d+T(\d\d:\d\d:[\d.]+)\+\d+\] GC\((\d+)\) (.*)", line)
        if not m:
            continue
        t, n, rest = hms(m.group(1)), int(m.group(2)), m.group(3)
        g = gcs.setdefault(n, {"t": t})
        if mm := re.match(r"Pause Young \((Normal|Concurrent Start|Prepare Mixed|Mixed)\).* ([\d.]+)ms$", rest):
            g["pause"] = float(mm.group(2)); g["t"] = t
        elif mm := re.match(r"- age\s+\d+:\s+\d+ bytes,\s+(\d+) total", rest):
            g["surv"] = int(mm.group(1)) / 1e6
        elif mm := re.match(r"\s+Object Copy \(ms\):.*Max:\s+([\d.]+)", rest):
            g["copy"] = float(mm.group(1))
        elif mm := re.match(r"Old regions: (\d+)->(\d+)", rest):
            g["old"] = int(mm.group(2)) - int(mm.group(1))
    sel = [g for g in gcs.values() if "pause" in g and warm is not None and last is not None and warm < g["t"] <= last]
    p = [g["pause"] for g in sel]
    s = [g.get("surv", 0) for g in sel]
    c = [g["copy"] for g in sel if "copy" in g]
    o = [g["old"] for g in sel if "old" in g]
    if not sel:
        print(f"| {run} | 0 | | | | |")
        continue
    print(f"| {run} | {len(sel)} | {statistics.median(p):.1f} / {q(p, .9):.1f} / {max(p):.1f} | {statistics.median(s):.1f} / {max(s):.1f} "
          f"| {(statistics.median(c) if c else 0):.1f} / {(max(c) if c else 0):.1f} | {statistics.mean(o) if o else 0:.1f} |")
