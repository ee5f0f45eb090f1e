#!/bin/bash
# Session 43: the per-op and per-frame cuts (27978b3 the draw envelope by hand, f3a5f44 the pool's progress
# counter striped, 2aaba49 one Basic endpoint per session and one metrics report per drain) against the build
# before them (9eb716c, in /tmp/bold) and the floor, in turns: Liberty 17 (README default), plain clients, every
# step measured; each round the floor, before, after. Defaults: W1 at 3,000 and 3,500, three rounds.
# [W=2 RATES=4000,6000 ROUNDS=2] run.sh <stamp>: the same for another workload (20261207T0407Z-l17w2cuts);
# [SERVER=liberty25]: another server of bench/run.sh's SERVERS (session 44).
R=/work/main/bench/results
S=${1:-20261207T0342Z-l17w1cuts}
D=$R/$S
W=${W:-1}
RATES=${RATES:-3000,3500}
ROUNDS=${ROUNDS:-3}
SERVER=${SERVER:-liberty17}
mkdir -p $D
run() { # clone stamp apps
  (cd $1 && env ANCHORS=/work/shared/anchors STAMP=$2 SERVERS=$SERVER APPS="$3" CLIENTS=plain WORKLOADS=$W \
    RATES_$W=$RATES MEASURE_UP_TO=${RATES##*,} bash bench/run.sh > $D/${2#$S-}.console.txt 2>&1)
}
stamps=() labelled=()
for r in $(seq 1 $ROUNDS); do
  run /tmp/bnew $S-r$r-floor floor
  run /tmp/bold $S-r$r-before inkroom
  run /tmp/bnew $S-r$r-after inkroom
  stamps+=($S-r$r-floor $S-r$r-before $S-r$r-after)
  labelled+=($S-r$r-floor $S-r$r-before=before $S-r$r-after=after)
done
cp /tmp/bnew/bench/results/$S* /tmp/bold/bench/results/$S* $R/
python3 /work/main/bench/passes.py $R "${stamps[@]}" > $D/passes.md  # lists before and after together
python3 /work/main/bench/cpu.py $R "${labelled[@]}" > $D/cpu.md
echo done
