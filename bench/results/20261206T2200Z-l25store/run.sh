#!/bin/bash
# Session 41: how much of Liberty 25's W2 per-delivery gap to its floor is the durable store? The floor and
# Inkroom (embedded H2, the default), then Inkroom with INKROOM_STORE=memory (nothing stored: not a product
# setting, the experiment that removes the store), W2 at 3,000, 4,000 and 5,000, every step measured.
R=/work/main/bench/results
S=20261206T2200Z-l25store
D=$R/$S
cd /tmp/b3
ANCHORS=/work/shared/anchors STAMP=$S-h2 SERVERS=liberty25 APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 \
  RATES_2=3000,4000,5000 MEASURE_UP_TO=5000 bash bench/run.sh > $D/h2.console.txt 2>&1
INKROOM_STORE=memory ANCHORS=/work/shared/anchors STAMP=$S-memory SERVERS=liberty25 APPS=inkroom CLIENTS=plain WORKLOADS=2 \
  RATES_2=3000,4000,5000 MEASURE_UP_TO=5000 bash bench/run.sh > $D/memory.console.txt 2>&1
cp /tmp/b3/bench/results/$S* $R/
echo done
