# Session 39: young pauses of G1 logs (-Xlog:gc*, .gz allowed): user/system CPU, pauses above 40 ms, and the pauses
# that emptied more than 150 eden regions (G1's young generation grown after a lull; regions of 4 MB in a
# heap free to grow, 1 MB in the fixed 2 GB heap, where 150 regions is no outlier). Usage: gcsys.py GC_LOG...
import re,sys,gzip
for f in sys.argv[1:]:
    cur={};rows=[]
    for line in (gzip.open(f,'rt') if f.endswith('.gz') else open(f)):
        m=re.search(r'GC\((\d+)\) (.*)',line)
        if not m: continue
        g,rest=m.groups(); c=cur.setdefault(g,{'g':int(g)})
        mm=re.search(r'Pause (\w+ \(\S+\)).* (\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms',rest)
        if mm: c['kind']=mm.group(1); c['cap']=int(mm.group(4)); c['ms']=float(mm.group(5)); c['t']=line[12:23]
        mm=re.search(r'Old regions: (\d+)->(\d+)',rest)
        if mm: c['old']=int(mm.group(2))-int(mm.group(1))
        mm=re.search(r'Eden regions: (\d+)->0',rest)
        if mm: c['eden']=int(mm.group(1))
        mm=re.search(r'Survivor regions: (\d+)->(\d+)',rest)
        if mm: c['surv']=int(mm.group(2))
        mm=re.search(r'User=([\d.]+)s Sys=([\d.]+)s Real=([\d.]+)s',rest)
        if mm and 'ms' in c: c['user'],c['sys'],c['real']=map(float,mm.groups()); rows.append(c)
    rows=[r for r in rows if 'Young' in r.get('kind','')]
    tot=lambda k,rs: sum(r[k] for r in rs)
    print(f, 'young pauses',len(rows),'user',round(tot('user',rows),2),'sys',round(tot('sys',rows),2),'real',round(tot('real',rows),2))
    big=[r for r in rows if r['ms']>40]
    print('  >40ms:',len(big),'user',round(tot('user',big),2),'sys',round(tot('sys',big),2), 'mean old+',round(tot('old',big)/max(1,len(big)),1),'mean surv',round(tot('surv',big)/max(1,len(big)),1))
    small=[r for r in rows if r['ms']<=40]
    print('  <=40ms:',len(small),'user',round(tot('user',small),2),'sys',round(tot('sys',small),2),'mean old+',round(tot('old',small)/max(1,len(small)),1),'mean surv',round(tot('surv',small)/max(1,len(small)),1))
    eden=[r for r in rows if r.get('eden',0)>150]
    print('  eden > 150 regions:',len(eden),[(r['t'],r['eden'],r['ms']) for r in eden][:8])
