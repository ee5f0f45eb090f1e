import gzip, re, sys, datetime as dt
# allocrate.py CONSOLE GCLOG APP RATE : eden consumed per 1,000 deliveries over each measured W2 step of APP at RATE
console, log, app, rate = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
lines = open(console).read().splitlines()
cur=None; ends=[]
for l in lines:
    m = re.search(r'workload (\d) on ([a-z0-9-]+)', l)
    if m: cur=(m.group(1), m.group(2)); continue
    if cur==('2', app) and re.search(r'\]   \{rate=%s,' % rate, l):
        t = re.match(r'\[bench (\d\d:\d\d:\d\d)\]', l).group(1)
        dps = float(re.search(r'deliveries_per_s=([0-9.]+)', l).group(1))
        ends.append((t, dps))
gcs=[]
with gzip.open(log,'rt') as fh:
    for l in fh:
        m = re.search(r'T(\d\d:\d\d:\d\d\.\d+).*Eden regions: (\d+)->', l)
        if m: gcs.append((m.group(1), int(m.group(2))))
def sec(t): h,m,s=t.split(':'); return int(h)*3600+int(m)*60+float(s)
for t, dps in ends:
    e = sec(t)
    # the step's line comes after its 3-s drain; its 10-s window ends ~3 s before
    win = [(s, n) for s, n in gcs if e-14 <= sec(s) <= e-3]
    if len(win) < 2: print(t, 'too few GCs', len(win)); continue
    span = sec(win[-1][0]) - sec(win[0][0])
    mb = sum(n for s, n in win[1:])  # eden allocated between the first and last GC in the window (1-MB regions)
    print(f"{app} W2 {rate} step ending {t}: {len(win)} GCs over {span:.1f} s, {mb} MB eden, {mb/span:.0f} MB/s, {mb*1000/span/dps*1000:.1f} KB per 1,000 deliveries... per delivery {mb*1e6/span/dps:.0f} bytes")
