# Session 51: for each app, JFR (promo-min.jfc) from the first measured W2 step for 25 s.
c=$1; out=$2; shift 2
for app in "$@"; do
  until grep -q "workload 2 on liberty25-$app" $c 2>/dev/null; do sleep 1; done
  n=$(grep -c '^\[bench [0-9:]*\]   {rate' $c)
  until [ "$(grep -c '^\[bench [0-9:]*\]   {rate' $c)" -gt "$n" ]; do sleep 0.5; done
  pid=$(for p in $(pgrep -f ws-server.jar); do [ "$(cat /proc/$p/comm)" = java ] && echo $p; done | head -1)
  echo "$(date +%T) $app pid $pid" >> $out/watch.log
  jcmd $pid JFR.start name=p settings=/tmp/s51/promo-min.jfc >> $out/watch.log 2>&1
  sleep 25
  jcmd $pid JFR.dump name=p filename=$out/$app.jfr >> $out/watch.log 2>&1
  jcmd $pid JFR.stop name=p >> $out/watch.log 2>&1
  echo "$(date +%T) done $app" >> $out/watch.log
done
