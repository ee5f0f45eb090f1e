#!/bin/bash
# Session 31: does pre-touching the heap take away Inkroom's box stalls and late bursts on this guest?
# Liberty 17, floor and Inkroom, plain W1 and W2, the server JVM with -Xms2g -XX:+AlwaysPreTouch, two runs;
# the same sitting's rounds without it (20261205T171238Z-r1, -r2) are the comparison.
set -u
while pgrep -f "bench/rounds.sh" > /dev/null; do sleep 5; done
export ANCHORS=/work/shared/anchors SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1,2 \
  RATES_1=2000,2500,3000 RATES_2=4000,5000 MEASURE_UP_TO=5000 SERVER_JVM_OPTS="-Xms2g -XX:+AlwaysPreTouch"
start=20261205T1830Z-pretouch
for n in 1 2; do
  echo "[pretouch $(date -u +%H:%M:%S)] run $n"
  (cd /tmp/r31 && STAMP=$start$n bash bench/run.sh)
done
cd /tmp/r31 && python3 bench/passes.py bench/results ${start}1 ${start}2 | tee bench/results/$start-passes.md
echo ALLDONE
