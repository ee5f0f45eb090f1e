#!/bin/bash
# Session 42: the committed build (a23e20c, pool turns of up to 1,024 frames) against its floor, Liberty 17 plain W1,
# in turns, every step measured. Two rounds.
R=/work/main/bench/results
S=${1:-20261207T0139Z-l17confirm}  # session 42 ran it again after CI with S=20261207T0211Z-l17confirm2
D=$R/$S
cd /tmp/b5
for r in 1 2; do
  ANCHORS=/work/shared/anchors STAMP=$S-r$r SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1 \
    RATES_1=3000,3500,4000 MEASURE_UP_TO=4000 bash bench/run.sh > $D/r$r.console.txt 2>&1
done
cp /tmp/b5/bench/results/$S* $R/
python3 /tmp/b5/bench/passes.py /tmp/b5/bench/results $S-r1 $S-r2 > $D/passes.md
python3 /tmp/b5/bench/cpu.py /tmp/b5/bench/results $S-r1 $S-r2 > $D/cpu.md
echo done
