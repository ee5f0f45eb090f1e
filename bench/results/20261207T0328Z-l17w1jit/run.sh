#!/bin/bash
# Session 43: what the JIT compiles in Inkroom's measured W1 steps on Liberty 17 (1-5 % of a core there, the floor's
# 0.1-0.7 %). Inkroom alone, plain W1 3,000 x3, with a JFR recording of every compile and deoptimisation;
# ../20261206T2205Z-jit25deopt/deopts.py sums them per step and per method (summary.txt).
R=/work/main/bench/results
S=20261207T0328Z-l17w1jit
D=$R/$S
cd /tmp/b6
SERVER_JVM_OPTS="-XX:StartFlightRecording:jdk.Compilation#enabled=true,jdk.Compilation#threshold=0ms,jdk.Deoptimization#enabled=true,filename=$D/server.jfr" \
  ANCHORS=/work/shared/anchors STAMP=$S SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=1 \
  RATES_1=3000,3000,3000 MEASURE_UP_TO=3000 bash bench/run.sh > $D/console.txt 2>&1
cp /tmp/b6/bench/results/$S* $R/
python3 $R/20261206T2205Z-jit25deopt/deopts.py $D/server.jfr $D/console.txt > $D/summary.txt
gzip -f $D/server.jfr
echo done
