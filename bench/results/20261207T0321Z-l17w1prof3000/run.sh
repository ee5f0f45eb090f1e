#!/bin/bash
# Session 43: where Inkroom's extra CPU goes at W1 3,000 on Liberty 17 (the rate it fails and its floor passes), with
# session 42's profiling script: the floor, then Inkroom with its default store (H2), build 9eb716c in /tmp/b6.
CLONE=/tmp/b6 RATE=3000 bash /work/main/bench/results/20261207T0024Z-l17w1prof/run.sh 20261207T0321Z-l17w1prof3000
