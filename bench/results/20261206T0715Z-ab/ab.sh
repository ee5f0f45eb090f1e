#!/bin/bash
# Session 36: the element's own JSON-B deserializer and direct JSON (0843e8c, in /tmp/j36) against the
# build before it (a7ee7fa, in /tmp/p36), taking turns; Liberty 17, plain clients, below the edge.
R=/work/main/bench/results
S=20261206T0715Z
run() { # dir stamp
  local dir=$1 s=$2
  (cd $dir && ANCHORS=/work/shared/anchors STAMP=$s SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
     WORKLOADS=1,2 RATES_1=2000,2500 RATES_2=4000,5000 MEASURE_UP_TO=5000 SERVER_WARMUP_MAX=6 \
     bash bench/run.sh > $R/$S-ab/$s.console.log 2>&1)
  cp $dir/bench/results/$s* $R/ 2>/dev/null
}
for i in 1 2; do
  run /tmp/p36 $S-before-$i
  run /tmp/j36 $S-after-$i
done
echo done
