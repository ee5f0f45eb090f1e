#!/bin/bash
# Session 43: how much the embedded store writes to its file per op, Liberty 17, plain W1 3,000 x3, Inkroom (2aaba49,
# /tmp/bnew) with its default H2 store, then without a store (INKROOM_STORE=memory: what Liberty and the rest write);
# iowatch.py samples the server's /proc/<pid>/io once a second (io-h2.txt, io-memory.txt).
R=/work/main/bench/results
S=${1:-20261207T0455Z-l17w1writes}
D=$R/$S
for store in jdbc memory; do
  python3 $D/iowatch.py $D/io-$store.txt & w=$!
  (cd /tmp/bnew && INKROOM_STORE=$store ANCHORS=/work/shared/anchors STAMP=$S-$store SERVERS=liberty17 APPS=inkroom \
    CLIENTS=plain WORKLOADS=1 RATES_1=3000,3000,3000 MEASURE_UP_TO=3000 bash bench/run.sh > $D/$store.console.txt 2>&1)
  kill $w
done
cp /tmp/bnew/bench/results/$S* $R/
echo done
