#!/bin/bash
# Session 43: the same cuts as 20261207T0342Z-l17w1cuts on 200 rooms of 10 (W2), where each delivery carries five times
# W1's share of the per-op work: Liberty 17, plain W2 at 4,000 and 6,000, every step measured, two rounds of floor,
# before (9eb716c), after (2aaba49), with that run's script.
W=2 RATES=4000,6000 ROUNDS=2 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0407Z-l17w2cuts
