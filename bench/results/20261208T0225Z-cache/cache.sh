# Session 51: H2's page cache (CACHE_SIZE, KB; default 16 MB) in turns, Inkroom on Liberty 25, W2 at 4,000 x3.
cd /tmp/bnew
url=jdbc:h2:/tmp/bnew/target/liberty/wlp/usr/servers/inkroom/data/inkroom\;WRITE_DELAY=0
for round in 1 2; do
  for c in default 1024; do
    S=20261208T0225Z-cache-$c-r$round
    mkdir -p /tmp/s51/gc-$c-r$round
    v="inkroom.db.url=$url"; [ $c != default ] && v="$v;CACHE_SIZE=$c"
    ANCHORS=/work/shared/anchors STAMP=$S SERVERS=liberty25 APPS=inkroom CLIENTS=plain WORKLOADS=2 \
      RATES_2=4000,4000,4000 MEASURE_UP_TO=4000 LIBERTY_VARS="$v" \
      SERVER_JVM_OPTS="-Xlog:gc*,gc+age=trace:file=/tmp/s51/gc-$c-r$round/gc-%p.log:time" \
      bash bench/run.sh > /tmp/s51/cache-$c-r$round.log 2>&1
  done
done
echo finished > /tmp/s51/cache.done
