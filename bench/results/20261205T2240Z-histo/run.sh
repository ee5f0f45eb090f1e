#!/bin/bash
# Liberty 17, W2 only at 4,000 x3, plain clients: before (3426174) and after (1ebfa27) the compact
# canvas, each with histowatch.sh taking two live histograms 7 s apart in the third step.
R=/work/main/bench/results
H=$R/20261205T2240Z-histo
for b in before:/tmp/b33 after:/tmp/a33; do
  name=${b%%:*} dir=${b#*:} s=20261205T2240Z-histo-$name
  mkdir -p $R/$s
  (cd $dir && ANCHORS=/work/shared/anchors STAMP=$s SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=2 \
     RATES_2=4000,4000,4000 MEASURE_UP_TO=5000 \
     SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$R/$s/gc-%p.log:uptime,tags" bash bench/run.sh > $R/$s/console.log 2>&1) &
  bash $H/histowatch.sh $R/$s/console.log ws-server.jar $H/$name
  wait
  gzip $R/$s/gc-*.log
  cp -r $dir/bench/results/$s* $R/ 2>/dev/null
done
echo done
