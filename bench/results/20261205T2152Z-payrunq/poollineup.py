# usage: poollineup.py <run>.json threads.txt gc.log: like iolineup.py, for a server whose request threads are a big pool (Payara's http-thread-pool):
# per late slot, the pool's total CPU (% of a core), how many of its threads ran, their summed run-queue wait (ms/s), GC+JIT CPU, the GC pauses within 350 ms
import json,re,sys,datetime
res,thr,gclog=sys.argv[1:4]
POOL='http-thread'
lines=open(thr).read().splitlines(); start=float(lines[0].split()[4])
samples=[]
for l in lines[1:]:
    p=l.split(); d={}; rq={}
    for x in p[1:]:
        n,tid,ticks,w=x.split(':'); d[n+':'+tid]=int(ticks); rq[n+':'+tid]=int(w)
    samples.append((float(p[0]),d,rq))
def window(a,b):
    s=[x for x in samples if a<=x[0]<=b]
    if len(s)<2: return None
    (t0,d0,r0),(t1,d1,r1)=s[0],s[-1]; dt=t1-t0
    cpu={k:(d1[k]-d0.get(k,d1[k]))*10/(dt*1000)*100 for k in d1}
    rq={k:(r1[k]-r0.get(k,r1[k]))/1000/dt for k in r1}
    pool=[k for k in d1 if POOL in k]
    return (sum(cpu[k] for k in pool), sum(1 for k in pool if cpu[k]>0), sum(rq[k] for k in pool),
            sum(v for k,v in cpu.items() if POOL not in k))
pauses=[]
for line in open(gclog):
    m=re.match(r'\[([0-9.]+)s\]\[gc *\] GC\(\d+\) (Pause [^(]*\([^)]*\)).* ([0-9.]+)ms$', line.strip())
    if m: pauses.append((start+float(m.group(1))-float(m.group(3))/1000, float(m.group(3))))
d=json.load(open(res)); day=datetime.datetime.utcfromtimestamp(start).strftime('%Y-%m-%d')
fmt=lambda w: 'pool CPU %d%% on %d threads, pool run-queue wait %d ms/s, GC, JIT and selector threads %d%%' % tuple(round(x) for x in w) if w else '-'
for wl in d['workloads'].values():
  for tgt,v in wl.items():
    for st in v['steps']:
        ws=[s for s in st.get('late_slots','').split(':',1)[-1].split(';') if s.strip()]
        print('step rate %s p99 %s server CPU %s' % (st['rate'], st['p99_ms'], st.get('server_cpu_pct')))
        tss=[]
        for slot in ws:
            t,n,mx=slot.split()
            ts=datetime.datetime.strptime(day+' '+t,'%Y-%m-%d %H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc).timestamp(); tss.append(ts)
            near=[(round(p[0]-ts,2),p[1]) for p in pauses if -0.35<=p[0]-ts<=0.35]
            print('  %s late=%s max=%sms  [-300,+100] ms: %s  pauses: %s' % (t,n,mx,fmt(window(ts-0.3,ts+0.1)), ', '.join('%+.2fs %.0fms'%x for x in near) or 'none'))
        if tss:
            print('  the 7.5 s before the first late slot: %s' % fmt(window(min(tss)-8,min(tss)-0.5)))
