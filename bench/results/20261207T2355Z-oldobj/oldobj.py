#!/usr/bin/env python3
"""Session 50: what stays alive on the README default under W2 (200 rooms x 10, 6,000 sends/s), from
JFR's old-object sampler (jdk.OldObjectSample, settings old.jfc, -XX:FlightRecorderOptions=
old-object-queue-size=8192; recorded 20 s from the first measured step by watch.sh).
Usage: oldobj.py [DIR]  (needs the JDK's jfr on PATH)

Splits the samples still alive at the dump into those allocated in the two collection intervals
before the last young collection (what it copied) and older ones, each by class and first Inkroom
frame (else the allocating frame). Old-generation samples count as alive until a marking cycle
finds them dead, so the older group includes garbage not yet reclaimed."""
import collections, gzip, json, os, subprocess, sys, tempfile

d = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
with tempfile.NamedTemporaryFile(suffix=".jfr") as tmp:
    tmp.write(gzip.open(os.path.join(d, "o.jfr.gz")).read())
    tmp.flush()
    events = json.loads(subprocess.run(["jfr", "print", "--json", "--stack-depth", "30", tmp.name],
                                       capture_output=True, text=True, check=True).stdout)["recording"]["events"]

def secs(stamp):
    h, m, s = stamp.split("T")[1].rstrip("Z").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)

gcs = sorted(secs(e["values"]["startTime"]) for e in events if e["type"] == "jdk.GarbageCollection")
last, two_before = gcs[-1], gcs[-3]
recent, older = collections.Counter(), collections.Counter()
for e in events:
    if e["type"] != "jdk.OldObjectSample":
        continue
    v = e["values"]
    at = secs(v["allocationTime"])
    frames = (v.get("stackTrace") or {}).get("frames", [])
    names = [f["method"]["type"]["name"] + "." + f["method"]["name"] for f in frames]
    ink = [n for n in names if n.startswith("org/inkroom/")]
    key = (v["object"]["type"]["name"], (ink[0] if ink else names[0] if names else "-").split("/")[-1])
    if two_before <= at < last:
        recent[key] += 1
    elif at < two_before:
        older[key] += 1
print(f"alive, allocated in the two intervals before the last young collection: {sum(recent.values())}")
for k, n in recent.most_common(15):
    print(f"  {n:4} {k[0]} {k[1]}")
print(f"alive (or not yet found dead), older: {sum(older.values())}")
for k, n in older.most_common(10):
    print(f"  {n:4} {k[0]} {k[1]}")
