"""Session 37: JIT compiles from a JFR recording (jdk.Compilation, threshold 0), summed by time window and package.
Usage: compiles.py <file.jfr> <console.log>  (the bench console gives the steps' end times; a step is ~10 s of
sending before its line, the window used here is the 20 s before each line)."""
import json, re, subprocess, sys, collections, datetime
jfr = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
out = subprocess.run([jfr, "print", "--json", "--events", "jdk.Compilation", sys.argv[1]], capture_output=True, text=True).stdout
events = json.loads(out)["recording"]["events"]
def secs(d):  # "PT0.001234S"
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d); return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0.0
rows = []
for e in events:
    v = e["values"]; m = v.get("method") or {}
    cls = ((m.get("type") or {}).get("name") or "?").replace("/", ".")
    t = datetime.datetime.fromisoformat(v["startTime"].replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    rows.append((t, secs(v["duration"]), v.get("compileLevel"), cls, m.get("name", "?")))
steps = []
for l in open(sys.argv[2]):
    m = re.match(r"\[bench (\d\d:\d\d:\d\d)\]   (warm-up )?\{rate", l)
    if m: steps.append((m.group(1), "warm-up" if m.group(2) else "measured"))
day = rows[0][0].date() if rows else None
print("%d compiles, %.1f s of compiler time in all" % (len(rows), sum(r[1] for r in rows)))
for end, kind in steps:
    e = datetime.datetime.combine(day, datetime.time.fromisoformat(end), tzinfo=datetime.timezone.utc)
    w = [r for r in rows if e - datetime.timedelta(seconds=20) <= r[0] < e]
    c2 = sum(r[1] for r in w if r[2] == 4)
    print("%s %-8s compiles %4d, %.2f s compiling (C2 %.2f s)" % (end, kind, len(w), sum(r[1] for r in w), c2))
first = min(e for e, k in steps if k == "measured")
e0 = datetime.datetime.combine(day, datetime.time.fromisoformat(first), tzinfo=datetime.timezone.utc) - datetime.timedelta(seconds=20)
late = [r for r in rows if r[0] >= e0]
by = collections.Counter(); n = collections.Counter()
for r in late:
    pkg = ".".join(r[3].split(".")[:3]); by[pkg] += r[1]; n[pkg] += 1
print("\nmeasured steps: compiler time by package (top 15)")
for k, v in by.most_common(15): print("%6.2f s %4d  %s" % (v, n[k], k))
top = sorted(late, key=lambda r: -r[1])[:15]
print("\nlongest compiles in the measured steps")
for r in top: print("%6.1f ms L%s %s.%s" % (r[1] * 1000, r[2], r[3], r[4]))
