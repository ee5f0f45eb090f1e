#!/bin/bash
cd /tmp/b32
R=/work/main/bench/results
for v in base cache1m; do
  d=$R/20261205T2005Z-h2cache-$v; mkdir -p $d
  extra=""
  if [ $v = cache1m ]; then rm -rf /tmp/h2c; mkdir -p /tmp/h2c; extra="-Dinkroom.db.url=jdbc:h2:file:/tmp/h2c/inkroom;WRITE_DELAY=0;CACHE_SIZE=1024"; fi
  ANCHORS=/work/shared/anchors STAMP=20261205T2005Z-h2cache-$v SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=2 RATES_2=4000,4000,4000 MEASURE_UP_TO=4000 \
   SERVER_JVM_OPTS="-Xlog:gc*=debug:file=$d/gc-%p.log:uptime,tags $extra" bash bench/run.sh > $d/console.log 2>&1
done
echo done
