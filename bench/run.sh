#!/usr/bin/env bash
# Inkroom benchmark, one command: builds the WAR and starts it on Open Liberty, builds and starts the
# seed's Go server (../shared/anchors), builds the load generator, runs every workload against both
# in the same run, stops both servers (also on failure or Ctrl-C) and writes
# bench/results/<timestamp>.json and .md (the table is also printed).
#
# Environment:
#   WORKLOADS=1,2,3,4,5   which workloads (default all)
#   QUICK=1               short smoke run (short windows, few rates, 2,000 idle sockets, 20,000 elements)
#   JAVA_HOME_SERVER=...  JDK for Liberty (default: the JDK running Maven), e.g. /usr/lib/jvm/temurin-25-jdk-amd64
#   INKROOM_PORT=19080 SEED_PORT=19081   ports on 127.0.0.1
#   RATES=4000,4400,...  rate steps for workloads 1 and 2 (finer steps near a limit)
#   TARGETS=inkroom       measure only these servers (both are still started)
#   INKROOM_STORE=memory  run Inkroom without its database (default jdbc: the embedded H2 store)
#   INKROOM_SEND_MODE=auto|async|virtual   how Inkroom writes frames (server.xml inkroom.send.mode)
#   INKROOM_QUERY=...     extra connect parameters for Inkroom clients (default &batch=1, as the page;
#                         INKROOM_QUERY= measures seed-protocol clients, one message per frame)
#   ANCHORS=<dir>         the seed server's folder (default <repo>/../shared/anchors)
#   SERVER_JVM_OPTS="..." extra JVM options for Liberty (space-separated), e.g. -XX:NativeMemoryTracking=summary
#   LIBERTY_VARS="a=b c=d" extra server.xml variables for Liberty, e.g. executor.coreThreads=2
#   HOLD_IDLE_S=N         keep workload 4's connections open N s after measuring (to inspect the server)
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench")
anchors=${ANCHORS:-$repo/../shared/anchors}
inkroom_port=${INKROOM_PORT:-19080}
seed_port=${SEED_PORT:-19081}
java_home_server=${JAVA_HOME_SERVER:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$bench/results" "$bench/target"
out=$bench/results/$stamp
export INKROOM_STORE=${INKROOM_STORE:-jdbc}
mvn_liberty=(-q -B -DskipTests -Dliberty.var.http.port="$inkroom_port" -Dliberty.env.JAVA_HOME="$java_home_server"
  -Dliberty.var.inkroom.store="$INKROOM_STORE" -Dliberty.var.inkroom.send.mode="${INKROOM_SEND_MODE:-auto}")
i=0
for var in ${LIBERTY_VARS:-}; do
  mvn_liberty+=("-Dliberty.var.$var")
done
for opt in ${SERVER_JVM_OPTS:-}; do
  mvn_liberty+=("-Dliberty.jvm.bench$i=$opt"); i=$((i + 1))
done

say() { printf '[run.sh %(%T)T] %s\n' -1 "$*" >&2; }

seed_pid=
liberty_started=
cleanup() {
  set +e
  if [ -n "$seed_pid" ]; then
    say "stopping the seed server ($seed_pid)"
    kill "$seed_pid" 2>/dev/null && wait "$seed_pid" 2>/dev/null
  fi
  if [ -n "$liberty_started" ]; then
    say "stopping Liberty"
    (cd "$repo" && mvn "${mvn_liberty[@]}" liberty:stop) >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits (bounded) until something accepts connections on 127.0.0.1:$1.
wait_port() {
  for _ in $(seq 1 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  say "nothing listening on port $1 after 120 s"; return 1
}

for port in "$inkroom_port" "$seed_port"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then say "port $port is already in use"; exit 1; fi
done

say "building the seed's Go server ($anchors/build.sh)"
seed_bin=$("$anchors/build.sh" "$bench/target/seed-go" | tail -1)

say "building the load generator"
(cd "$bench" && mvn -q -B package) >&2

# Every run starts from an empty embedded database: what earlier runs stored must not change this one.
rm -rf "$repo/target/liberty/wlp/usr/servers/inkroom/data"
say "building the WAR and starting Open Liberty on port $inkroom_port (JAVA_HOME=$java_home_server)"
liberty_started=1
(cd "$repo" && mvn "${mvn_liberty[@]}" package liberty:create liberty:install-feature liberty:deploy liberty:start) >&2
wait_port "$inkroom_port"
wlp=$repo/target/liberty/wlp
liberty_pid=$(cat "$wlp/usr/servers/.pid/inkroom.pid")
liberty_version=$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$wlp/lib/versions/openliberty.properties")

say "starting the seed server on port $seed_port"
"$seed_bin" -addr "127.0.0.1:$seed_port" >"$bench/target/seed-go.log" 2>&1 &
seed_pid=$!
wait_port "$seed_port"

server_java=$("$java_home_server/bin/java" -version 2>&1 | sed -n 2p)
say "Liberty $liberty_version pid $liberty_pid ($server_java), seed pid $seed_pid; results in $out.{json,md}"
SERVER_JAVA="$server_java" LIBERTY_VERSION="$liberty_version" \
  java -Dbench.diag="$bench/target" -jar "$bench/target/inkroom-bench.jar" --out "$out" \
    --target "inkroom:$inkroom_port:$liberty_pid:$java_home_server/bin/jcmd" \
    --target "seed:$seed_port:$seed_pid"
