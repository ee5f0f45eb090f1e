#!/bin/bash
# Session 44: ../20261207T0606Z-l17w1journal one rung higher (W1 3,500, 4,000 and 4,500, two rounds; the same builds
# and clones): where the floor, before and after top out this hour. Session 43's turn script with these values.
W=1 RATES=3500,4000,4500 ROUNDS=2 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0629Z-l17w1journalup
