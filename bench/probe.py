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

The box's yardstick: every 250 ms the same thread also runs a fixed piece of pure-Python integer
arithmetic (WORK_LOOPS turns; about 1.4 ms on the 2-vCPU box it was written on) and writes
"s <epoch ms> <wall us> <thread-cpu us>" (perf_counter_ns and thread_time_ns around it). Nothing in
the guest preempts the thread, so the wall time says how fast the vCPU runs right now, hypervisor steal
included, and the thread CPU time the same without the steal. The guest's speed moves by up to a third
within minutes (the host's other tenants); the bench gives each step the medians of the samples in its
window (box_work_wall_us, box_work_cpu_us) to hold CPU-per-delivery figures of different minutes
against (bench/cpu.py). The work's own CPU time is taken off the interval it falls in, so the gaps
mean what they did (a stall during the work still counts). The work costs about 0.6 % of a core, on
top of the 1 ms wake-ups' own (about 2.5 %).
Lines starting with "#" are comments; a gap line has two fields, a sample line four.
Usage: python3 probe.py <file>   (under chrt -f; without real-time priority it says so and stops)
"""
import os
import sys
import time

WORK_EVERY_S = 0.25
WORK_LOOPS = 15000  # never change it: samples of different runs are compared


def work():
    x = 0
    for i in range(WORK_LOOPS):
        x = (x * 31 + i) & 0xFFFFFFFF
    return x


try:
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(50))
except (PermissionError, AttributeError, OSError) as e:
    sys.stderr.write("probe: no real-time priority (%s); not probing\n" % e)
    sys.exit(0)

with open(sys.argv[1], "a", buffering=1) as out:
    out.write("# probe started %d\n" % int(time.time() * 1000))
    out.write("# yardstick: %d loops every %d ms\n" % (WORK_LOOPS, round(WORK_EVERY_S * 1000)))
    prev = time.monotonic()
    next_work = prev + WORK_EVERY_S
    work_s = 0.0  # the probe's own CPU time for the work since the last wake-up
    while True:
        time.sleep(0.001)
        now = time.monotonic()
        gap_ms = (now - prev - work_s) * 1000
        prev = now
        work_s = 0.0
        if gap_ms > 10:
            out.write("%d %.1f\n" % (int(time.time() * 1000), gap_ms))
        if now >= next_work:
            next_work += WORK_EVERY_S
            if next_work < now:  # behind (a long stall): start the 250 ms afresh
                next_work = now + WORK_EVERY_S
            at = int(time.time() * 1000)
            w0 = time.perf_counter_ns()
            c0 = time.thread_time_ns()
            work()
            c1 = time.thread_time_ns()
            w1 = time.perf_counter_ns()
            work_s = (c1 - c0) / 1e9
            out.write("s %d %d %d\n" % (at, (w1 - w0) // 1000, (c1 - c0) // 1000))
