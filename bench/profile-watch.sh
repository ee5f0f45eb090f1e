#!/bin/bash
# Attaches async-profiler to a server for PROFILE_S seconds (default 30) from the first measured step
# of each app's run, while bench/run.sh runs in another shell and writes CONSOLE.
#
# Usage: bench/profile-watch.sh CONSOLE SERVER WORKLOAD PID_PATTERN OUT_DIR APP...
#   e.g. bench/profile-watch.sh /tmp/console.log payara 1 payara-micro.jar /tmp/ap floor inkroom
# Environment: ASYNC_PROFILER (default /tmp/ap/linux-x64/libasyncProfiler.so; the agent is Maven
# Central's tools.profiler:async-profiler:4.1:jar:linux-x64, unzipped), PROFILE_EVENT (default
# "event=cpu,interval=1ms,threads"). Writes OUT_DIR/APP.collapsed and OUT_DIR/watch.log.
set -u
console=$1 server=$2 workload=$3 pattern=$4 out=$5
shift 5
lib=${ASYNC_PROFILER:-/tmp/ap/linux-x64/libasyncProfiler.so}
mkdir -p "$out"
for app in "$@"; do
  until grep -q "workload $workload on $server-$app" "$console"; do sleep 1; done
  start=$(grep -n "workload $workload on $server-$app" "$console" | tail -1 | cut -d: -f1)
  until tail -n +"$start" "$console" | grep -q '^\[bench [0-9:]*\]   {rate'; do sleep 1; done
  # The server's JVM, not this script or its subshells: their arguments hold the pattern too.
  pid=$(for p in $(pgrep -f "$pattern"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = java ] && echo "$p"; done | head -1)
  echo "$(date -u +%T) profiling $app pid $pid" >> "$out/watch.log"
  # The options must be quoted inside the jcmd command, or jcmd takes event=... for one of its own.
  jcmd "$pid" "JVMTI.agent_load $lib \"start,${PROFILE_EVENT:-event=cpu,interval=1ms,threads}\"" >> "$out/watch.log" 2>&1
  sleep "${PROFILE_S:-30}"
  jcmd "$pid" "JVMTI.agent_load $lib \"stop,file=$out/$app.collapsed,collapsed\"" >> "$out/watch.log" 2>&1
  echo "$(date -u +%T) done $app" >> "$out/watch.log"
done
