#!/bin/bash
# W2 only, before (3426174, /tmp/b33) and the packed table (387bdd0, /tmp/p33) taking turns:
# Liberty 17 twice each, WildFly once each, 4,000 x3, plain clients, GC logs.
R=/work/main/bench/results
S=20261205T2240Z
run() { # dir stamp server
  local dir=$1 s=$2 server=$3
  mkdir -p $R/$s
  (cd $dir && ANCHORS=/work/shared/anchors STAMP=$s SERVERS=$server APPS=inkroom CLIENTS=plain WORKLOADS=2 \
     RATES_2=4000,4000,4000 MEASURE_UP_TO=5000 \
     SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1)
  gzip $R/$s/gc-*.log
  cp $dir/bench/results/$s* $R/ 2>/dev/null
}
for i in 1 2; do
  run /tmp/b33 $S-w2before-$i liberty17
  run /tmp/p33 $S-w2packed-$i liberty17
done
run /tmp/b33 $S-w2wfbefore-1 wildfly
run /tmp/p33 $S-w2wfpacked-1 wildfly
echo done
