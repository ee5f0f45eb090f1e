import sys, re, collections
f = sys.argv[1]
by_thread = collections.Counter(); self_ = collections.Counter(); incl = collections.Counter(); total = 0
grp = lambda t: re.sub(r'[\s-]*\d+.*$', '', re.sub(r' tid=\d+\]$', '', t.strip('[')))
filt = sys.argv[2] if len(sys.argv) > 2 else None
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n)
    frames = stack.split(';')
    t = grp(frames[0])
    by_thread[t] += n; total += n
    if filt and filt not in frames[0]: continue
    self_[frames[-1]] += n
    for fr in set(frames[1:]): incl[fr] += n
print('total', total)
for t, n in by_thread.most_common(15): print(f'{n:7d} {100*n/total:5.1f}% {t}')
print('--- self')
for t, n in self_.most_common(int(sys.argv[3]) if len(sys.argv) > 3 else 40): print(f'{n:7d} {t[:150]}')
