"""Young-collection copying by class (JFR jdk.PromoteObjectInNewPLAB / OutsidePLAB), from `jfr print --json`.
InNewPLAB: one event per new PLAB (the object that opened it), weighted by plabSize: a sample of bytes
copied into PLABs. OutsidePLAB: every object copied outside a PLAB (large ones), weighted by objectSize.
Usage: python3 promo.py file.json [more.json]"""
import json, sys, collections
by = collections.Counter(); n = collections.Counter(); tot = collections.Counter()
size_by = collections.Counter()
for f in sys.argv[1:]:
    d = json.load(open(f))
    for e in d['recording']['events']:
        t = e['type'].split('.')[-1]
        v = e['values']
        cls = v['objectClass']['name'] if v.get('objectClass') else '?'
        size = v['objectSize']
        w = v.get('plabSize') or size
        kind = 'PLAB' if t == 'PromoteObjectInNewPLAB' else 'outside'
        dest = 'old' if v.get('tenured') else 'surv'
        by[(kind, dest, cls)] += w; n[(kind, dest, cls)] += 1; tot[(kind, dest)] += w
        if kind == 'outside':
            size_by[(cls, size)] += size
for k, w in sorted(tot.items(), key=lambda x: -x[1]):
    print('%-8s %-5s %10.1f MB' % (k[0], k[1], w / 1e6))
print('\ntop classes (MB weighted, events):')
for k, w in by.most_common(40):
    print('%-8s %-5s %8.2f %7d  %s' % (k[0], k[1], w / 1e6, n[k], k[2]))
print('\noutside-PLAB objects by class and size (MB):')
for k, w in size_by.most_common(25):
    print('%8.2f  %s %d' % (w / 1e6, k[0], k[1]))
