#!/bin/bash
# Session 47: a draw's decode without JSON-B's binding (DrawFrames) and the colour checked by hand, profiled.
# W2 (200 rooms x 10, plain clients, Java 17) at RATE x3, Inkroom before (/tmp/bold) and after (/tmp/bnew),
# async-profiler 4.1 (cpu, 1 ms, threads), 30 s from each build's first measured step.
#   [RATE=4000] run.sh SERVER PID_PATTERN   e.g. run.sh wildfly jboss-modules ; run.sh payara payara-micro.jar
R=/work/main/bench/results
SERVER=$1 PATTERN=$2
RATE=${RATE:-4000}
D=$R/20261207T1500Z-decodeprof/$SERVER
mkdir -p $D
for build in before after; do
  clone=/tmp/bold; [ $build = after ] && clone=/tmp/bnew
  S=20261207T1500Z-decodeprof-$SERVER-$build
  (cd $clone && SERVER_JVM_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" ANCHORS=/work/shared/anchors STAMP=$S \
     SERVERS=$SERVER APPS="inkroom" CLIENTS=plain WORKLOADS=2 RATES_2=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE \
     bash bench/run.sh > $D/$build.console.txt 2>&1) &
  mkdir -p $D/$build
  bash $clone/bench/profile-watch.sh $D/$build.console.txt $SERVER 2 "$PATTERN" $D/$build inkroom
  wait
  cp $clone/bench/results/$S* $R/
  gzip -f $D/$build/*.collapsed
done
echo done
