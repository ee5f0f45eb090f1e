#!/bin/bash
# Every 120 s: CPU time of one fixed piece of work (a Python loop, ~0.2 s on a fresh box).
# If the box slows as it ages, this rises; the same work, the same binary.
while true; do
  t=$(date -u +%H:%M:%S)
  up=$(awk '{printf "%d", $1}' /proc/uptime)
  cpu=$(python3 -c '
import time,resource
s=resource.getrusage(resource.RUSAGE_SELF).ru_utime
x=0
for i in range(2000000): x+=i*i%7
print(round((resource.getrusage(resource.RUSAGE_SELF).ru_utime-s)*1000))')
  echo "$t uptime_s=$up loop_cpu_ms=$cpu"
  sleep 120
done
