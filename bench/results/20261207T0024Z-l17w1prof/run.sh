#!/bin/bash
# Session 42: why the README default (Liberty 17) plain W1 fails 5,000 while its floor passes 7,000 (session 41, 20261206T2340Z-l17turns).
# CPU profiles of the floor and Inkroom at W1 5,000 x3, async-profiler 4.1 (cpu, 1 ms, threads), 30 s from each app's first measured step.
# Session 43 ran it again with other values: [CLONE=...] [RATE=...] [APPS="..."] run.sh <stamp> (defaults: session 42's run).
R=/work/main/bench/results
S=${1:-20261207T0024Z-l17w1prof}
D=$R/$S
CLONE=${CLONE:-/tmp/b3}
RATE=${RATE:-5000}
APPS=${APPS:-floor inkroom}
mkdir -p $D
(cd $CLONE && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=liberty17 APPS="$APPS" CLIENTS=plain WORKLOADS=1 RATES_1=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE \
   bash bench/run.sh > $D/console.txt 2>&1) &
bash $CLONE/bench/profile-watch.sh $D/console.txt liberty17 1 "ws-server.jar" $D $APPS
wait
cp $CLONE/bench/results/$S* $R/
gzip -f $D/*.collapsed  # session 42 compressed its two by hand
echo done
