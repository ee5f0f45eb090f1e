#!/bin/bash
# Two rounds on Payara Micro, plain W1: the build before session 30 (30973ce) and after (2821abc), floor and Inkroom each, in turn.
set -u
export ANCHORS=/work/shared/anchors SERVERS=payara CLIENTS=plain WORKLOADS=1 RATES_1=1000,1500,2000,2500,3000 MEASURE_UP_TO=3000 APPS="floor inkroom"
start=20261205T142501Z
for n in 1 2; do
  echo "[ab $(date -u +%H:%M:%S)] round $n: before (30973ce)"
  (cd /tmp/old && STAMP=$start-before$n bash bench/run.sh)
  echo "[ab $(date -u +%H:%M:%S)] round $n: after (2821abc)"
  (cd /tmp/new && STAMP=$start-after$n bash bench/run.sh)
done
cp /tmp/old/bench/results/$start-* /tmp/new/bench/results/
cd /tmp/new
python3 bench/passes.py bench/results $start-before1 $start-before2 | tee bench/results/$start-passes-before.md
python3 bench/passes.py bench/results $start-after1 $start-after2 | tee bench/results/$start-passes-after.md
echo ALLDONE
