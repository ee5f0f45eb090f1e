"""Growth by class between two jmap -histo:live outputs: python3 histodiff.py A B [N]."""
import re, sys
def read(f):
    d = {}
    for line in open(f):
        m = re.match(r'\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)', line)
        if m:
            d[m[3]] = (int(m[1]), int(m[2]))
    return d
a, b = read(sys.argv[1]), read(sys.argv[2])
rows = sorted(((b.get(k, (0, 0))[1] - a.get(k, (0, 0))[1], b.get(k, (0, 0))[0] - a.get(k, (0, 0))[0], k) for k in set(a) | set(b)), reverse=True)
print('total live MB', sum(v[1] for v in a.values()) / 1e6, '->', sum(v[1] for v in b.values()) / 1e6)
for db, dn, k in rows[:int(sys.argv[3]) if len(sys.argv) > 3 else 25]:
    print(f'{db/1e3:10.1f} kB {dn:9d} {k}')
