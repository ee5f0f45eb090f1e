#!/bin/bash
# Session 43: the profile of 20261207T0321Z-l17w1prof3000 again, Inkroom alone, with f3a5f44 in /tmp/b7 (the draw
# envelope written by hand, the pool's progress counter striped), with session 42's profiling script.
CLONE=/tmp/b7 RATE=3000 APPS=inkroom bash /work/main/bench/results/20261207T0024Z-l17w1prof/run.sh 20261207T0335Z-l17w1prof3000b
