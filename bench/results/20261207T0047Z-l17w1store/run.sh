#!/bin/bash
# Session 42: Liberty 17 (README default) plain W1 in turns, every step measured: the floor, Inkroom (embedded H2
# store) and Inkroom with INKROOM_STORE=memory. Does the store set W1's gap to the floor, as it does W2's? Two rounds.
R=/work/main/bench/results
S=20261207T0047Z-l17w1store
D=$R/$S
cd /tmp/b3
for r in 1 2; do
  ANCHORS=/work/shared/anchors STAMP=$S-r$r SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1 \
    RATES_1=3000,3500,4000,4500,5000 MEASURE_UP_TO=5000 bash bench/run.sh > $D/r$r.console.txt 2>&1
  INKROOM_STORE=memory ANCHORS=/work/shared/anchors STAMP=$S-m$r SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=1 \
    RATES_1=3000,3500,4000,4500,5000 MEASURE_UP_TO=5000 bash bench/run.sh > $D/m$r.console.txt 2>&1
done
cp /tmp/b3/bench/results/$S* $R/
python3 /work/main/bench/passes.py /tmp/b3/bench/results $S-r1 $S-m1 $S-r2 $S-m2 > $D/passes.md
python3 /work/main/bench/cpu.py /tmp/b3/bench/results $S-r1 $S-m1=memory $S-r2 $S-m2=memory > $D/cpu.md
echo done
