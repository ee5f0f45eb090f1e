"""Share of steps passed, per target, workload and rate, over several bench runs (bench/rounds.sh).

One rate search on this box moves by more than the issue's targets are apart (BENCHMARKS.md,
sessions 25-26), so a target is judged by repeated steps at the rate it names, the floor, Inkroom
and the seed taking turns: how many of each one's steps passed, and their p99s in the order run.
A step that bench retried because something else was busy (noisy) is left out; its retry counts.
Usage: python3 passes.py <results dir> <stamp> [<stamp> ...]   (writes Markdown to stdout)
"""
import glob
import json
import os
import statistics
import sys


def steps(results, stamps):
    """(target, workload, rate) -> the steps of every run, in the order run."""
    found = {}
    for stamp in stamps:
        # <stamp>-<entry>-<app>.json, the parts; the merged <stamp>.json does not match
        for path in sorted(glob.glob(os.path.join(results, stamp + "-*.json"))):
            with open(path) as f:
                part = json.load(f)
            for workload, targets in part.get("workloads", {}).items():
                for target, result in targets.items():
                    if not isinstance(result, dict):
                        continue
                    for row in result.get("steps", []):
                        if row.get("noisy"):
                            continue
                        row = dict(row, stamp=stamp)
                        found.setdefault((target, workload, row["rate"]), []).append(row)
    return found


def wilson(passed, n, z=1.96):
    """95 % interval of the share of steps that pass (Wilson's score interval: sound at 0 or n of n)."""
    if n == 0:
        return (0.0, 1.0)
    p = passed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * ((p * (1 - p) / n + z * z / (4 * n * n)) ** 0.5) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def gaps(row):
    g = row.get("box_gaps") or "none"
    return 0 if g == "none" else 1


def table(found):
    lines = ["| workload | rate | target | passed | 95 % interval of the share | p99 ms of each step (x = failed) | p99 median | "
             "delivery min | 1013 closes | steps with a box stall |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for (target, workload, rate) in sorted(found, key=lambda k: (k[1], k[2], k[0])):
        rows = found[(target, workload, rate)]
        passed = sum(1 for r in rows if r.get("pass"))
        p99 = [r.get("p99_ms") if isinstance(r.get("p99_ms"), (int, float)) else None for r in rows]
        p99s = [v for v in p99 if v is not None]
        each = ", ".join(("-" if v is None else "%.1f" % v) + ("" if r.get("pass") else "x")
                         for v, r in zip(p99, rows))
        med = "%.1f" % statistics.median(p99s) if p99s else "-"
        dmin = min((r.get("delivery_ratio") or 0) for r in rows)
        closes = sum(r.get("closes_1013") or 0 for r in rows)
        stalls = sum(gaps(r) for r in rows)
        low, high = wilson(passed, len(rows))
        lines.append("| %s | %s | %s | %d of %d | %.2f-%.2f | %s | %s | %.4f | %d | %d |"
                     % (workload, rate, target, passed, len(rows), low, high, each, med, dmin, closes, stalls))
    return "\n".join(lines)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    found = steps(sys.argv[1], sys.argv[2:])
    if not found:
        sys.exit("passes.py: no steps found for " + " ".join(sys.argv[2:]))
    print("Runs: " + ", ".join("`%s`" % s for s in sys.argv[2:]))
    print()
    print(table(found))


if __name__ == "__main__":
    main()
