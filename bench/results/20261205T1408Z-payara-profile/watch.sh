#!/bin/bash
console=$1; shift
for app in "$@"; do
  until grep -q "workload 1 on payara-$app" "$console"; do sleep 1; done
  start=$(grep -n "workload 1 on payara-$app" "$console" | tail -1 | cut -d: -f1)
  until tail -n +$start "$console" | grep -q '^\[bench [0-9:]*\]   {rate'; do sleep 1; done
  pid=$(pgrep -f payara-micro.jar | head -1)
  echo "$(date -u +%T) profiling $app pid $pid" >> /tmp/ap/watch.log
  jcmd $pid "JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so \"start,event=cpu,interval=1ms,threads\"" >> /tmp/ap/watch.log 2>&1
  sleep 30
  jcmd $pid "JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so \"stop,file=/tmp/ap/$app.collapsed,collapsed\"" >> /tmp/ap/watch.log 2>&1
  echo "$(date -u +%T) done $app" >> /tmp/ap/watch.log
done
