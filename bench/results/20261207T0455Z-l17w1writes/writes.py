"""Session 43: the server's file writes per op in the measured steps. Usage: writes.py (in this folder).
For each store: write_bytes (what reached the block layer) and wchar (every write call, sockets included, so only
write_bytes is the file) from io-<store>.txt, over each measured step's 18 s (warm-up 5, measured 10, drain 3) ending
at the step's report line in <store>.console.txt; ops = 3,000 sends/s x the seconds."""
import re, datetime
for store in ('jdbc', 'memory'):
    io = [tuple(int(x) for x in l.split()) for l in open('io-%s.txt' % store)]
    io = [r for r in io if r[1]]
    day = datetime.datetime.utcfromtimestamp(io[0][0] / 1000).date()
    ends = []
    for l in open('%s.console.txt' % store):
        m = re.match(r'\[bench (\d\d:\d\d:\d\d)\]   \{rate', l)
        if m:
            t = datetime.datetime.combine(day, datetime.time.fromisoformat(m.group(1)), tzinfo=datetime.timezone.utc)
            ends.append(t.timestamp() * 1000)
    for e in ends:
        s = e - 18000
        a = min(io, key=lambda r: abs(r[0] - s)); b = min(io, key=lambda r: abs(r[0] - e))
        secs = (b[0] - a[0]) / 1000
        wb = b[2] - a[2]
        print('%-6s step ending %s: %.1f s, file writes %.2f MB/s, %.0f bytes per op' % (
            store, datetime.datetime.utcfromtimestamp(e / 1000).strftime('%H:%M:%S'), secs, wb / secs / 1e6, wb / secs / 3000))
