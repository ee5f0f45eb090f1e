#!/bin/bash
# Session 42: Liberty 17 plain W1 in turns: the floor, Inkroom (pool writers hand a receiver on after 32 frames),
# and Inkroom whose pool writers drain a receiver's whole queue as the floor's do (-Dbench.burst=1000000, a patch
# in the /tmp/b4 clone only: SendPool.BURST = Integer.getInteger("bench.burst", 32)). Two rounds.
R=/work/main/bench/results
S=20261207T0033Z-l17w1burst
D=$R/$S
cd /tmp/b4
for r in 1 2; do
  ANCHORS=/work/shared/anchors STAMP=$S-r$r SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1 \
    RATES_1=4000,5000,6000 bash bench/run.sh > $D/r$r.console.txt 2>&1
  SERVER_JVM_OPTS="-Dbench.burst=1000000" ANCHORS=/work/shared/anchors STAMP=$S-d$r SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=1 \
    RATES_1=4000,5000,6000 bash bench/run.sh > $D/d$r.console.txt 2>&1
done
cp /tmp/b4/bench/results/$S* $R/
python3 /work/main/bench/passes.py /tmp/b4/bench/results $S-r1 $S-d1 $S-r2 $S-d2 > $D/passes.md
python3 /work/main/bench/cpu.py /tmp/b4/bench/results $S-r1 $S-d1=drainall $S-r2 $S-d2=drainall > $D/cpu.md
echo done
