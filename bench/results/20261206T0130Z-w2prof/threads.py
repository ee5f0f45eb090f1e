import sys,re,collections
# Samples per thread kind (numbers in thread names folded) of an async-profiler collapsed file with threads.
tot=0; g=collections.Counter()
for line in open(sys.argv[1]):
    st,n=line.rsplit(' ',1); n=int(n); tot+=n
    th=re.sub(r'tid=\d+','',st.split(';',1)[0]); th=re.sub(r'-?\d+','#',th)
    g[th]+=n
print('total',tot)
for k,v in g.most_common(8): print(v,k)
