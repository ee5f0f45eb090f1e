#!/bin/bash
# Session 41: the README default (Liberty 17) against its floor and the seed, plain clients, in turns: per round
# the floor, Inkroom (H2 store) and the seed on W1 and W2, then Inkroom with INKROOM_STORE=memory on W2 (stamps -m1, -m2). Two rounds.
# Read with bench/passes.py and bench/cpu.py.
R=/work/main/bench/results
S=20261206T2340Z-l17turns
D=$R/$S
cd /tmp/b3
for r in 1 2; do
  ANCHORS=/work/shared/anchors STAMP=$S-r$r SERVERS="liberty17 seed" APPS="floor inkroom" CLIENTS=plain WORKLOADS=1,2 \
    RATES_1=5000,7000,9000 RATES_2=9000,11000,13000 MEASURE_UP_TO=13000 bash bench/run.sh > $D/r$r.console.txt 2>&1
  INKROOM_STORE=memory ANCHORS=/work/shared/anchors STAMP=$S-m$r SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
    WORKLOADS=2 RATES_2=9000,11000,13000 MEASURE_UP_TO=13000 bash bench/run.sh > $D/m$r.console.txt 2>&1
done
cp /tmp/b3/bench/results/$S* $R/
python3 /tmp/b3/bench/passes.py /tmp/b3/bench/results $S-r1 $S-r2 > $D/passes.md
python3 /work/main/bench/cpu.py /tmp/b3/bench/results $S-r1 $S-m1=memory $S-r2 $S-m2=memory > $D/cpu.md
echo done
