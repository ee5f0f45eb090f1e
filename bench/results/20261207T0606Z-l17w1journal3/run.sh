#!/bin/bash
# Session 44: a third round of ../20261207T0606Z-l17w1journal (the same builds, clones and values), right after its
# write measurement.
W=1 RATES=3000,3500 ROUNDS=1 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0606Z-l17w1journal3
