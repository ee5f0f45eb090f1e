import gzip, re, sys, statistics as st
for f in sys.argv[1:]:
    op = gzip.open if f.endswith('.gz') else open
    pauses=[]; surv=[]; oldg=[]; eden=[]; hum=[]
    with op(f,'rt') as fh:
        for line in fh:
            m = re.search(r'Pause Young \((Normal|Concurrent Start|Prepare Mixed|Mixed)\).* (\d+\.\d+)ms$', line)
            if m: pauses.append(float(m.group(2)))
            m = re.search(r'Survivor regions: (\d+)->(\d+)', line)
            if m: surv.append(int(m.group(2)))
            m = re.search(r'Eden regions: (\d+)->', line)
            if m: eden.append(int(m.group(1)))
            m = re.search(r'Old regions: (\d+)->(\d+)', line)
            if m: oldg.append(int(m.group(2))-int(m.group(1)))
    if not pauses: print(f, 'none'); continue
    q = sorted(pauses)
    print(f"{f}: n={len(q)} median={st.median(q):.1f} p90={q[int(len(q)*0.9)]:.1f} max={q[-1]:.1f} total={sum(q)/1000:.1f}s eden={st.mean(eden):.0f} surv_after={st.mean(surv):.1f} old_growth/gc={st.mean([g for g in oldg if g>=0] or [0]):.1f}")
