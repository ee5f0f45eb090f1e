#!/bin/bash
# Session 43: where Inkroom's extra CPU goes at W1 3,000 on Liberty 17 (the rate it fails and its floor passes, both in
# steady state, unlike session 42's 5,000 profile taken in a backlog). async-profiler 4.1 (cpu, 1 ms, threads), 30 s
# from each app's first measured step; the floor, then Inkroom with its default store (H2).
R=/work/main/bench/results
S=20261207T0321Z-l17w1prof3000
D=$R/$S
(cd /tmp/b6 && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=liberty17 APPS="floor inkroom" CLIENTS=plain WORKLOADS=1 RATES_1=3000,3000,3000 MEASURE_UP_TO=3000 \
   bash bench/run.sh > $D/console.txt 2>&1) &
bash /tmp/b6/bench/profile-watch.sh $D/console.txt liberty17 1 "ws-server.jar" $D floor inkroom
wait
cp /tmp/b6/bench/results/$S* $R/
gzip -f $D/*.collapsed
echo done
