#!/bin/bash
# Session 51: unnamed virtual writer threads (ebb8655; /tmp/bnew) against the build before (c4d4a4c,
# /tmp/bold) and the floor, in turns, on SERVER (here liberty25: Liberty on Java 25, send mode virtual), plain clients, every step
# measured, with G1's log per run (/tmp/b51gc/<run>-gc-<pid>.log). Each round: floor, before, after.
#   [W=2 RATES=3000,4000,5000 ROUNDS=2] run.sh <stamp>
R=/work/main/bench/results
S=${1:-20261208T0325Z-vtw1}
D=$R/$S
W=${W:-2}
RATES=${RATES:-3000,4000,5000}
ROUNDS=${ROUNDS:-2}
SERVER=${SERVER:-liberty17}
mkdir -p $D /tmp/b51gc
run() { # clone stamp apps
  (cd $1 && env ANCHORS=/work/shared/anchors STAMP=$2 SERVERS=$SERVER APPS="$3" CLIENTS=plain WORKLOADS=$W \
    RATES_$W=$RATES MEASURE_UP_TO=${RATES##*,} SERVER_JVM_OPTS="-Xlog:gc*:file=/tmp/b51gc/${2#$S-}-gc-%p.log:time" \
    bash bench/run.sh > $D/${2#$S-}.console.txt 2>&1)
}
stamps=() labelled=()
for r in $(seq 1 $ROUNDS); do
  [ -n "${FLOOR:-}" ] && run /tmp/bnew $S-r$r-floor floor
  run /tmp/bold $S-r$r-before inkroom
  run /tmp/bnew $S-r$r-after inkroom
  stamps+=($S-r$r-before $S-r$r-after)
  labelled+=($S-r$r-before=before $S-r$r-after=after)
done
cp /tmp/bnew/bench/results/$S* /tmp/bold/bench/results/$S* $R/
for f in /tmp/b51gc/*.log; do gzip -c $f > $D/$(basename $f).gz; done
python3 /work/main/bench/passes.py $R "${stamps[@]}" > $D/passes.md
python3 /work/main/bench/cpu.py $R "${labelled[@]}" > $D/cpu.md
echo done
