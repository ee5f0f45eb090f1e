"""Session 43: safepoints by kind (GC logs, -Xlog:gc,safepoint) and whether the probe's gaps (stalls of the whole
machine) sit beside them. Usage: python3 lineup.py (from this folder; reads gclogs/*.log and ../<stamp>-*-probe.txt)."""
import re, glob, datetime, statistics, collections

def ms_of_day(hms):
    h, m, s = hms.split(':')
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000

safepoints = []
for f in sorted(glob.glob('gclogs/*.log')):
    kinds = collections.defaultdict(list)
    for line in open(f):
        m = re.search(r'T(\d\d:\d\d:\d\d\.\d+)\+0000.*Safepoint "(\w+)".*Reaching safepoint: (\d+) ns, '
                      r'Cleanup: (\d+) ns, At safepoint: (\d+) ns, Total: (\d+) ns', line)
        if m:
            parts = [int(x) / 1e6 for x in m.groups()[2:]]
            kinds[m.group(2)].append(parts)
            if parts[3] > 2:
                safepoints.append((ms_of_day(m.group(1)), parts[3]))
    print('==', f)
    for k, v in kinds.items():
        cols = list(zip(*v))
        print('  %-28s %4d  median reach/cleanup/at/total ms %s  max %s' % (
            k, len(v), [round(statistics.median(c), 2) for c in cols], [round(max(c), 1) for c in cols]))

gaps = []
for p in sorted(glob.glob('../20261207T0311Z-l17w1gc-*-probe.txt')):
    for line in open(p):
        if line.startswith(('s ', '#')):
            continue
        epoch_ms, gap = line.split()[:2]
        t = datetime.datetime.utcfromtimestamp(int(epoch_ms) / 1000)
        gaps.append(((t.hour * 3600 + t.minute * 60 + t.second) * 1000 + t.microsecond / 1000, float(gap)))
near = sum(1 for t, g in gaps if any(abs(s - t) < 60 for s, d in safepoints))
print('\nprobe gaps (>= 10 ms):', len(gaps), '; with a safepoint over 2 ms ending within 60 ms of it:', near)
print('safepoints over 2 ms:', len(safepoints), '; with a gap within 60 ms:',
      sum(1 for s, d in safepoints if any(abs(s - t) < 60 for t, g in gaps)))
