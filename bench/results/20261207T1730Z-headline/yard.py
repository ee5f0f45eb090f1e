import glob, json, os, statistics, sys
for d, pre in [("bench/results/20261206T1835Z-headline","20261206T1835Z"),("bench/results/20261207T1730Z-headline","20261207T1730Z")]:
    per = {}
    for path in glob.glob(os.path.join(d, pre+"*-*.json")):
        doc = json.load(open(path))
        for wlk in ("1","2"):
          t = (doc.get("workloads",{}) or {}).get(wlk) or {}
          for target, tt in t.items():
            for s in tt.get("steps", []):
                dps, c = s.get("deliveries_per_s"), s.get("client_cpu_pct")
                if not dps or c is None or s.get("delivery_ratio",0) < 0.999: continue
                per.setdefault((wlk, s.get("rate")), []).append(c*10/dps*1000)
    print(pre, {k: round(statistics.median(v),2) for k,v in sorted(per.items()) if k[1] in (1000,2000,3000)})
