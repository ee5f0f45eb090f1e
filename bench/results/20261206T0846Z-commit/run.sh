#!/bin/bash
# Session 36: do the box stalls in Inkroom's W2 steps follow the store's commits? Inkroom W2 at 6,000 x3
# with the default commit interval (50 ms), then with 200 ms (-Dinkroom.store.commit.interval.ms=200),
# build 0843e8c (in /tmp/j36).
R=/work/main/bench/results
S=20261206T0846Z
for ms in 50 200; do
  (cd /tmp/j36 && SERVER_JVM_OPTS="-Dinkroom.store.commit.interval.ms=$ms" ANCHORS=/work/shared/anchors STAMP=$S-commit$ms \
     SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=2 RATES_2=6000,6000,6000 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=6 \
     bash bench/run.sh > $R/$S-commit/commit$ms.console.log 2>&1)
  cp /tmp/j36/bench/results/$S-commit$ms* $R/
done
echo done
