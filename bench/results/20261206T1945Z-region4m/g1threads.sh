#!/bin/bash
# Session 40: every 10 s, per-thread CPU ticks (utime+stime, 1/100 s) of the Liberty JVM's GC threads. Usage: g1threads.sh OUT
out=$1
while true; do
  for p in $(pgrep -f ws-javaagent); do
    [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] || continue
    echo "$(date -u +%T) pid $p $(for t in /proc/$p/task/*; do n=$(cat $t/comm 2>/dev/null); case "$n" in G1*|GC*) s=($(sed 's/.*) //' $t/stat)); echo -n "$n=$((s[11]+s[12])) ";; esac; done)" >> $out
  done
  sleep 10
done
