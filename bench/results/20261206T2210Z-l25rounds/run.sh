#!/bin/bash
# Session 41: a server's W2 gap to its floor, taking turns: per round the floor and Inkroom with its embedded
# H2 store (the default), then Inkroom with INKROOM_STORE=memory (nothing stored: not a product setting, the
# experiment that removes the store), every step measured. As run here (Liberty 25, W2 at 3,000 and 4,000, three
# rounds); ../20261206T2225Z-payrounds/ ran it with S=20261206T2225Z-payrounds SERVER=payara RATES=2000,3000 ROUNDS=2.
# Read with: bench/cpu.py bench/results $S-r1-h2 $S-r1-memory=memory $S-r2-h2 ...
R=/work/main/bench/results
S=${S:-20261206T2210Z-l25rounds}
SERVER=${SERVER:-liberty25} RATES=${RATES:-3000,4000} ROUNDS=${ROUNDS:-3}
D=$R/$S
mkdir -p $D
cd /tmp/b3
for r in $(seq 1 $ROUNDS); do
  ANCHORS=/work/shared/anchors STAMP=$S-r$r-h2 SERVERS=$SERVER APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 \
    RATES_2=$RATES MEASURE_UP_TO=${RATES##*,} bash bench/run.sh > $D/r$r-h2.console.txt 2>&1
  INKROOM_STORE=memory ANCHORS=/work/shared/anchors STAMP=$S-r$r-memory SERVERS=$SERVER APPS=inkroom CLIENTS=plain \
    WORKLOADS=2 RATES_2=$RATES MEASURE_UP_TO=${RATES##*,} bash bench/run.sh > $D/r$r-memory.console.txt 2>&1
done
cp /tmp/b3/bench/results/$S* $R/
echo done
