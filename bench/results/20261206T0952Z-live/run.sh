#!/bin/bash
# Session 37: what Inkroom keeps alive that the floor does not (young survivors p50 12 MB with H2, 6.6 MB with
# no store, 0.6 MB for the floor at W2 6,000; 20261206T0923Z-stall/gcsum.py). async-profiler's live-object
# allocation profile (alloc=256k,live) over 15 s of the first measured W2 6,000 step, build fae0a56.
R=/work/main/bench/results
S=$1
D=$R/20261206T0952Z-live
store=${2:-jdbc}
(cd /tmp/j37 && INKROOM_STORE=$store ANCHORS=/work/shared/anchors STAMP=$S SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
   WORKLOADS=2 RATES_2=6000,6000 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=4 bash bench/run.sh > $D/$S.console.log 2>&1) &
PROFILE_S=15 PROFILE_EVENT="alloc=256k,live" bash /tmp/j37/bench/profile-watch.sh $D/$S.console.log liberty17 2 "ws-server.jar inkroom" $D/$S inkroom
wait
cp /tmp/j37/bench/results/$S* $R/
echo done
