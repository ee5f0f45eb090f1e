#!/bin/bash
# Session 45: DeployedIT's crowd-drop test alone, N times, each on a fresh Liberty (WildFly and Payara skipped;
# the first 12 runs of the session also ran them: drop the two skip flags). Run from a clone of the build
# under test; one line per run in runs.txt: rc, the failure count ("still open on the server"), the test's time.
N=${N:-20}
for i in $(seq 1 $N); do
  mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='DeployedIT#aCrowdDropping*' \
    -Dinkroom.it.wildfly.skip=true -Dinkroom.it.payara.skip=true > /tmp/crowd-$i.log 2>&1
  rc=$?
  echo "run $i rc=$rc $(date -u +%H:%M:%S) left:$(grep -c 'still open on the server' /tmp/crowd-$i.log) $(grep -o 'Time elapsed: [0-9.]* s -- in it.DeployedIT' /tmp/crowd-$i.log)" >> runs.txt
done
