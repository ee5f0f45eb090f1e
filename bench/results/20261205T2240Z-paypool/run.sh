#!/bin/bash
# Payara Micro W2 at 4,000 x3 (plain clients, build 1ebfa27): its default request pool against 8
# request threads (pool8.asadmin, a pre-boot command file), taking turns. The number of
# http-thread-pool threads is counted from a thread dump in the second measured step.
R=/work/main/bench/results
P=$R/20261205T2240Z-paypool
for run in default-1 pool8-1 default-2 pool8-2; do
  s=20261205T2240Z-pay-$run opts=
  [[ $run == pool8* ]] && opts="--prebootcommandfile $P/pool8.asadmin"
  mkdir -p $R/$s
  (cd /tmp/a33 && PAYARA_OPTS="$opts" ANCHORS=/work/shared/anchors STAMP=$s SERVERS=payara APPS=inkroom CLIENTS=plain WORKLOADS=2 \
     RATES_2=4000,4000,4000 MEASURE_UP_TO=5000 bash bench/run.sh > $R/$s/console.log 2>&1) &
  until [ "$(grep -c '^\[bench [0-9:]*\]   {rate' $R/$s/console.log 2>/dev/null)" -ge 1 ]; do sleep 1; done
  sleep 8
  pid=$(for p in $(pgrep -f payara-micro.jar); do [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && echo "$p"; done | head -1)
  echo "$run http-thread-pool threads: $(jcmd $pid Thread.print 2>/dev/null | grep -c '^"http-thread-pool')" >> $P/threads.txt
  wait
  cp -r /tmp/a33/bench/results/$s* $R/ 2>/dev/null
done
echo done
