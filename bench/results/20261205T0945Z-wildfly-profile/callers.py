import sys, re, collections
# callers.py FILE threadRegex target depth
f,tre,target,depth=sys.argv[1],re.compile(sys.argv[2]),sys.argv[3],int(sys.argv[4])
c=collections.Counter(); tot=0
for line in open(f):
    stack,_,cnt=line.rstrip().rpartition(' ')
    cnt=int(cnt); fr=stack.split(';')
    if not tre.search(fr[0]): continue
    idx=[i for i,x in enumerate(fr) if target in x]
    if not idx: continue
    i=idx[-1]; tot+=cnt
    c[' < '.join(reversed(fr[max(1,i-depth):i]))]+=cnt
print('total', tot)
for k,v in c.most_common(12): print(v, k)
