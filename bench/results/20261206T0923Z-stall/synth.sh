#!/bin/bash
# Session 37: the probe alone for 90 s, then with writer.py for 90 s (no server, no client). Gaps per phase.
D=/work/main/bench/results/20261206T0923Z-stall
P=$D/20261206T0948Z-synth-probe.txt
chrt -f 50 python3 /work/main/bench/probe.py $P & p=$!
sleep 90; echo "# writer from $(date +%s%3N)" >> $P
python3 $D/writer.py /tmp/synth.dat 90
echo "# writer done $(date +%s%3N)" >> $P
kill $p; rm -f /tmp/synth.dat
