#!/bin/bash
# Session 47: did session 46's ConnectionRelease (in 2358440, not measured on Payara then) cost Payara's W2 anything?
# In turns, two rounds: d2b55dd (the build before it, /tmp/b45) and 0f53b34 (this session's, /tmp/bnew), Inkroom only,
# W2 plain clients at 3,000, Java 17.
R=/work/main/bench/results
S=20261207T1546Z-payreg
D=$R/$S
run() { # clone stamp
  (cd $1 && env ANCHORS=/work/shared/anchors STAMP=$2 SERVERS=payara APPS=inkroom CLIENTS=plain WORKLOADS=2 \
    RATES_2=3000 MEASURE_UP_TO=3000 bash bench/run.sh > $D/${2#$S-}.console.txt 2>&1)
}
labelled=()
for r in 1 2; do
  run /tmp/b45 $S-r$r-d2b55dd
  run /tmp/bnew $S-r$r-0f53b34
  labelled+=($S-r$r-d2b55dd=d2b55dd $S-r$r-0f53b34=0f53b34)
done
cp /tmp/b45/bench/results/$S* /tmp/bnew/bench/results/$S* $R/
python3 $R/../passes.py $R $S-r1-d2b55dd $S-r1-0f53b34 $S-r2-d2b55dd $S-r2-0f53b34 > $D/passes.md
python3 $R/../cpu.py $R "${labelled[@]}" > $D/cpu.md
echo done
