"""Session 37: what the disk and the hypervisor do around the probe's gaps.
Every 5 ms, when something changed, writes "<epoch ms> <writes> <sectors written> <discards>
<flushes> <ms flushing> <steal ticks>" from /proc/diskstats (vda) and /proc/stat.
Usage: python3 iosample.py <out>"""
import sys, time
with open(sys.argv[1], "w", buffering=1) as out:
    last = None
    while True:
        with open("/proc/diskstats") as f:
            d = next(l.split() for l in f if l.split()[2] == "vda")
        with open("/proc/stat") as f:
            s = f.readline().split()
        cur = (d[7], d[9], d[14], d[18], d[19], s[8])
        if cur != last:
            out.write("%d %s\n" % (int(time.time() * 1000), " ".join(cur)))
            last = cur
        time.sleep(0.005)
