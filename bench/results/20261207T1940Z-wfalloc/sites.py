#!/usr/bin/env python3
"""Session 48: allocation samples (async-profiler event=alloc, collapsed) by site.
    python3 sites.py APP.collapsed.gz [N]
Each sample's site is its deepest org.inkroom frame, else the deepest frame outside java.*/jdk.*/sun.*
(the container's code), with the allocated class; prints the top N (default 30) as % of samples."""
import gzip, sys, collections
path = sys.argv[1]; top = int(sys.argv[2]) if len(sys.argv) > 2 else 30
tot = 0; c = collections.Counter()
with gzip.open(path, 'rt') as fh:
    for line in fh:
        stack, n = line.rstrip('\n').rsplit(' ', 1); n = int(n); tot += n
        frames = stack.split(';')
        cls = frames[-1]
        ink = [f for f in frames[:-1] if 'org/inkroom' in f or 'org.inkroom' in f]
        if ink:
            site = ink[-1]
        else:
            own = [f for f in frames[1:-1] if not f.startswith(('java/', 'jdk/', 'sun/', '[')) and '/' in f]
            site = own[-1] if own else frames[-2]
        c[(site, cls)] += n
print(f"{path}: {tot} samples")
for (site, cls), v in c.most_common(top):
    print(f"{v*100/tot:5.1f}%  {site[:90]}  -> {cls[:50]}")
