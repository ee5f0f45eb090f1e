import sys,re,collections
# For stacks of threads matching argv[2], attribute each sample to the first frame (from root) matching one of the patterns
f=sys.argv[1]; thr=sys.argv[2]
pats=[p.split('=',1) for p in sys.argv[3:]]
c=collections.Counter(); tot=0
for line in open(f):
    st,n=line.rsplit(' ',1); n=int(n)
    fr=st.split(';')
    if thr not in fr[0]: continue
    tot+=n
    lab='other'
    # deepest matching label wins by order in pats list (first listed = highest priority)
    for name,p in pats:
        if any(p in x for x in fr): lab=name; break
    c[lab]+=n
print('total',tot)
for k,v in c.most_common(): print('%6d %5.1f%% %s'%(v,100*v/tot,k))
