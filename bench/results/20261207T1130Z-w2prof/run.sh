#!/bin/bash
# Session 46: where Inkroom's W2 per-delivery gap over its floor goes on WildFly and Payara (session 45: 13-21 %).
# CPU profiles of the floor and Inkroom at W2 RATE x3 (plain clients, Java 17), async-profiler 4.1 (cpu, 1 ms, threads),
# 30 s from each app's first measured step.  [CLONE=/tmp/bnew] [RATE=4000] run.sh SERVER PID_PATTERN <stamp>
#   e.g. run.sh wildfly jboss-modules 20261207T1130Z-w2prof-wildfly ; run.sh payara payara-micro.jar 20261207T1130Z-w2prof-payara
R=/work/main/bench/results
SERVER=$1 PATTERN=$2 S=$3
D=$R/20261207T1130Z-w2prof/$SERVER
CLONE=${CLONE:-/tmp/bnew}
RATE=${RATE:-4000}
mkdir -p $D
(cd $CLONE && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
   SERVERS=$SERVER APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 RATES_2=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE \
   bash bench/run.sh > $D/console.txt 2>&1) &
bash $CLONE/bench/profile-watch.sh $D/console.txt $SERVER 2 "$PATTERN" $D floor inkroom
wait
cp $CLONE/bench/results/$S* $R/
gzip -f $D/*.collapsed
echo done
