#!/bin/bash
# W5 (late joiner into a 100,000-element room), Liberty 17, before (3426174: elements as objects) and after (current: ElementTable), taking turns; both with the current bench/run.sh.
set -u
for b in before after before after; do
  c=$([ $b = before ] && echo 3426174 || echo HEAD)
  d=/tmp/w5/$b; [ -d $d ] || { git clone -q /work/main $d && git -C $d checkout -q $c && cp /work/main/bench/run.sh $d/bench/run.sh; }
  n=$(ls /tmp/w5 | grep -c "^console-$b") 
  cd $d && ANCHORS=/work/shared/anchors STAMP=20261206T0150Z-w5$b-$((n+1)) SERVERS=liberty17 APPS=inkroom CLIENTS=plain WORKLOADS=5 bash bench/run.sh > /tmp/w5/console-$b-$((n+1)).log 2>&1
done
echo done > /tmp/w5/DONE
