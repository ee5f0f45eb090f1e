"""Session 37: a live-object allocation profile (async-profiler alloc=256k,live, collapsed) by type and by the
nearest Inkroom / H2 / Liberty frame. Usage: livesum.py <file.collapsed>"""
import collections, sys
by_type = collections.Counter(); by_site = collections.Counter(); tot = 0
for l in open(sys.argv[1]):
    s, n = l.rsplit(" ", 1); n = int(n); tot += n
    fr = s.split(";")
    by_type[fr[-1]] += n
    site = next((f for f in reversed(fr[:-1]) if f.startswith(("org/inkroom", "org/h2", "com/ibm/ws/wsoc", "io/openliberty"))),
                fr[-2] if len(fr) > 1 else "?")
    by_site[site] += n
print("samples", tot)
for k, v in by_type.most_common(8): print("%5.1f%% %s" % (100 * v / tot, k))
print()
for k, v in by_site.most_common(16): print("%5.1f%% %s" % (100 * v / tot, k))
