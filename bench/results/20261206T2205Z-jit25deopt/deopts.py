"""Session 41: deoptimizations and compiles per method in the measured steps, from a JFR recording
(jdk.Deoptimization, jdk.Compilation). Usage: deopts.py <file.jfr> <console> (gunzip -k server.jfr.gz first)"""
import json, re, subprocess, sys, collections, datetime
jfr = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/jfr"
def events(name):
    out = subprocess.run([jfr, "print", "--json", "--events", name, sys.argv[1]], capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]
def when(v):
    return datetime.datetime.fromisoformat(v["startTime"].replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
def secs(d):
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", d); return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0.0
def name(m):
    m = m or {}; return ((m.get("type") or {}).get("name") or "?").replace("/", ".") + "." + m.get("name", "?")
steps = []
for l in open(sys.argv[2]):
    m = re.match(r"\[bench (\d\d:\d\d:\d\d)\]   (warm-up )?\{rate", l)
    if m: steps.append((m.group(1), "warm-up" if m.group(2) else "measured"))
comp = [(when(e["values"]), secs(e["values"]["duration"]), e["values"].get("compileLevel"), name(e["values"].get("method"))) for e in events("jdk.Compilation")]
deo = [(when(e["values"]), name(e["values"].get("method")), e["values"].get("reason"), e["values"].get("action"),
        e["values"].get("lineNumber"), e["values"].get("compiler")) for e in deopt] if (deopt := events("jdk.Deoptimization")) else []
day = comp[0][0].date()
for end, kind in steps:
    e = datetime.datetime.combine(day, datetime.time.fromisoformat(end), tzinfo=datetime.timezone.utc)
    w = [r for r in comp if e - datetime.timedelta(seconds=18) <= r[0] < e]
    d = [r for r in deo if e - datetime.timedelta(seconds=18) <= r[0] < e]
    print("%s %-8s compiles %4d (%.2f s), deopts %4d" % (end, kind, len(w), sum(r[1] for r in w), len(d)))
first = min(e for e, k in steps if k == "measured")
e0 = datetime.datetime.combine(day, datetime.time.fromisoformat(first), tzinfo=datetime.timezone.utc) - datetime.timedelta(seconds=18)
late_c = [r for r in comp if r[0] >= e0]; late_d = [r for r in deo if r[0] >= e0]
print("\nmeasured: deopts by method (reason/action), top 25")
c = collections.Counter((r[1], r[2], r[3]) for r in late_d)
for k, v in c.most_common(25): print("%4d %s %s/%s" % (v, k[0], k[1], k[2]))
print("\nmeasured: compile time by method, top 25")
t = collections.Counter(); n = collections.Counter()
for r in late_c: t[r[3]] += r[1]; n[r[3]] += 1
for k, v in t.most_common(25): print("%7.1f ms %3d %s" % (v * 1000, n[k], k))
print("\nall run: methods deoptimized most often, top 20")
c = collections.Counter(r[1] for r in deo)
for k, v in c.most_common(20): print("%4d %s" % (v, k))
