#!/usr/bin/env python3
"""Session 49: per measured step of each run in a turns folder (its <run>.console.txt and <run>-gc-<pid>.log.gz),
the young collections inside the step's window (its last 14 to 3 s before the step's line, as ../20261207T1912Z-round2/
allocrate.py), their pause time, and the eden they found full per delivery (1-MB regions, so rough), with p99 and
server CPU per 1,000 deliveries.    python3 steps.py DIR"""
import glob, gzip, os, re, sys, statistics as st
d = sys.argv[1]
def sec(t): h, m, s = t.split(':'); return int(h) * 3600 + int(m) * 60 + float(s)
for console in sorted(glob.glob(os.path.join(d, '*.console.txt'))):
    run = os.path.basename(console)[:-len('.console.txt')]
    logs = glob.glob(os.path.join(d, run + '-gc-*.log.gz'))
    gcs = []  # (time, eden regions, pause ms)
    for log in logs:
        eden = None
        with gzip.open(log, 'rt') as fh:
            for l in fh:
                m = re.search(r'T(\d\d:\d\d:\d\d\.\d+).*Eden regions: (\d+)->', l)
                if m: eden = (m.group(1), int(m.group(2)))
                m = re.search(r'T(\d\d:\d\d:\d\d\.\d+).*Pause Young \((Normal|Concurrent Start|Prepare Mixed|Mixed)\).* (\d+\.\d+)ms$', l)
                if m and eden: gcs.append((sec(m.group(1)), eden[1], float(m.group(3)))); eden = None
    for l in open(console):
        m = re.match(r'\[bench (\d\d:\d\d:\d\d)\]   \{rate=(\d+),.*deliveries_per_s=([0-9.]+).*delivery_ratio=([0-9.]+).*p99_ms=([0-9.]+).*server_cpu_pct=([0-9.]+)', l)
        if not m: continue
        e = sec(m.group(1)); rate = m.group(2); dps = float(m.group(3))
        win = [g for g in gcs if e - 14 <= g[0] <= e - 3]
        cpu_per_k = float(m.group(6)) * 10 / dps * 1000  # ms of CPU per 1,000 deliveries
        if len(win) >= 2:
            span = win[-1][0] - win[0][0]; mb = sum(g[1] for g in win[1:])
            per = f"{mb * 1e6 / span / dps:6.0f} B/delivery"
        else:
            per = "   too few GCs     "
        pauses = [g[2] for g in win]
        print(f"{run:12s} {rate:>5s} delivered {float(m.group(4))*100:6.2f} % p99 {float(m.group(5)):7.2f} ms  cpu {cpu_per_k:5.2f} ms/1k  "
              f"{len(win)} young in 11 s, {sum(pauses):6.1f} ms paused, median {st.median(pauses) if pauses else 0:5.1f} ms  {per}")
