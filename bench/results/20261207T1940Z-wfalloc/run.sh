#!/bin/bash
# Session 48: where each allocates, floor and Inkroom, WildFly W2 (200 rooms x 10, plain clients, Java 17) at RATE x3
# measured, async-profiler 4.1 event=alloc (samples, not live) for 30 s from each app's first measured step, build /tmp/b48.
#   [RATE=2000] run.sh
D=/work/main/bench/results/20261207T1940Z-wfalloc
RATE=${RATE:-2000}
S=20261207T1940Z-wfalloc-wildfly
(cd /tmp/b48 && ANCHORS=/work/shared/anchors STAMP=$S SERVERS=wildfly APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 \
   RATES_2=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE bash bench/run.sh > $D/console.txt 2>&1) &
PROFILE_EVENT="event=alloc" bash /tmp/b48/bench/profile-watch.sh $D/console.txt wildfly 2 jboss-modules $D floor inkroom
wait
cp /tmp/b48/bench/results/$S* $D/
gzip -f $D/*.collapsed
echo done
