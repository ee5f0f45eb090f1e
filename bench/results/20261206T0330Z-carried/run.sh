#!/bin/bash
# Liberty 17, plain W2 at 6,000 x3: after a W1 and a W2 series on the same server (carried) and on a
# fresh server (fresh), GC logs on. Build: /tmp/hl34 (9bef6a6, same src as main's 36b01eb).
R=/work/main/bench/results
S=20261206T0330Z
run() { # stamp workloads rates1 rates2
  local s=$1
  mkdir -p $R/$s
  (cd /tmp/hl34 && ANCHORS=/work/shared/anchors STAMP=$s SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=$2 \
     RATES_1=$3 RATES_2=$4 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=6 \
     SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1)
  gzip $R/$s/gc-*.log
  cp /tmp/hl34/bench/results/$s* $R/ 2>/dev/null
}
run $S-carried 1,2 2000,2500,3000 2000,3000,4000,5000,6000,6000,6000
run $S-fresh 2 2000 6000,6000,6000
echo done > /tmp/carry/DONE
