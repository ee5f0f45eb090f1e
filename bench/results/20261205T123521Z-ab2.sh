#!/bin/bash
# Two rounds: WildFly floor + Inkroom (inkroom.undertow.dispatch=io, the default) then Inkroom with
# inkroom.undertow.dispatch=worker, in turn.
set -u
cd /tmp/hn
export ANCHORS=/work/shared/anchors SERVERS=wildfly CLIENTS=plain WORKLOADS=1,2 RATES_1=3000,3500,4000,4500 RATES_2=6000,8000,10000,12000,14000 MEASURE_UP_TO=14000
start=$(date -u +%Y%m%dT%H%M%SZ)
echo "start=$start"
for n in 1 2; do
  echo "[ab2 $(date -u +%H:%M:%S)] round $n: floor + inkroom (io)"
  STAMP=$start-r$n APPS="floor inkroom" bash bench/run.sh
  echo "[ab2 $(date -u +%H:%M:%S)] round $n: inkroom (worker)"
  STAMP=$start-w$n APPS="inkroom" INKROOM_UNDERTOW_DISPATCH=worker bash bench/run.sh
done
python3 bench/passes.py bench/results $start-r1 $start-r2 | tee bench/results/$start-passes-io.md
python3 bench/passes.py bench/results $start-w1 $start-w2 | tee bench/results/$start-passes-worker.md
echo ALLDONE
