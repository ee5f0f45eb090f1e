#!/bin/bash
# Two live-object histograms of the server, 7 s apart, in the third measured step of a W2 run:
# what the heap keeps growing by while 2,000 members draw (the diff is what young collections
# copy and promote for good). Usage: histowatch.sh CONSOLE PID_PATTERN OUT_PREFIX
console=$1 pattern=$2 out=$3
until [ "$(grep -c '^\[bench [0-9:]*\]   {rate' "$console" 2>/dev/null)" -ge 2 ]; do sleep 1; done
pid=$(for p in $(pgrep -f "$pattern"); do [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] && echo "$p"; done | head -1)
sleep 9
jmap -histo:live "$pid" > "$out-a.txt"; date -u +%T >> "$out-times.txt"
sleep 7
jmap -histo:live "$pid" > "$out-b.txt"; date -u +%T >> "$out-times.txt"
