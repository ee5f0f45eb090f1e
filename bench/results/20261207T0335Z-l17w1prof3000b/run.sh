#!/bin/bash
# Session 43: the profile of 20261207T0321Z-l17w1prof3000 again, Inkroom alone, with f3a5f44 (the draw envelope
# written by hand, the pool's progress counter striped): Liberty 17, plain W1 3,000 x3, async-profiler 4.1 (cpu,
# 1 ms, threads), 30 s from the first measured step.
R=/work/main/bench/results
S=20261207T0335Z-l17w1prof3000b
D=$R/$S
(cd /tmp/b7 && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=1 RATES_1=3000,3000,3000 MEASURE_UP_TO=3000 \
   bash bench/run.sh > $D/console.txt 2>&1) &
bash /tmp/b7/bench/profile-watch.sh $D/console.txt liberty17 1 "ws-server.jar" $D inkroom
wait
cp /tmp/b7/bench/results/$S* $R/
gzip -f $D/*.collapsed
echo done
