# usage: lineup.py <run>.json <gc log> <JVM start, epoch seconds (from /proc/PID/stat starttime while it ran)>; Liberty 17 started 1796497687.30, WildFly 1796497868.69
import json,re,sys,datetime
res, gclog, start = sys.argv[1], sys.argv[2], float(sys.argv[3])
pauses=[]
for line in open(gclog):
    m=re.match(r'\[([0-9.]+)s\]\[gc *\] GC\(\d+\) (Pause [^(]*\([^)]*\)(?: \([^)]*\))?).* ([0-9.]+)ms$', line.strip())
    if m: pauses.append((start+float(m.group(1))-float(m.group(3))/1000, float(m.group(3)), m.group(2)))
d=json.load(open(res))
day=datetime.datetime.utcfromtimestamp(start).strftime('%Y-%m-%d')
for w in d['workloads'].values():
  for tgt,v in w.items():
    for st in v['steps']:
        print('step rate %s p99 %s max %s gc%% %s; late slots:' % (st['rate'], st['p99_ms'], st['max_ms'], st.get('server_gc_cpu_pct')))
        for slot in [s.strip() for s in st.get('late_slots','').split(':',1)[-1].split(';') if s.strip()]:
            t,n,mx=slot.split()
            ts=datetime.datetime.strptime(day+' '+t,'%Y-%m-%d %H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc).timestamp()
            near=[(round(p[0]-ts,2),p[1],p[2]) for p in pauses if -0.35 <= p[0]-ts <= 0.35]
            print('  %s late=%s max=%sms  pauses within 350 ms: %s' % (t,n,mx, '; '.join('%+.2fs %.0fms %s'%x for x in near) or 'none'))
