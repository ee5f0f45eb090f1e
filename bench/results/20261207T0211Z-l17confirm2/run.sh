#!/bin/bash
# Session 42, rounds 3-4 after CI: the same run as ../20261207T0139Z-l17confirm/run.sh (build a23e20c, Liberty 17
# plain W1 3,000-4,000, floor and Inkroom in turns, two rounds), with this folder's stamp.
exec bash /work/main/bench/results/20261207T0139Z-l17confirm/run.sh 20261207T0211Z-l17confirm2
