#!/bin/bash
# one-off: alloc live samples over S seconds from the 2nd measured step, full GC before stop
console=$1 out=$2 S=${3:-5}
lib=/tmp/ap/linux-x64/libasyncProfiler.so
mkdir -p $out
until [ "$(grep -c '^\[bench [0-9:]*\]   {rate' $console)" -ge 2 ]; do sleep 1; done
sleep 3
pid=$(for p in $(pgrep -f ws-server.jar); do [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && echo $p; done | head -1)
echo "$(date -u +%T) pid $pid" >> $out/watch.log
jcmd $pid "JVMTI.agent_load $lib \"start,alloc=16k,live\"" >> $out/watch.log 2>&1
sleep $S
jcmd $pid GC.run >> $out/watch.log 2>&1
jcmd $pid "JVMTI.agent_load $lib \"stop,file=$out/live.collapsed,collapsed\"" >> $out/watch.log 2>&1
jcmd $pid GC.class_histogram > $out/histo.txt 2>&1
echo "$(date -u +%T) done" >> $out/watch.log
