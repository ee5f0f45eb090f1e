c=/tmp/s50/histo/console.txt
until grep -q "workload 1 on liberty17-inkroom" $c 2>/dev/null; do sleep 1; done
until grep -q '^\[bench [0-9:]*\]   {rate' $c; do sleep 1; done
pid=$(for p in $(pgrep -f ws-server.jar); do [ "$(cat /proc/$p/comm)" = java ] && echo $p; done | head -1)
sleep 3
jcmd $pid GC.class_histogram > /tmp/s50/histo/h1.txt
sleep 8
jcmd $pid GC.class_histogram > /tmp/s50/histo/h2.txt
echo done > /tmp/s50/histo/done
