#!/bin/bash
# Session 38: where Inkroom's extra CPU per delivery goes at W2 on the Intel guest, where every floor passed
# 12,000 and Inkroom stopped at 6,000-10,000 (20261206T1310Z-headline). Liberty 17 (README default), floor and
# Inkroom, W2 8,000 x3, async-profiler 4.1 (cpu, 1 ms, threads) for 30 s from each app's first measured step.
# Build da54551. Usage: run.sh STAMP DIR
S=$1 D=$2
(cd /tmp/b38b && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 RATES_2=8000,8000,8000 MEASURE_UP_TO=8000 \
   bash bench/run.sh > $D/$S.console.log 2>&1) &
bash /tmp/b38b/bench/profile-watch.sh $D/$S.console.log liberty17 2 "ws-server.jar" $D floor inkroom
wait
cp /tmp/b38b/bench/results/$S* $D/
echo done
