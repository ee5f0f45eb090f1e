#!/bin/bash
# Session 39: what the server holds when plain W2 starts after W1 (the headline's order), Liberty 17, Inkroom.
# At "workload 2 on ...-plain": GC.heap_info (no collection). At "workload 2 on ...-batch" (plain W2 done):
# GC.class_histogram (live, a full GC). Usage: watch.sh CONSOLE OUT_DIR
console=$1 out=$2
pidof_server() { for p in $(pgrep -f ws-server.jar); do [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && echo $p; done | head -1; }
for w in plain batch; do
  until grep -q "workload 2 on liberty17-inkroom-$w" "$console"; do sleep 1; done
  pid=$(pidof_server)
  echo "$(date -u +%T) W2 $w starts, pid $pid" >> $out/watch.log
  jcmd $pid GC.heap_info > $out/heapinfo-before-w2-$w.txt 2>&1
  [ $w = batch ] && jcmd $pid GC.class_histogram > $out/histo-live-after-w2-plain.txt 2>&1
done
echo "$(date -u +%T) done" >> $out/watch.log
