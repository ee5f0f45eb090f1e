#!/bin/bash
# Session 33: the compact canvas (1ebfa27, in /tmp/a33) against the build before it (3426174, in
# /tmp/b33), taking turns; Liberty 17 W1+W2 and WildFly W2, plain clients, with GC logs.
R=/work/main/bench/results
S=20261205T2240Z
run() { # dir stamp server extra-env...
  local dir=$1 s=$2 server=$3; shift 3
  mkdir -p $R/$s
  (cd $dir && env "$@" ANCHORS=/work/shared/anchors STAMP=$s SERVERS=$server APPS=inkroom CLIENTS=plain \
     SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1)
  gzip $R/$s/gc-*.log
  cp $dir/bench/results/$s* $R/ 2>/dev/null
}
for i in 1 2; do
  run /tmp/b33 $S-before-$i liberty17 WORKLOADS=1,2 RATES_1=2000,2500,3000 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
  run /tmp/a33 $S-after-$i  liberty17 WORKLOADS=1,2 RATES_1=2000,2500,3000 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
  run /tmp/b33 $S-wfbefore-$i wildfly WORKLOADS=2 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
  run /tmp/a33 $S-wfafter-$i  wildfly WORKLOADS=2 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
done
echo done
