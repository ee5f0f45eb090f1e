"""Session 37: per young pause of a -Xlog:gc*=debug log: pause ms, Object Copy (avg of workers), Scan Heap Roots,
bytes copied (young + old PLAB used), promoted (old PLAB used), eden before. Medians over the pauses after
<from HH:MM:SS> (the measured steps). Usage: gcsum.py <gc.log> [HH:MM:SS]   (the logs here are gzipped: zcat to a file first)"""
import sys, re, statistics as st
frm = sys.argv[2] if len(sys.argv) > 2 else "00:00:00"
cur = {}; rows = []
for l in open(sys.argv[1]):
    m = re.match(r"\[\S+T(\d\d:\d\d:\d\d)\.\d+\S*\] GC\((\d+)\) (.*)", l)
    if not m: continue
    t, n, rest = m.groups()
    c = cur.setdefault(n, {"t": t})
    if "Object Copy (ms)" in rest: c["copy"] = float(re.search(r"Avg:\s*([\d.]+)", rest).group(1))
    elif "Scan Heap Roots (ms)" in rest: c["scan"] = float(re.search(r"Avg:\s*([\d.]+)", rest).group(1))
    elif rest.startswith("Young PLAB allocation"): c["young"] = int(re.search(r", used: (\d+)B", rest).group(1))
    elif rest.startswith("Old PLAB allocation"): c["old"] = int(re.search(r", used: (\d+)B", rest).group(1))
    elif re.match(r"Eden regions: (\d+)", rest): c["eden"] = int(re.match(r"Eden regions: (\d+)", rest).group(1))
    elif re.match(r"Pause Young.*ms$", rest):
        c["pause"] = float(re.search(r"([\d.]+)ms$", rest).group(1)); rows.append(c)
rows = [r for r in rows if r["t"] >= frm and "copy" in r]
def med(k, f=lambda x: x): 
    v = sorted(f(r.get(k, 0)) for r in rows); return "%s p50 %.1f p90 %.1f" % (k, v[len(v)//2], v[int(len(v)*.9)])
print("%d pauses from %s (%s to %s)" % (len(rows), frm, rows[0]["t"], rows[-1]["t"]))
print(med("pause")); print(med("copy")); print(med("scan"))
print(med("young", lambda b: b / 1e6) + " MB"); print(med("old", lambda b: b / 1e6) + " MB"); print(med("eden"))
span = (lambda a, b: (int(b[:2])*3600+int(b[3:5])*60+int(b[6:])) - (int(a[:2])*3600+int(a[3:5])*60+int(a[6:])))(rows[0]["t"], rows[-1]["t"])
print("pauses/s %.2f, promoted MB/s %.1f" % (len(rows) / max(span, 1), sum(r.get("old", 0) for r in rows) / 1e6 / max(span, 1)))
