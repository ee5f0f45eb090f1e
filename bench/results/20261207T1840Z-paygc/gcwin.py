import gzip, re, sys, statistics as st
# gcwin.py LOG HH:MM:SS HH:MM:SS : young pauses, survivors, promotion, age table in the window
f, t0, t1 = sys.argv[1:4]
op = gzip.open if f.endswith('.gz') else open
pauses=[]; surv=[]; oldg=[]; age1=[]; age2=[]; times=[]
with op(f,'rt') as fh:
    for line in fh:
        m = re.match(r'\[\d{4}-\d\d-\d\dT(\d\d:\d\d:\d\d)', line)
        if not m or not (t0 <= m.group(1) <= t1): continue
        m2 = re.search(r'Pause Young .* (\d+\.\d+)ms$', line)
        if m2: pauses.append(float(m2.group(1))); times.append(m.group(1))
        m2 = re.search(r'Survivor regions: (\d+)->(\d+)', line)
        if m2: surv.append(int(m2.group(2)))
        m2 = re.search(r'Old regions: (\d+)->(\d+)', line)
        if m2: oldg.append(int(m2.group(2))-int(m2.group(1)))
        m2 = re.search(r'- age   1:\s+(\d+) bytes', line)
        if m2: age1.append(int(m2.group(1))/1e6)
        m2 = re.search(r'- age   2:\s+(\d+) bytes', line)
        if m2: age2.append(int(m2.group(1))/1e6)
q = sorted(pauses)
print(f"{f} {t0}-{t1}: young pauses n={len(q)} median={st.median(q):.1f} max={q[-1]:.1f} sum={sum(q):.0f} ms; survivor regions after {st.mean(surv):.1f}; old +{sum(g for g in oldg if g>0)} regions ({st.mean(oldg):.1f}/gc); age1 {st.mean(age1):.2f} MB, age2 {st.mean(age2) if age2 else 0:.2f} MB")
