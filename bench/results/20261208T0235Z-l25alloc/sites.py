"""Allocation samples (async-profiler collapsed, event=alloc) by site: the Inkroom/floor frame nearest the
allocation (else the nearest frame of a few known kinds), with the allocated class.  sites.py FILE [N]"""
import sys, collections
f = sys.argv[1]; N = int(sys.argv[2]) if len(sys.argv) > 2 else 40
by = collections.Counter(); kinds = collections.Counter(); total = 0
for line in open(f):
    stack, _, n = line.rstrip().rpartition(' ')
    n = int(n); total += n
    frames = stack.split(';')
    cls = frames[-1]
    site = None
    for fr in reversed(frames[:-1]):
        if fr.startswith('org/inkroom/') or fr.startswith('org.inkroom.'):
            site = fr; break
    if site is None:
        for fr in reversed(frames[:-1]):
            if 'VirtualThread' in fr or 'Continuation' in fr or 'StackChunk' in fr:
                site = 'vthread: ' + fr; break
    if site is None:
        site = 'other: ' + (frames[-2] if len(frames) > 1 else '?')
    by[(site, cls)] += n
    k = ('inkroom' if site.startswith('org') else site.split(':')[0])
    kinds[k] += n
print(f, total, 'samples;', ', '.join('%s %d (%.1f%%)' % (k, v, 100 * v / total) for k, v in kinds.most_common()))
for (s, c), n in by.most_common(N):
    print('%6d %5.1f%%  %s  <- %s' % (n, 100 * n / total, c, s))
