#!/bin/bash
# Session 41: Payara Micro's W2 gap to its floor, taken as ../20261206T2210Z-l25rounds took Liberty 25's (the floor
# and Inkroom with its H2 store, then Inkroom with INKROOM_STORE=memory, in turns), W2 at 2,000 and 3,000, two rounds.
S=20261206T2225Z-payrounds SERVER=payara RATES=2000,3000 ROUNDS=2 bash /work/main/bench/results/20261206T2210Z-l25rounds/run.sh
