#!/bin/bash
# Session 37: where do Inkroom's young pauses (p50 30-35 ms, p90 67-83 ms at W2 6,000 against a 20 ms goal) go,
# with the H2 store and with none? Detailed GC log (phases, heap regions, ages); DAMON as the machine has it (on).
R=/work/main/bench/results
D=$R/20261206T0923Z-stall
S=$1
for store in ${STORES:-jdbc memory}; do
  (cd /tmp/j37 && INKROOM_STORE=$store SERVER_JVM_OPTS="-Xlog:gc*=debug,gc+age=trace:file=$D/$S-$store.gc.log:time" ANCHORS=/work/shared/anchors STAMP=$S-$store SERVERS=liberty17 APPS=${APP:-inkroom} CLIENTS=plain \
     WORKLOADS=2 RATES_2=6000,6000,6000 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=6 bash bench/run.sh > $D/$S-$store.console.log 2>&1)
  cp /tmp/j37/bench/results/$S-$store* $R/
done
echo done
