#!/bin/bash
# Session 37: why Inkroom needs 1.3x its floor's server CPU per delivery at W2 4,000-5,000 on Liberty 25 (rounds
# 20261206T095543Z-r1/-r2b), against 1.03-1.08x in session 35's full-box steps. CPU profiles of the floor and Inkroom,
# W2 4,000 x3, async-profiler 4.1 (cpu, 1 ms, threads) for 30 s from each app's first measured step. Build fae0a56.
R=/work/main/bench/results
S=$1
D=$R/20261206T1107Z-l25prof
(cd /tmp/j37 && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=liberty25 APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 RATES_2=4000,4000,4000 MEASURE_UP_TO=4000 SERVER_WARMUP_MAX=6 \
   bash bench/run.sh > $D/$S.console.log 2>&1) &
bash /tmp/j37/bench/profile-watch.sh $D/$S.console.log liberty25 2 "ws-server.jar" $D floor inkroom
wait
cp /tmp/j37/bench/results/$S* $R/
echo done
