import sys, re, collections
# coll.py FILE [threadRegex] [N] [focus-substring]: samples by thread group; for matching threads, self and inclusive tops
f=sys.argv[1]; tre=re.compile(sys.argv[2]) if len(sys.argv)>2 else None
n=int(sys.argv[3]) if len(sys.argv)>3 else 30
focus=sys.argv[4] if len(sys.argv)>4 else None
groups=collections.Counter(); selfc=collections.Counter(); incl=collections.Counter(); tot=0
for line in open(f):
    stack,_,cnt=line.rstrip().rpartition(' ')
    cnt=int(cnt); frames=stack.split(';')
    th=frames[0]
    g=re.sub(r'\d+','N',re.sub(r' tid=\d+\]','',th))
    groups[g]+=cnt
    if tre and tre.search(th):
        fr=frames[1:]
        if focus:
            idx=[i for i,x in enumerate(fr) if focus in x]
            if not idx: continue
            fr=fr[idx[0]:]
        tot+=cnt
        selfc[fr[-1]]+=cnt
        for x in set(fr): incl[x]+=cnt
print('thread groups:'); 
for g,c in groups.most_common(15): print(f'{c:8d} {g}')
if tre:
    print('matching samples', tot)
    print('== self'); 
    for k,c in selfc.most_common(n): print(f'{c:7d} {100*c/tot:5.1f}% {k}')
    print('== inclusive')
    for k,c in incl.most_common(2*n): print(f'{c:7d} {100*c/tot:5.1f}% {k}')
