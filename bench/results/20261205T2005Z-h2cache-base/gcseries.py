import re,sys
f=sys.argv[1]; a=float(sys.argv[2]); b=float(sys.argv[3])
d={}
for line in open(f):
    m=re.search(r'GC\((\d+)\)',line)
    if not m: continue
    g=int(m.group(1)); r=d.setdefault(g,{})
    m2=re.match(r'\[(\d+\.\d+)s\]\[gc\s*\] GC\(\d+\) (Pause Young \(\w+( \w+)?\)).* (\d+\.\d+)ms',line)
    if m2: r['t']=float(m2.group(1)); r['ms']=float(m2.group(4)); r['kind']=m2.group(2)
    m2=re.search(r'Copied Bytes.*Sum: (\d+)',line)
    if m2: r['cp']=int(m2.group(1))/1e6
    m2=re.search(r'Old PLAB allocation: allocated: \d+B, wasted: \d+B, unused: \d+B, used: (\d+)B',line)
    if m2: r['old']=int(m2.group(1))/1e6
    m2=re.search(r'Scan Heap Roots \(ms\):.*Avg:\s*([\d.]+)',line)
    if m2: r['shr']=float(m2.group(1))
    m2=re.search(r'Object Copy \(ms\):.*Avg:\s*([\d.]+)',line)
    if m2: r['oc']=float(m2.group(1))
    m2=re.search(r'Scanned Cards:.*Sum: (\d+)',line)
    if m2: r['cards']=int(m2.group(1))
rows=[r for g,r in sorted(d.items()) if 't' in r and a<=r['t']<=b]
for r in rows: print(f"{r['t']:8.1f} {r['ms']:6.1f}ms copied {r.get('cp',0):5.1f}MB old {r.get('old',0):5.1f}MB scanroots {r.get('shr',0):5.1f} cards {r.get('cards',0):6d} objcopy {r.get('oc',0):5.1f} {r['kind'] if 'Normal' not in r['kind'] else ''}")
n=len(rows); dur=rows[-1]['t']-rows[0]['t']
print('sum old MB/s', sum(r.get('old',0) for r in rows)/dur, 'copied MB/s', sum(r.get('cp',0) for r in rows)/dur, 'mean scanroots', sum(r.get('shr',0) for r in rows)/n, 'mean objcopy', sum(r.get('oc',0) for r in rows)/n)
