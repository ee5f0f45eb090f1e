#!/bin/bash
# Session 42: the pool writers' turn: 32 frames then the receiver goes to the back of the writers' queue
# (SendPool.BURST, since a3e2735, never measured against the alternative), or the whole queue as the floor's
# writers do (-Dbench.burst=1000000; a patch in the /tmp/b4 clone only: BURST = Integer.getInteger("bench.burst", 32)).
# Liberty 17 (README default), plain clients, W1 and W2, every step measured; per round the floor and Inkroom
# (burst 32), then Inkroom draining whole queues. Two rounds. The bench here has the box yardstick (box_work_*).
R=/work/main/bench/results
S=20261207T0105Z-l17drain
D=$R/$S
cd /tmp/b4
for r in 1 2; do
  ANCHORS=/work/shared/anchors STAMP=$S-r$r SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1,2 \
    RATES_1=3000,3500,4000 RATES_2=5000,7000,9000 MEASURE_UP_TO=9000 bash bench/run.sh > $D/r$r.console.txt 2>&1
  SERVER_JVM_OPTS="-Dbench.burst=1000000" ANCHORS=/work/shared/anchors STAMP=$S-d$r SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
    WORKLOADS=1,2 RATES_1=3000,3500,4000 RATES_2=5000,7000,9000 MEASURE_UP_TO=9000 bash bench/run.sh > $D/d$r.console.txt 2>&1
done
cp /tmp/b4/bench/results/$S* $R/
python3 /tmp/b4/bench/passes.py /tmp/b4/bench/results $S-r1 $S-d1 $S-r2 $S-d2 > $D/passes.md
python3 /tmp/b4/bench/cpu.py /tmp/b4/bench/results $S-r1 $S-d1=drainall $S-r2 $S-d2=drainall > $D/cpu.md
echo done
