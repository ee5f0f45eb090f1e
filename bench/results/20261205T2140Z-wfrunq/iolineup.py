# usage: iolineup.py <run>.json threads.txt [gc log]: for each late slot, each I/O thread's CPU (% of a core) over the 300 ms before and the slot itself, and the GC pauses within 350 ms
import json,re,sys,datetime,collections,os
# IO: the part of a name that marks the threads to show one by one (default WildFly's 'default I/O'); Payara: IO=http-thread
IO=os.environ.get('IO','default_I/O')
res,thr=sys.argv[1],sys.argv[2]
gclog=sys.argv[3] if len(sys.argv)>3 else None
lines=open(thr).read().splitlines()
start=float(lines[0].split()[4])
samples=[]  # (t, {name: ticks})
for l in lines[1:]:
    p=l.split(); t=float(p[0]); d={}
    rq={}
    for x in p[1:]:
        f=x.split(':')
        if len(f)==4: n,tid,ticks,w=f; rq[n+':'+tid]=int(w)
        else: n,tid,ticks=f
        d[n+':'+tid]=int(ticks)
    samples.append((t,d,rq))
def runq(a,b):  # per-thread run-queue wait, ms per second of wall time, between a and b
    s=[x for x in samples if a<=x[0]<=b]
    if len(s)<2 or not s[-1][2]: return {}
    t0,r0=s[0][0],s[0][2]; t1,r1=s[-1][0],s[-1][2]
    return {k:(r1[k]-r0.get(k,r1[k]))/1000/(t1-t0) for k in r1}
def cpu(a,b):  # per-thread % of a core between times a and b
    s=[x for x in samples if a<=x[0]<=b]
    if len(s)<2: return {}
    t0,d0=s[0][:2]; t1,d1=s[-1][:2]
    return {k:(d1[k]-d0.get(k,d1[k]))*10/((t1-t0)*1000)*100 for k in d1}
pauses=[]
if gclog:
    for line in open(gclog):
        m=re.match(r'\[([0-9.]+)s\]\[gc *\] GC\(\d+\) (Pause [^(]*\([^)]*\)).* ([0-9.]+)ms$', line.strip())
        if m: pauses.append((start+float(m.group(1))-float(m.group(3))/1000, float(m.group(3))))
d=json.load(open(res))
day=datetime.datetime.utcfromtimestamp(start).strftime('%Y-%m-%d')
short=lambda k: (k.replace('default_I/O-','io').split(':')[0] if 'default_I/O' in k else 't'+k.split(':')[1])
for w in d['workloads'].values():
  for tgt,v in w.items():
    for st in v['steps']:
        ws=[s for s in st.get('late_slots','').split(':',1)[-1].split(';') if s.strip()]
        print('step rate %s p99 %s' % (st['rate'], st['p99_ms']))
        for slot in ws:
            t,n,mx=slot.split()
            ts=datetime.datetime.strptime(day+' '+t,'%Y-%m-%d %H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc).timestamp()
            c=cpu(ts-0.3,ts+0.1)
            io=sorted(((short(k),round(v)) for k,v in c.items() if IO in k), key=lambda x:x[0])
            other=sum(v for k,v in c.items() if IO not in k and 'I/O' not in k)
            near=[(round(p[0]-ts,2),p[1]) for p in pauses if -0.35<=p[0]-ts<=0.35]
            rw=runq(ts-0.3,ts+0.1)
            rio=sorted(((short(k),round(v)) for k,v in rw.items() if IO in k), key=lambda x:x[0])
            print('  %s late=%s max=%sms  I/O %% over [-300,+100] ms: %s  GC+JIT %d%%  pauses: %s  run-queue wait ms/s: %s' % (t,n,mx,' '.join('%s=%d'%x for x in io), other, ', '.join('%+.2fs %.0fms'%x for x in near) or 'none', ' '.join('%s=%d'%x for x in rio) or '-'))
        if ws:
            t,n,mx=max((s.split() for s in ws), key=lambda x:int(x[2]))
            ts=datetime.datetime.strptime(day+' '+t,'%Y-%m-%d %H:%M:%S.%f').replace(tzinfo=datetime.timezone.utc).timestamp()
            rw=runq(ts-8,ts-0.5); cw=cpu(ts-8,ts-0.5)
            print('  over the 7.5 s before the worst slot: I/O CPU %% %s, run-queue wait ms/s %s' % (
                ' '.join('%s=%d'%(short(x),round(v)) for x,v in sorted(cw.items()) if IO in x),
                ' '.join('%s=%d'%(short(x),round(v)) for x,v in sorted(rw.items()) if IO in x) or '-'))
            print('  around the worst slot %s (%s ms), I/O threads %% per 250 ms:' % (t,mx))
            k=-2.0
            while k<1.0:
                c=cpu(ts+k,ts+k+0.25)
                io=sorted(((short(x),round(v)) for x,v in c.items() if IO in x), key=lambda x:x[0])
                rw=runq(ts+k,ts+k+0.25)
                rio=sorted(((short(x),round(v)) for x,v in rw.items() if IO in x), key=lambda x:x[0])
                print('    %+.2fs CPU %s  run-queue wait ms/s %s' % (k,' '.join('%s=%d'%x for x in io),' '.join('%s=%d'%x for x in rio) or '-'))
                k+=0.25
