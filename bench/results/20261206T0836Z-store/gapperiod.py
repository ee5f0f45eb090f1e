#!/usr/bin/env python3
"""Do a probe file's whole-box gaps come at a period? (session 36)

    python3 gapperiod.py PROBE_FILE...

For each file: the period between 0.40 and 0.70 s (1 ms steps) at which the gaps' times line up best
(phase coherence: 1 = every gap at the same phase, about sqrt(ln(300)/n) is what chance gives the
best of 300 trial periods for n gaps), and the coherence at 1 s and 2 s (the store's fold).
"""
import math
import sys


def coherence(ts, period):
    c = sum(math.cos(2 * math.pi * t / period) for t in ts)
    s = sum(math.sin(2 * math.pi * t / period) for t in ts)
    return math.hypot(c, s) / len(ts)


for f in sys.argv[1:]:
    ts = [int(line.split()[0]) / 1000 for line in open(f) if line.strip() and not line.startswith("#")]
    if len(ts) < 4:
        print(f"{f}: {len(ts)} gaps")
        continue
    r, p = max((coherence(ts, p / 1000), p / 1000) for p in range(400, 700))
    print(f"{f}: {len(ts)} gaps; best period {p:.3f} s, coherence {r:.2f} (chance about {math.sqrt(math.log(300) / len(ts)):.2f});"
          f" at 1 s {coherence(ts, 1.0):.2f}, at 2 s {coherence(ts, 2.0):.2f}")
