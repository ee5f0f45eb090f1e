import sys,collections
# inclusive samples per frame (counted once per stack) for a thread substring, frames matching a filter
f,thr,pat=sys.argv[1],sys.argv[2],sys.argv[3]; top=int(sys.argv[4]) if len(sys.argv)>4 else 40
c=collections.Counter(); tot=0
for l in open(f):
    s,n=l.rsplit(' ',1); n=int(n); fr=s.split(';')
    if thr not in fr[0]: continue
    tot+=n
    for x in set(fr[1:]):
        if pat in x: c[x]+=n
print('total',tot)
for k,v in c.most_common(top): print('%6d %s'%(v,k[:150]))
