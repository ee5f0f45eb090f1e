#!/bin/bash
R=/work/main/bench/results
run() { # dir stamp extra-env...
  local dir=$1 s=$2; shift 2
  mkdir -p $R/$s
  (cd $dir && env "$@" ANCHORS=/work/shared/anchors STAMP=$s SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
     SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1)
  gzip $R/$s/gc-*.log
}
run /tmp/nocanvas 20261205T2035Z-nocanvas WORKLOADS=2 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
for i in 1 2; do
  run /tmp/b32   20261205T2035Z-before-$i WORKLOADS=1,2 RATES_1=2000,2500,3000 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
  run /tmp/after 20261205T2035Z-after-$i  WORKLOADS=1,2 RATES_1=2000,2500,3000 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000
done
echo done
