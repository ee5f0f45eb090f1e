#!/bin/bash
# Session 44: the store journal (acd5266, /tmp/bnew) against the build before it (87048d2, /tmp/bold) and the floor,
# in turns, on Liberty 25, plain W2 at 8,000, 10,000 and 12,000, two rounds: session 41 put Liberty 25's W2 gap
# (10,000 against its floor's 12,000) down to the store. Session 43's turn script with these values.
SERVER=liberty25 W=2 RATES=8000,10000,12000 ROUNDS=2 bash /work/main/bench/results/20261207T0342Z-l17w1cuts/run.sh 20261207T0705Z-l25w2journal
