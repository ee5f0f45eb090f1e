#!/bin/bash
# Session 36: are the whole-box stalls the probe sees in Inkroom's W2 steps (and not in the floor's)
# the embedded store's? Inkroom W2 at 6,000 x3 with the H2 store, then with INKROOM_STORE=memory, build 0843e8c (in /tmp/j36).
R=/work/main/bench/results
S=20261206T0836Z
for store in jdbc memory; do
  (cd /tmp/j36 && INKROOM_STORE=$store ANCHORS=/work/shared/anchors STAMP=$S-$store SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
     WORKLOADS=2 RATES_2=6000,6000,6000 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=6 bash bench/run.sh > $R/$S-store/$store.console.log 2>&1)
  cp /tmp/j36/bench/results/$S-$store* $R/
done
echo done
