import sys,collections
# inclusive samples per frame below an anchor frame, for two profiles side by side
thr,anchor=sys.argv[1],sys.argv[2]; files=sys.argv[3:]
res=[]
for f in files:
    c=collections.Counter()
    for l in open(f):
        s,n=l.rsplit(' ',1); n=int(n); fr=s.split(';')
        if thr not in fr[0]: continue
        idx=[i for i,x in enumerate(fr) if anchor in x]
        if not idx: continue
        c['TOTAL']+=n
        for x in set(fr[idx[0]+1:]): c[x]+=n
        c['SELF:'+fr[-1]]+=n
    res.append(c)
keys=set().union(*res)
for k in sorted(keys,key=lambda k:-abs(res[1].get(k,0)-res[0].get(k,0)))[:45]:
    print('%6d %6d %+6d %s'%(res[0].get(k,0),res[1].get(k,0),res[1].get(k,0)-res[0].get(k,0),k[:130]))
