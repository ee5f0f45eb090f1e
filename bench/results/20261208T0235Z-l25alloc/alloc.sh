# Session 51: Liberty 25 W2 (200 rooms x 10, plain clients) at 4,000 x3, floor and Inkroom (build c4d4a4c),
# async-profiler 4.1 event=alloc for 30 s from each app's first measured step, G1's log.
D=/tmp/s51/alloc; S=20261208T0235Z-l25alloc
mkdir -p $D /tmp/s51/allocgc
(cd /tmp/bnew && ANCHORS=/work/shared/anchors STAMP=$S SERVERS=liberty25 APPS="floor inkroom" CLIENTS=plain WORKLOADS=2 \
   RATES_2=4000,4000,4000 MEASURE_UP_TO=4000 SERVER_JVM_OPTS="-Xlog:gc*:file=/tmp/s51/allocgc/gc-%p.log:time" \
   bash bench/run.sh > $D/console.txt 2>&1) &
PROFILE_EVENT="event=alloc" bash /tmp/bnew/bench/profile-watch.sh $D/console.txt liberty25 2 ws-server.jar $D floor inkroom
wait
echo done > $D/done
