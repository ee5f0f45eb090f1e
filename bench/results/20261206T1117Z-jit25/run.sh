#!/bin/bash
# Session 37: what Liberty 25's JIT compiles during Inkroom's measured W2 4,000 steps (5-8 % of a core, the floor's
# 0.5-0.7 %; 20261206T1107Z-l25prof). JFR's jdk.Compilation events (every compile, with its duration), build fae0a56.
R=/work/main/bench/results
S=20261206T1117Z-jit25  # (started at 11:14:48 UTC; the stamp was set ahead of the start)
D=$R/$S
(cd /tmp/j37 && SERVER_JVM_OPTS="-XX:StartFlightRecording:jdk.Compilation#enabled=true,jdk.Compilation#threshold=0ms,filename=$D/server.jfr" \
   ANCHORS=/work/shared/anchors STAMP=$S SERVERS=liberty25 APPS=inkroom CLIENTS=plain WORKLOADS=2 RATES_2=4000,4000,4000 \
   MEASURE_UP_TO=4000 SERVER_WARMUP_MAX=6 bash bench/run.sh > $D/console.log 2>&1)
cp /tmp/j37/bench/results/$S* $R/
echo done
