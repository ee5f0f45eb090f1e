#!/bin/bash
# Session 42: why the README default (Liberty 17) plain W1 fails 5,000 while its floor passes 7,000 (session 41, 20261206T2340Z-l17turns).
# CPU profiles of the floor and Inkroom at W1 5,000 x3, async-profiler 4.1 (cpu, 1 ms, threads), 30 s from each app's first measured step.
R=/work/main/bench/results
S=20261207T0024Z-l17w1prof
D=$R/$S
(cd /tmp/b3 && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1 RATES_1=5000,5000,5000 MEASURE_UP_TO=5000 \
   bash bench/run.sh > $D/console.txt 2>&1) &
bash /tmp/b3/bench/profile-watch.sh $D/console.txt liberty17 1 "ws-server.jar" $D floor inkroom
wait
cp /tmp/b3/bench/results/$S* $R/
echo done
