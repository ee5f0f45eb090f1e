#!/bin/bash
# Session 41: the embedded store's commit interval, 50 ms (the default) against 100 ms, taking turns: Inkroom
# on Liberty 25, W2 at 3,000 and 4,000, every step measured, three rounds. Read with bench/cpu.py.
R=/work/main/bench/results
S=20261206T2240Z-commit100
D=$R/$S
cd /tmp/b3
for r in 1 2 3; do
  for ms in 50 100; do
    SERVER_JVM_OPTS="-Dinkroom.store.commit.interval.ms=$ms" ANCHORS=/work/shared/anchors STAMP=$S-r$r-c$ms SERVERS=liberty25 \
      APPS=inkroom CLIENTS=plain WORKLOADS=2 RATES_2=3000,4000 MEASURE_UP_TO=4000 bash bench/run.sh > $D/r$r-c$ms.console.txt 2>&1
  done
done
cp /tmp/b3/bench/results/$S* $R/
echo done
