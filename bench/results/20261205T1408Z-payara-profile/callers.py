import sys, collections
f, target = sys.argv[1], sys.argv[2]; depth = int(sys.argv[3]) if len(sys.argv) > 3 else 4
c = collections.Counter()
for line in open(f):
    stack, n = line.rstrip().rsplit(' ', 1); n = int(n)
    fr = stack.split(';')
    for i in range(len(fr)-1, -1, -1):
        if target in fr[i]:
            c[' <- '.join(x.split('/')[-1][:70] for x in fr[max(1,i-depth):i+1][::-1])] += n
            break
for k, n in c.most_common(12): print(n, k)
