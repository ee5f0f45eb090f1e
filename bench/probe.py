"""Stall probe: was it the machine? (bench/run.sh starts it; BENCHMARKS.md, session 25)

A real-time thread (SCHED_FIFO, so no server, client or build on this box can delay it) sleeps
1 ms at a time and writes every wake-up that came more than 10 ms late as "<epoch ms> <gap ms>".
A gap here means the whole guest did not run (the hypervisor took its vCPUs, or the kernel held
them); a late burst in a step with no gap here happened inside a process. The bench attaches the
gaps that fall in each step to its row (box_gaps).
On the box of session 37 what stalls the guest is its own DAMON (kdamond.0, scheme "pageout", a
sample every 500 ms) while a process keeps writing a file, as the embedded store does: with DAMON off
for a run the gaps went (BENCHMARKS.md, session 37). `cat /sys/kernel/mm/damon/admin/kdamonds/*/state`
says whether a machine runs it.
Usage: python3 probe.py <file>   (under chrt -f; without real-time priority it says so and stops)
"""
import os
import sys
import time

try:
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
except (PermissionError, AttributeError, OSError) as e:
    sys.stderr.write("probe: no real-time priority (%s); not probing\n" % e)
    sys.exit(0)

with open(sys.argv[1], "a", buffering=1) as out:
    out.write("# probe started %d\n" % int(time.time() * 1000))
    prev = time.monotonic()
    while True:
        time.sleep(0.001)
        now = time.monotonic()
        gap_ms = (now - prev) * 1000
        prev = now
        if gap_ms > 10:
            out.write("%d %.1f\n" % (int(time.time() * 1000), gap_ms))
