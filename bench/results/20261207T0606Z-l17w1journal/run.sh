#!/bin/bash
# Session 44: the store journal (acd5266: a46c8ad and the direct fold, in /tmp/bnew) against the build before it
# (87048d2, in /tmp/bold) and the floor, in turns: Liberty 17 (README default), plain clients, W1 at 3,000 and 3,500,
# two rounds, every step measured; then what the server writes to files per op at W1 3,000 with the journal (session
# 43's write measurement, the same script, on /tmp/bnew). Session 43's turn script, called with these values.
W=1 RATES=3000,3500 ROUNDS=2 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0606Z-l17w1journal
mkdir -p /work/main/bench/results/20261207T0606Z-l17w1journal-writes
cp /work/main/bench/results/20261207T0455Z-l17w1writes/{iowatch,writes}.py /work/main/bench/results/20261207T0606Z-l17w1journal-writes/
bash /work/main/bench/results/20261207T0455Z-l17w1writes/run.sh 20261207T0606Z-l17w1journal-writes
(cd /work/main/bench/results/20261207T0606Z-l17w1journal-writes && python3 writes.py > writes.txt)
