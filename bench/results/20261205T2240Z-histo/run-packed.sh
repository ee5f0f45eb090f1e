#!/bin/bash
# The packed table (387bdd0, /tmp/p33): the same histogram run as run.sh, then one Liberty 17 W1+W2
# run as in ../20261205T2240Z-ab/ab.sh.
R=/work/main/bench/results
H=$R/20261205T2240Z-histo
s=20261205T2240Z-histo-packed
mkdir -p $R/$s
(cd /tmp/p33 && ANCHORS=/work/shared/anchors STAMP=$s SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=2 \
   RATES_2=4000,4000,4000 MEASURE_UP_TO=5000 \
   SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1) &
bash $H/histowatch.sh $R/$s/console.log ws-server.jar $H/packed
wait
gzip $R/$s/gc-*.log
s=20261205T2240Z-packed-1
mkdir -p $R/$s
(cd /tmp/p33 && ANCHORS=/work/shared/anchors STAMP=$s SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=1,2 \
   RATES_1=2000,2500,3000 RATES_2=4000,4000,5000 MEASURE_UP_TO=5000 \
   SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1)
gzip $R/$s/gc-*.log
cp /tmp/p33/bench/results/20261205T2240Z-* $R/ 2>/dev/null
echo done
