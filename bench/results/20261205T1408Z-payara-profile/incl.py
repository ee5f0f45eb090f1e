import sys, collections
files = sys.argv[1:3]; targets = sys.argv[3:]
for f in files:
    c = collections.Counter(); total = 0
    for line in open(f):
        stack, n = line.rstrip().rsplit(' ', 1); n = int(n); total += n
        for t in targets:
            if t in stack: c[t] += n
    print(f, total)
    for t in targets: print(f'  {c[t]:7d} {100*c[t]/total:5.1f}% {t}')
