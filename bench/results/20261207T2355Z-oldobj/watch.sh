c=/tmp/s50/old/console.txt
until grep -q "workload 2 on liberty17-inkroom" $c 2>/dev/null; do sleep 1; done
until grep -q '^\[bench [0-9:]*\]   {rate' $c; do sleep 1; done
pid=$(for p in $(pgrep -f ws-server.jar); do [ "$(cat /proc/$p/comm)" = java ] && echo $p; done | head -1)
jcmd $pid JFR.start name=o settings=/tmp/s50/old.jfc > /tmp/s50/old/watch.log 2>&1
sleep 20
jcmd $pid JFR.dump name=o filename=/tmp/s50/old/o.jfr >> /tmp/s50/old/watch.log 2>&1
echo done >> /tmp/s50/old/watch.log
