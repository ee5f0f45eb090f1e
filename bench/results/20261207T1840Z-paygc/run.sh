#!/bin/bash
# Session 48: what survives Inkroom's young collections on Payara Micro (W2, 200 rooms x 10, plain clients,
# Java 17, RATE x3 measured), the same build (/tmp/b48) three ways: the embedded H2 store as shipped (h2),
# the same with H2's page cache at 1 MB (h2cache: INKROOM_DB_URL=...;CACHE_SIZE=1024), no store (memory).
# GC logs with the survivors' age table (gc+age=trace) in gc-<variant>-<pid>.log.
#   [RATE=4000] [VARIANTS="h2 h2cache memory"] [CLONE=/tmp/b48] [SERVER=payara] run.sh
R=/work/main/bench/results
D=$R/20261207T1840Z-paygc
RATE=${RATE:-4000}
CLONE=${CLONE:-/tmp/b48}
SERVER=${SERVER:-payara}
for v in ${VARIANTS:-h2 h2cache memory}; do
  S=20261207T1840Z-paygc-$SERVER-$v
  store=jdbc; url=
  [ $v = memory ] && store=memory
  if [ $v = h2cache ]; then rm -rf /tmp/h2exp && mkdir -p /tmp/h2exp && url="jdbc:h2:file:/tmp/h2exp/inkroom;WRITE_DELAY=0;CACHE_SIZE=1024"; fi
  (cd $CLONE && INKROOM_DB_URL=$url INKROOM_STORE=$store \
     SERVER_JVM_OPTS="-Xlog:gc*,gc+age=trace:file=$D/gc-$SERVER-$v-%p.log:time" ANCHORS=/work/shared/anchors STAMP=$S \
     SERVERS=$SERVER APPS="inkroom" CLIENTS=plain WORKLOADS=2 RATES_2=$RATE,$RATE,$RATE MEASURE_UP_TO=$RATE \
     bash bench/run.sh > $D/$SERVER-$v.console.txt 2>&1)
  cp $CLONE/bench/results/$S* $D/
  gzip -f $D/gc-$SERVER-$v-*.log
done
echo done
