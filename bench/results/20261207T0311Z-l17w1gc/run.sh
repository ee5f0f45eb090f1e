#!/bin/bash
# Session 43: why Inkroom's W1 fails at 3,000 where its floor passes. Its failures are one episode per step, about
# a second of late deliveries (late_slots). Liberty 17, plain W1 at 3,000 three times, in turns: floor, Inkroom (H2),
# Inkroom without a store; every server with GC and safepoint logging, to line the episodes up with pauses.
R=/work/main/bench/results
S=${1:-20261207T0311Z-l17w1gc}
D=$R/$S
mkdir -p /tmp/gclog/$S
LOG="-Xlog:gc,safepoint:file=/tmp/gclog/$S/%p.log:utctime,uptime"
cd /tmp/b6
for r in 1; do
  SERVER_JVM_OPTS="$LOG" ANCHORS=/work/shared/anchors STAMP=$S-r$r SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1 \
    RATES_1=3000,3000,3000 MEASURE_UP_TO=3000 bash bench/run.sh > $D/r$r.console.txt 2>&1
  SERVER_JVM_OPTS="$LOG" INKROOM_STORE=memory ANCHORS=/work/shared/anchors STAMP=$S-m$r SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=1 \
    RATES_1=3000,3000,3000 MEASURE_UP_TO=3000 bash bench/run.sh > $D/m$r.console.txt 2>&1
done
cp /tmp/b6/bench/results/$S* $R/
cp -r /tmp/gclog/$S $D/gclogs  # renamed afterwards by app: floor-<pid>.log, inkroom-h2-<pid>.log, inkroom-memory-<pid>.log
python3 /work/main/bench/passes.py /tmp/b6/bench/results $S-r1 $S-m1 > $D/passes.md
python3 /work/main/bench/cpu.py /tmp/b6/bench/results $S-r1 $S-m1=memory > $D/cpu.md
echo done
