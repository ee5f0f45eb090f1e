"""Young pauses in each measured step of a bench run: python3 steppauses.py RESULT_DIR.

The GC log (-Xlog:gc*=debug with uptime) is mapped to wall time by its last line, written when
the JVM exits, against the log's modification time (gzip keeps it). A step's measured window is
taken as the 10 s ending 3.5 s (drain 3 s, close, idle wait) before the console line that reports
it, so a pause is placed to within about a second."""
import glob, gzip, os, re, statistics, sys, datetime

d = sys.argv[1]
logs = sorted(glob.glob(os.path.join(d, 'gc-*.log.gz')), key=os.path.getmtime)
console = open(os.path.join(d, 'console.log')).read().splitlines()
day = datetime.date.fromtimestamp(os.path.getmtime(os.path.join(d, 'console.log')))
steps = []
for line in console:
    m = re.match(r'\[bench (\d\d):(\d\d):(\d\d)\]\s+\{rate=(\d+),.*p99_ms=([\d.]+).*pass=(\w+)', line)
    if m:
        t = datetime.datetime.combine(day, datetime.time(int(m[1]), int(m[2]), int(m[3]))).timestamp()
        steps.append((t, int(m[4]), float(m[5]), m[6]))
pauses = []  # (wall time, ms, copied MB, object copy ms)
for f in logs:
    lines = gzip.open(f, 'rt').read().splitlines()
    last = float(re.match(r'\[(\d+\.\d+)s\]', lines[-1])[1])
    start = os.path.getmtime(f) - last
    cur = {}
    for line in lines:
        m = re.match(r'\[(\d+\.\d+)s\]\[gc\s*\] GC\((\d+)\) Pause Young \((\w+)\).* (\d+\.\d+)ms', line)
        if m:
            r = cur.setdefault(int(m[2]), {})
            r.update(t=start + float(m[1]), ms=float(m[4]), kind=m[3])
            continue
        m = re.search(r'GC\((\d+)\).*Object Copy \(ms\):.*Avg:\s*([\d.]+)', line)
        if m:
            cur.setdefault(int(m[1]), {})['oc'] = float(m[2])
        m = re.search(r'GC\((\d+)\).*Scan Heap Roots \(ms\):.*Avg:\s*([\d.]+)', line)
        if m:
            cur.setdefault(int(m[1]), {})['shr'] = float(m[2])
        m = re.search(r'GC\((\d+)\) Old PLAB allocation: .* used: (\d+)B', line)
        if m:
            cur.setdefault(int(m[1]), {})['old'] = int(m[2]) / 1e6
        m = re.search(r'GC\((\d+)\).*Copied Bytes.*Sum: (\d+)', line)
        if m:
            cur.setdefault(int(m[1]), {})['cp'] = int(m[2]) / 1e6
    pauses += [r for r in cur.values() if 't' in r]
print(f'{"step":>5} {"rate":>5} {"p99":>7} pass  pauses  p50ms  maxms  sum_ms  copiedMB_p50  objcopy_p50  promotedMB_p50  scanroots_p50')
for i, (t, rate, p99, ok) in enumerate(steps):
    w = [p for p in pauses if t - 14.5 <= p['t'] <= t - 3.5]
    if not w:
        print(f'{i:5d} {rate:5d} {p99:7.1f} {ok:5} none'); continue
    ms = [p['ms'] for p in w]
    print(f'{i:5d} {rate:5d} {p99:7.1f} {ok:5} {len(w):6d} {statistics.median(ms):6.1f} {max(ms):6.1f} {sum(ms):7.1f}'
          f' {statistics.median([p.get("cp", 0) for p in w]):12.1f} {statistics.median([p.get("oc", 0) for p in w]):12.1f}'
          f' {statistics.median([p.get("old", 0) for p in w]):15.1f} {statistics.median([p.get("shr", 0) for p in w]):14.1f}')
