#!/bin/bash
# Session 37: the guest's DAMON (kdamond.0: paddr, sample every 500 ms, scheme "pageout" of cold memory,
# quota 50 ms / 128 MiB per second) is the machine's, not the project's. Does turning it off for one run remove
# the probe's gaps? Same command as run.sh (W2 6,000 x3, H2 store), DAMON off during the run, on again after.
# $1 = on|off. Stamp from $2.
R=/work/main/bench/results
D=$R/20261206T0923Z-stall
S=$2
K=/sys/kernel/mm/damon/admin/kdamonds/0
echo update_schemes_stats > $K/state 2>/dev/null; echo "before: $(cat $K/state) $(cat $K/contexts/0/schemes/0/stats/sz_applied)" > $D/$S.damon.txt
[ "$1" = off ] && echo off > $K/state
python3 $D/iosample.py $D/$S.io.txt & io=$!
(cd /tmp/j37 && SERVER_JVM_OPTS="-Xlog:gc:file=$D/$S.gc.log:time" ANCHORS=/work/shared/anchors STAMP=$S SERVERS=liberty17 APPS=inkroom CLIENTS=plain \
   WORKLOADS=2 RATES_2=6000,6000,6000 MEASURE_UP_TO=6000 SERVER_WARMUP_MAX=6 bash bench/run.sh > $D/$S.console.log 2>&1)
kill $io
[ "$(cat $K/state)" = off ] && echo on > $K/state
echo update_schemes_stats > $K/state; echo "after: $(cat $K/state) $(cat $K/contexts/0/schemes/0/stats/sz_applied)" >> $D/$S.damon.txt
cp /tmp/j37/bench/results/$S* $R/
echo done
