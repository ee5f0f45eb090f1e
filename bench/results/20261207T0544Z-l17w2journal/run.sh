#!/bin/bash
# Session 44: the store journal (a46c8ad, in /tmp/bnew) against the build before it (87048d2, in /tmp/bold) and the
# floor, in turns: Liberty 17 (README default), plain clients, W2 at 5,000, 7,000 and 9,000, two rounds, every step
# measured; each round the floor, before, after. Session 43's turn script, called with these values.
W=2 RATES=5000,7000,9000 ROUNDS=2 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0544Z-l17w2journal
