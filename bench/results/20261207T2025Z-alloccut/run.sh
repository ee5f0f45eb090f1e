#!/bin/bash
# Session 49: the allocation cuts (eb9b016 protocol, e49816e store; build in /tmp/bnew) against the build
# before them (b30c345, in /tmp/bold) and the floor, WildFly W2 (200 rooms x 10, plain clients, Java 17)
# at RATE x3 measured, each with async-profiler 4.1 event=alloc for 30 s from its first measured step
# and G1's log (young collections and eden per delivery: ../20261207T1912Z-round2/allocrate.py).
#   [RATE=2000] run.sh
D=/work/main/bench/results/20261207T2025Z-alloccut
RATE=${RATE:-2000}
S=20261207T2025Z-alloccut
mkdir -p /tmp/b49gc
one() { # clone label apps...
  local clone=$1 label=$2; shift 2
  mkdir -p $D/$label
  (cd $clone && ANCHORS=/work/shared/anchors STAMP=$S-$label SERVERS=wildfly APPS="$*" CLIENTS=plain WORKLOADS=2 \
     RATES_2=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE SERVER_JVM_OPTS="-Xlog:gc*:file=/tmp/b49gc/$label-gc-%p.log:time" \
     bash bench/run.sh > $D/$label/console.txt 2>&1) &
  PROFILE_EVENT="event=alloc" bash /tmp/bnew/bench/profile-watch.sh $D/$label/console.txt wildfly 2 jboss-modules $D/$label "$@"
  wait
  cp $clone/bench/results/$S-$label* $D/$label/
}
one /tmp/bnew new floor inkroom
one /tmp/bold old inkroom
gzip -f $D/*/*.collapsed
echo done
