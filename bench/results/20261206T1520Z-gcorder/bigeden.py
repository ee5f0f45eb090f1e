# Session 39: young pauses that emptied more than 150 eden regions, per G1 log (.gz allowed). Usage: bigeden.py GC_LOG...
import re,sys,gzip
for D in sys.argv[1:]:
    op=gzip.open if D.endswith('.gz') else open
    eden={}; n=0; big=[]
    for line in op(D,'rt'):
        m=re.search(r'GC\((\d+)\) Eden regions: (\d+)->0\((\d+)\)',line)
        if m: eden[m.group(1)]=(int(m.group(2)),int(m.group(3)))
        m=re.search(r'^(\S+).* GC\((\d+)\) Pause (Young \(\S+\)).* (\d+)M->(\d+)M\((\d+)M\) ([\d.]+)ms',line)
        if m:
            t,g,kind,a,b,c,ms=m.groups(); n+=1
            e=eden.get(g,(0,0))
            if e[0]>150: big.append((t,kind,c,ms,e))
    print(D,'young pauses',n,'with eden>150 regions:',len(big))
    for x in big[:8]: print('  ',x)
