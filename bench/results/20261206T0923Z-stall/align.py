"""Session 37: do the probe's gaps fall in GC pauses? Usage: align.py <probe.txt> <gc.log>
A gap "<end ms> <len ms>" covers [end-len, end]; a pause logged at t (its end) with d ms covers [t-d, t].
Prints how many gaps overlap a pause, against what chance gives (pauses' share of the time spanned)."""
import sys, re, datetime
gaps = []
for l in open(sys.argv[1]):
    if l.startswith("#"): continue
    e, n = l.split(); gaps.append((float(e) - float(n), float(e)))
pauses = []
for l in open(sys.argv[2]):
    m = re.match(r"\[(\S+)\].*Pause.* ([\d.]+)ms", l)
    if m:
        t = datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp() * 1000
        pauses.append((t - float(m.group(2)), t))
lo, hi = pauses[0][0], pauses[-1][1]
gaps = [g for g in gaps if lo <= g[0] <= hi]
hit = [g for g in gaps if any(a <= g[1] and g[0] <= b for a, b in pauses)]
share = sum(b - a for a, b in pauses) / (hi - lo)
# chance that a gap of length L overlaps some pause ~ share + count*L/span
meanlen = sum(g[1] - g[0] for g in gaps) / max(1, len(gaps))
chance = share + len(pauses) * meanlen / (hi - lo)
print("pauses %d (%.1f%% of %.0f s), gaps %d, overlapping a pause %d (%.0f%%), chance ~%.0f%%"
      % (len(pauses), 100 * share, (hi - lo) / 1000, len(gaps), len(hit), 100 * len(hit) / max(1, len(gaps)), 100 * chance))
