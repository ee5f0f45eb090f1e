#!/bin/bash
# Session 37: line up the probe's gaps with GC pauses (-Xlog:gc, wall-clock), disk writes/flushes/discards and
# steal time (iosample.py). Inkroom alone, W2 6,000 x3, the H2 store (default), build fae0a56 (in /tmp/j37).
R=/work/main/bench/results
S=20261206T0923Z
D=$R/$S-stall
# (the sampler here was block-buffered and killed by SIGTERM: its io.txt came out empty and was removed; damon.sh has the fixed one)
python3 $D/iosample.py $D/io.txt & io=$!
(cd /tmp/j37 && SERVER_JVM_OPTS="-Xlog:gc:file=$D/gc.log:time" ANCHORS=/work/shared/anchors STAMP=$S-h2 SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
   WORKLOADS=2 RATES_2=6000,6000,6000 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=6 bash bench/run.sh > $D/h2.console.log 2>&1)
kill $io
cp /tmp/j37/bench/results/$S-h2* $R/
echo done
