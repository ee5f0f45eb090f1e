# Session 39: per step rate:p99[F]/server CPU/GC CPU/server CPU-ms per 1,000 deliveries. Usage: steps.py RESULT.json...
import json,sys,glob
# per step: rate, p99, delivered ratio, server cpu, gc cpu, ms of server CPU per 1000 deliveries
for f in sys.argv[1:]:
    d=json.load(open(f))
    for w,per in d['workloads'].items():
        for t,v in per.items():
            if 'steps' not in v: continue
            out=[]
            for s in v['steps']:
                dps=s.get('deliveries_per_s') or 0
                cpk=s['server_cpu_pct']*10/ (dps/1000) if dps else 0
                out.append(f"{s['rate']}:{s['p99_ms']}{'' if s['pass'] else 'F'}/{s['server_cpu_pct']:.0f}%/gc{s['server_gc_cpu_pct']}/{cpk:.2f}")
            print(f"W{w} {t:28s} best={v['best_rate']}  "+"  ".join(out))
