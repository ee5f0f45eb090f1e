import sys,collections
f=sys.argv[1]; thr=sys.argv[2]; anchor=sys.argv[3]; levels=int(sys.argv[4]); minn=int(sys.argv[5])
tree={}
tot=0
for line in open(f):
    st,n=line.rsplit(' ',1); n=int(n)
    fr=st.split(';')
    if thr not in fr[0]: continue
    idx=[i for i,x in enumerate(fr) if anchor in x]
    if not idx: continue
    i=idx[0]; tot+=n
    node=tree
    for x in fr[i+1:i+1+levels]:
        e=node.setdefault(x,[0,{}]); e[0]+=n; node=e[1]
def pr(node,d):
    for k,(v,ch) in sorted(node.items(),key=lambda kv:-kv[1][0]):
        if v<minn: continue
        print('%6d %s%s'%(v,'  '*d,k[:120])); pr(ch,d+1)
print('total',tot); pr(tree,0)
