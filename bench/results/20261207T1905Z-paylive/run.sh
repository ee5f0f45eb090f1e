#!/bin/bash
# Session 48: which allocations are still alive after 30 s of W2 on Payara Micro (200 rooms x 10, plain clients,
# Java 17, RATE x3 measured), async-profiler 4.1 "alloc,live" from the first measured step, build /tmp/b48.
#   [RATE=2000] run.sh
R=/work/main/bench/results
D=$R/20261207T1905Z-paylive
RATE=${RATE:-2000}
S=20261207T1905Z-paylive-payara
(cd /tmp/b48 && ANCHORS=/work/shared/anchors STAMP=$S SERVERS=payara APPS="inkroom" CLIENTS=plain WORKLOADS=2 \
   RATES_2=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE bash bench/run.sh > $D/console.txt 2>&1) &
PROFILE_EVENT="event=alloc,live" bash /tmp/b48/bench/profile-watch.sh $D/console.txt payara 2 payara-micro.jar $D inkroom
wait
cp /tmp/b48/bench/results/$S* $D/
gzip -f $D/*.collapsed
echo done
