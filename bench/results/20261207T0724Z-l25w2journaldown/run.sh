#!/bin/bash
# Session 44: ../20261207T0705Z-l25w2journal one rung lower (W2 5,000 and 6,500, two rounds; the same builds and
# clones), after every step of that run failed for all three on a slow box. Session 43's turn script with these values.
SERVER=liberty25 W=2 RATES=5000,6500 ROUNDS=2 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0724Z-l25w2journaldown
