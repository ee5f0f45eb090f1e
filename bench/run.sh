#!/usr/bin/env bash
# Inkroom benchmark, one command (issue 11's headline): builds the WAR, the bare relay floor
# (bench/floor: one text frame in, the same frame out to every other member of its room; no JSON, no
# room, no store), the seed's Go server (../shared/anchors; from a clone elsewhere pass ANCHORS=) and the
# load generator; then, for each entry of SERVERS in turn, starts the floor on that server, measures
# it, stops it, starts Inkroom on it, measures it with every client kind of CLIENTS, stops it; then
# the seed. Only one server runs at a time (the box has two cores). Every Java server gets the same
# JVM options: the WAR's src/main/liberty/config/jvm.options plus SERVER_JVM_OPTS (WildFly's own
# default sizing, -Xmx512m, is replaced by them). Each part is written to
# bench/results/<stamp>-<entry>-<app>.{json,md}; the merged headline (server x JDK x client kind, each
# highest passing rate with its ratio to the seed's and to that server's floor, all from this run,
# then every step) to bench/results/<stamp>.{md,json} (also printed). A delivery counts by its
# message's send time: a message scheduled inside the measured window counts if it arrives before
# the drain ends. Servers are stopped on exit, failure or Ctrl-C.
#
#   SERVERS="liberty17 liberty25 wildfly payara seed"   (default: all five) entries are liberty, wildfly
#                         or payara with an optional JDK (17 = the JDK running this script, the default;
#                         25 = JAVA25_HOME, default /usr/lib/jvm/temurin-25-jdk-amd64), or seed
#   CLIENTS="plain batch" Inkroom's client kinds: plain = the seed's protocol, one message per frame;
#                         batch = batch=1, as the page (the floor and the seed get plain clients)
#   APPS="floor inkroom"  which applications to run on each Java server; floor-stamped is the floor sending
#                         what the protocol makes a server send (the sender's userId twice, a seq; bench/floor
#                         Stamp.java), floor-seedframe the same without seq (the seed's frame): diagnostics,
#                         the ratios stay against the plain floor
#   FLOOR_SEND_MODE=pool|direct|async|virtual   the floor's writer (default: per server what Inkroom measured
#                         best; see bench/floor Sending.java); FLOOR_PLAIN_IDLE_TIMER=false keeps Payara's own
#                         idle timer in the floor
#   WILDFLY_DISPATCH_TO_WORKER=false|true   WildFly's websockets dispatch-to-worker (default false: the floor
#                         handles frames on the I/O thread that read them; Inkroom sets its own, inkroom.undertow.dispatch)
#   WORKLOADS=1,2         (default 1,2,3,4,5; the floor runs 1 and 2 only, workloads 3-5 use the plain clients)
#
# CLUSTER=1 runs the two-node comparison instead (no seed server): one build of the WAR, then ONE
# single-node Inkroom (port INKROOM_PORT, default 19180, no Redis) and a TWO-node cluster on the same
# Liberty installation (scripts/cluster.sh, NODE_PORTS default "19181 19182", INKROOM_REDIS_URI default
# redis://127.0.0.1:6379). Both use PostgreSQL (PG_URL default jdbc:postgresql://127.0.0.1:5432/test,
# INKROOM_DB_USER default postgres, INKROOM_DB_PASSWORD default empty), each a fresh schema of its own
# (inkroom_bench_<stamp>_single / _cluster), created here and dropped on exit, with this run's Redis
# keys. It runs workloads 6 and 7 (default WORKLOADS=6,7) against both:
#   6: 1 room x 50 clients, all drawing (workload 1's shape); 7: 200 rooms x 10 clients, all drawing
#      (workload 2's). On the cluster each room's members alternate between the two nodes (member m on
#      node m mod 2), so each op reaches about half its receivers through the other node.
# Every step reports delivery ratio and p50/p99 overall and split into same-node and cross-node
# deliveries (sender and receiver on the same node or not; on the single node all are same-node). A
# delivery counts by its op's send time: an op scheduled inside the measured window counts if it
# arrives before the drain ends. Rates up to 1,000 sends/s are measured even past a failing step; after
# each rate search COMPARE_REPEATS (default 2, QUICK 0) more steps run at 1,000 sends/s, and the summary
# gives the second hop there from the medians of those steps: cluster cross-node p50/p99 minus
# single-node p50/p99 (and the cluster's cross-node minus its same-node latency). Clients speak the
# plain seed protocol by default here (INKROOM_QUERY empty, one message per frame;
# INKROOM_QUERY='&batch=1' measures the page's batching instead). On exit (also on failure or
# Ctrl-C) the cluster nodes and the single node are stopped, the schemas dropped and every node's
# messages.log copied to bench/target/logs-<stamp>/.
#
# Environment:
#   WORKLOADS=1,2,3,4,5   which workloads (default all; with CLUSTER=1 default 6,7)
#   CLUSTER=1             the two-node comparison above; with it NODE_PORTS="19181 19182",
#                         INKROOM_REDIS_URI=redis://..., PG_URL=jdbc:postgresql://HOST:PORT/DB,
#                         INKROOM_DB_USER, INKROOM_DB_PASSWORD, COMPARE_REPEATS=2
#   QUICK=1               short smoke run (short windows, few rates, 2,000 idle sockets, 20,000 elements)
#   JAVA_HOME_SERVER=...  the "17" JDK of SERVERS (default: the JDK running Maven); with CLUSTER=1 the nodes' JDK
#   INKROOM_PORT=19080 SEED_PORT=19081   ports on 127.0.0.1 (the headline's servers take INKROOM_PORT+1, +2, ... in
#                         turn; CLUSTER=1: INKROOM_PORT=19180, NODE_PORTS="19181 19182")
#   RATES=4000,4400,...  rate steps for workloads 1, 2, 6 and 7 (finer steps near a limit); RATES_1=..., RATES_2=...
#                         (RATES_6, RATES_7) set one workload's steps (bench/rounds.sh holds each at its own rates)
#   STAMP=...             the results' name (default the start time, 20261205T063000Z; bench/rounds.sh gives <start>-r1, -r2, ...)
#   MEASURE_UP_TO=N       workloads 1 and 2 measure every step up to N even after a failing one (RATES=3000,3000,3000
#                         MEASURE_UP_TO=3000: three steps at one rate, to compare CPU by thread kind between builds)
#   TARGETS=inkroom       CLUSTER=1 only: measure only these (inkroom, cluster); the headline uses SERVERS and APPS
#   INKROOM_STORE=memory  run Inkroom without its database (default jdbc: the embedded H2 store)
#   INKROOM_SEND_MODE=auto|async|virtual|pool   how Inkroom writes frames (server.xml inkroom.send.mode)
#   INKROOM_QUERY=...     CLUSTER=1 only: extra connect parameters (default empty: seed-protocol clients;
#                         '&batch=1' as the page)
#   ANCHORS=<dir>         the seed server's folder (default <repo>/../shared/anchors)
#   SERVER_JVM_OPTS="..." extra JVM options for every Java server (space-separated), e.g. -XX:NativeMemoryTracking=summary;
#                         an option the WAR's jvm.options also sets (-XX:MaxGCPauseMillis=50) replaces it there
#   CLIENT_JVM_OPTS="..." extra JVM options for the load generator, e.g. -XX:StartFlightRecording=filename=<dir>/
#   LIBERTY_VARS="a=b c=d" extra server.xml variables for Inkroom on Liberty, e.g. executor.coreThreads=2
#   (always, where python3 and chrt are: bench/probe.py, a real-time stall probe; each step's box_gaps says
#    whether the whole machine stopped in its window; the gaps are kept in <stamp>-probe.txt. Every 250 ms it
#    also times a fixed piece of Python arithmetic, the box's yardstick: each step's box_work_wall_us and
#    box_work_cpu_us are the medians, in its window, of its wall and thread-CPU µs (with and without the
#    hypervisor's steal), what bench/cpu.py scales the step's CPU per delivery by)
#   HOLD_IDLE_S=N         keep workload 4's connections open N s after measuring (to inspect the server)
#   SERVER_WARMUP_STEPS=2 uncounted steps at the first rate before each drawing workload (QUICK: 0); then more,
#                         up to SERVER_WARMUP_MAX=12 in all, while the server's JIT compiler threads used more than
#                         WARMUP_JIT_PCT=2 % of a core in the last one (every step reports its JIT and GC CPU)
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$bench")
anchors=${ANCHORS:-$repo/../shared/anchors}
cluster=${CLUSTER:-}
[ "$cluster" = 0 ] && cluster=
if [ -n "$cluster" ]; then
  inkroom_port=${INKROOM_PORT:-19180}
  read -r -a node_ports <<< "${NODE_PORTS:-19181 19182}"
  export WORKLOADS=${WORKLOADS:-6,7}
  export INKROOM_QUERY=${INKROOM_QUERY-}
else
  inkroom_port=${INKROOM_PORT:-19080}
  node_ports=()
fi
seed_port=${SEED_PORT:-19081}
java_home_server=${JAVA_HOME_SERVER:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
stamp=${STAMP:-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$bench/results" "$bench/target"
out=$bench/results/$stamp
export INKROOM_STORE=${INKROOM_STORE:-jdbc}
# Every room name of this run starts with b<BENCH_RUN> (how its Redis keys are found afterwards).
export BENCH_RUN=${BENCH_RUN:-$(printf '%x' $(( $(date +%s) % 1048576 )))}
mvn_liberty=(-q -B -DskipTests -Dliberty.var.http.port="$inkroom_port" -Dliberty.env.JAVA_HOME="$java_home_server"
  -Dliberty.var.inkroom.store="$INKROOM_STORE" -Dliberty.var.inkroom.send.mode="${INKROOM_SEND_MODE:-auto}"
  # Every simulated client connects from this one machine: no per-address cap (the default is 120).
  -Dliberty.var.inkroom.limit.connections.per.address=0
  # Nor a per-member cap on drawing ops (240/s by default): workload 5 fills its room from one member
  # at 10,000/s, and workload 3's five drawers pass 240/s each above 1,200/s.
  -Dliberty.var.inkroom.limit.ops.per.second=1000000000 -Dliberty.var.inkroom.limit.ops.burst=1000000000)
i=0
for var in ${LIBERTY_VARS:-}; do
  mvn_liberty+=("-Dliberty.var.$var")
done
# The JVM options every Java server gets: the WAR's src/main/liberty/config/jvm.options, except the
# ones SERVER_JVM_OPTS sets again (same flag: -XX:[+-]Name or -XX:Name=, -Xms, -Dname=...), then
# SERVER_JVM_OPTS. Dropping the overridden ones makes the result independent of the order a server
# applies them in. One option per line.
common_jvm_opts() {
  local -A given=()
  local opt
  for opt in ${SERVER_JVM_OPTS:-}; do given[$(jvm_opt_key "$opt")]=1; done
  while read -r opt; do
    [[ -z "$opt" || "$opt" == \#* ]] && continue
    [[ -n "${given[$(jvm_opt_key "$opt")]:-}" ]] || echo "$opt"
  done < "$repo/src/main/liberty/config/jvm.options"
  for opt in ${SERVER_JVM_OPTS:-}; do echo "$opt"; done
}
# What an option sets: -XX:+Foo, -XX:-Foo and -XX:Foo=1 all set Foo; -Xms512m sets -Xms; -Da=b sets -Da.
jvm_opt_key() {
  case "$1" in
    -XX:[+-]*) echo "${1:5}" ;;
    -XX:*) local k=${1#-XX:}; echo "${k%%=*}" ;;
    -Xms*|-Xmx*|-Xss*|-Xmn*) echo "${1:0:4}" ;;
    -D*) echo "${1%%=*}" ;;
    *) echo "$1" ;;
  esac
}
# Liberty: the plugin writes liberty.jvm.* properties as the server's jvm.options INSTEAD of the one in
# src/main/liberty/config (so passing only SERVER_JVM_OPTS would drop the WAR's own options); all of
# them go this way. The plugin writes them in no fixed order, and an -XX:+Unlock...VMOptions must come
# before the options it unlocks: those go in configDropins/defaults/jvm.options instead, which Liberty
# reads before the server's own (start_server).
liberty_unlock=()
while read -r opt; do
  case "$opt" in
    -XX:+Unlock*VMOptions) liberty_unlock+=("$opt") ;;
    *) mvn_liberty+=("-Dliberty.jvm.bench$i=$opt"); i=$((i + 1)) ;;
  esac
done < <(common_jvm_opts)

say() { printf '[run.sh %(%T)T] %s\n' -1 "$*" >&2; }

# CLUSTER=1: PostgreSQL for both Inkrooms (a schema each), the cluster's Redis and node environment.
if [ -n "$cluster" ]; then
  pg_url=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}
  if [[ ! "$pg_url" =~ ^jdbc:postgresql://([^:/]+):([0-9]+)/([A-Za-z0-9_]+)$ ]]; then
    echo "PG_URL must look like jdbc:postgresql://HOST:PORT/DB, not $pg_url" >&2; exit 2
  fi
  pg_host=${BASH_REMATCH[1]} pg_port=${BASH_REMATCH[2]} pg_db=${BASH_REMATCH[3]}
  db_user=${INKROOM_DB_USER:-postgres}
  db_password=${INKROOM_DB_PASSWORD:-}
  redis_uri=${INKROOM_REDIS_URI:-redis://127.0.0.1:6379}
  schema=inkroom_bench_$(echo "$stamp" | tr 'A-Z-' 'a-z_')
  psql_cmd() { PGPASSWORD="$db_password" psql -h "$pg_host" -p "$pg_port" -U "$db_user" -d "$pg_db" -v ON_ERROR_STOP=1 -qAtc "$1"; }
  cluster_env=(NODE_PORTS="${node_ports[*]}" INKROOM_REDIS_URI="$redis_uri" INKROOM_DB_DRIVER=postgresql
    INKROOM_DB_URL="$pg_url?currentSchema=${schema}_cluster" INKROOM_DB_USER="$db_user" INKROOM_DB_PASSWORD="$db_password"
    JAVA_HOME="$java_home_server")
  export BENCH_DB="PostgreSQL $pg_url, schema ${schema}_single (single node) and ${schema}_cluster (cluster, Redis $redis_uri)"
fi

seed_pid=
probe_pid=
liberty_started=
cluster_started=
schema_created=
cleanup() {
  set +e
  [ -n "$probe_pid" ] && kill "$probe_pid" 2>/dev/null
  stop_current
  if [ -n "$seed_pid" ]; then
    say "stopping the seed server ($seed_pid)"
    kill "$seed_pid" 2>/dev/null && wait "$seed_pid" 2>/dev/null
  fi
  if [ -n "$cluster_started" ]; then
    say "stopping the cluster (ports ${node_ports[*]})"
    env "${cluster_env[@]}" "$repo/scripts/cluster.sh" stop >&2
  fi
  if [ -n "$liberty_started" ]; then
    say "stopping Liberty"
    (cd "$repo" && mvn "${mvn_liberty[@]}" liberty:stop) >&2
  fi
  if [ -n "$cluster" ]; then
    local logs=$bench/target/logs-$stamp servers=$repo/target/liberty/wlp/usr/servers port
    mkdir -p "$logs"
    cp "$servers/inkroom/logs/messages.log" "$logs/inkroom-single.log" 2>/dev/null
    for port in "${node_ports[@]}"; do
      cp "$servers/inkroom-node-$port/logs/messages.log" "$logs/inkroom-node-$port.log" 2>/dev/null
    done
    say "server logs copied to $logs; warnings and errors per log:"
    grep -c -E '^\[[^]]*\] [0-9a-f]+ [^ ]+ +[WE] ' "$logs"/*.log >&2
    grep -h -E '^\[[^]]*\] [0-9a-f]+ [^ ]+ +[WE] ' "$logs"/*.log | head -20 >&2
  fi
  if [ -n "$schema_created" ]; then
    say "dropping schemas ${schema}_single and ${schema}_cluster"
    psql_cmd "DROP SCHEMA IF EXISTS ${schema}_single CASCADE; DROP SCHEMA IF EXISTS ${schema}_cluster CASCADE" >&2
    local keys
    keys=$(redis-cli -u "$redis_uri" --scan --pattern "inkroom:{b${BENCH_RUN}*" | wc -l)
    say "deleting this run's $keys Redis keys (inkroom:{b${BENCH_RUN}...)"
    redis-cli -u "$redis_uri" --scan --pattern "inkroom:{b${BENCH_RUN}*" | xargs -r -n 500 redis-cli -u "$redis_uri" unlink >/dev/null
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The stall probe (bench/probe.py): a real-time thread that notes when the whole machine stopped
# running; each step's row says whether that happened in its window (box_gaps).
if command -v python3 >/dev/null && command -v chrt >/dev/null; then
  export BENCH_PROBE=$out-probe.txt
  chrt -f 50 python3 "$bench/probe.py" "$BENCH_PROBE" &
  probe_pid=$!
else
  say "no python3 or chrt: steps report no box_gaps"
fi

# Waits (bounded) until something accepts connections on 127.0.0.1:$1.
wait_port() {
  for _ in $(seq 1 240); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  say "nothing listening on port $1 after 120 s"; return 1
}

# ---- The headline (without CLUSTER=1): every server in turn, each alone on the box ----
# For each entry of SERVERS: the bare relay floor (bench/floor) on that server, then Inkroom on it, each
# started, measured and stopped before the next starts (one JVM under test at a time: two cores).
# Inkroom is measured with every client kind of CLIENTS; the floor and the seed with plain clients.
# Then Headline merges the parts into bench/results/<stamp>.md/.json: server x JDK x client kind,
# with ratios against the seed and against that server's floor, all from this run.
current_stop=
stop_current() {
  if [ -n "$current_stop" ]; then
    local s=$current_stop
    current_stop=
    say "stopping: $s"
    eval "$s" >&2 || say "stop failed: $s"
  fi
}

# The JDK home for a version: 17 = the JDK running this script, 25 = JAVA25_HOME.
jdk_home() {
  case "$1" in
    ""|17) echo "$java_home_server" ;;
    25) echo "${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}" ;;
    *) say "no JDK $1 (17 or 25)"; exit 2 ;;
  esac
}

# start_server KIND APP JDK_HOME PORT: starts APP (inkroom or floor) on KIND (liberty, wildfly, payara),
# sets server_pid, server_desc and current_stop.
start_server() {
  local kind=$1 app=$2 jh=$3 port=$4 war base
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then say "port $port is already in use"; exit 1; fi
  local stamp=false
  [ "$app" = floor-stamped ] && stamp=true && app=floor
  [ "$app" = floor-seedframe ] && stamp=seed && app=floor
  if [ "$app" = floor ]; then war=$bench/floor/target/floor.war; else war=$repo/target/inkroom.war; fi
  local env_app=(-u INKROOM_REDIS_URI INKROOM_STORE="$INKROOM_STORE" INKROOM_SEND_MODE="${INKROOM_SEND_MODE:-auto}"
    INKROOM_LIMIT_CONNECTIONS_PER_ADDRESS=0 INKROOM_LIMIT_OPS_PER_SECOND=1000000000 INKROOM_LIMIT_OPS_BURST=1000000000
    FLOOR_SEND="${FLOOR_SEND_MODE:-}"
    FLOOR_PLAIN_IDLE_TIMER="${FLOOR_PLAIN_IDLE_TIMER:-true}" FLOOR_STAMP="$stamp")
  case "$kind" in
    liberty)
      if [ "$app" = inkroom ]; then
        local dropins=$wlp/usr/servers/inkroom/configDropins/defaults
        rm -rf "$wlp/usr/servers/inkroom/data" "$dropins/jvm.options"
        if [ ${#liberty_unlock[@]} -gt 0 ]; then
          mkdir -p "$dropins"
          printf '%s\n' "${liberty_unlock[@]}" > "$dropins/jvm.options"
        fi
        # Each argument quoted for the eval in stop_current: an option holding ';' or a space (an H2 URL
        # with settings) otherwise split the stop command and left the server running.
        current_stop="(cd '$repo' && mvn $(printf '%q ' "${mvn_liberty[@]}")-Dliberty.var.http.port=$port -Dliberty.env.JAVA_HOME='$jh' liberty:stop)"
        (cd "$repo" && env "${env_app[@]}" mvn "${mvn_liberty[@]}" -Dliberty.var.http.port="$port" \
          -Dliberty.env.JAVA_HOME="$jh" liberty:start) >&2
        server_pid=$(tr -d '[:space:]' < "$wlp/usr/servers/.pid/inkroom.pid")
      else
        base=$wlp/usr/servers/floor
        rm -rf "$base"
        mkdir -p "$base/apps"
        cp "$war" "$base/apps/floor.war"
        cat > "$base/server.xml" <<XML
<server description="bare relay floor">
  <featureManager><feature>servlet-6.0</feature><feature>websocket-2.1</feature></featureManager>
  <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="$port" httpsPort="-1" protocolVersion="http/1.1"/>
  <webApplication location="floor.war" contextRoot="/"/>
  <applicationManager autoExpand="true"/>
  <applicationMonitor updateTrigger="mbean" dropinsEnabled="false"/>
</server>
XML
        common_jvm_opts | tr ' ' '\n' | grep -v '^$' > "$base/jvm.options"
        [ -n "${FLOOR_SEND_MODE:-}" ] && echo "-Dfloor.send=$FLOOR_SEND_MODE" >> "$base/jvm.options"
        echo "-Dfloor.stamp=$stamp" >> "$base/jvm.options"
        echo "JAVA_HOME=$jh" > "$base/server.env"
        current_stop="'$wlp/bin/server' stop floor"
        "$wlp/bin/server" start floor >&2
        server_pid=$(tr -d '[:space:]' < "$wlp/usr/servers/.pid/floor.pid")
      fi
      server_desc="Open Liberty $liberty_version" ;;
    wildfly)
      base=$repo/target/bench-wildfly-$app
      rm -rf "$base"
      current_stop="WILDFLY_BASE='$base' JAVA_HOME='$jh' '$repo/scripts/wildfly.sh' stop"
      # dispatch-to-worker=false: messages handled on the I/O thread that read them, no hand-off per
      # frame. Inkroom sets it for itself (inkroom.undertow.dispatch); the floor gets it from the server.
      env "${env_app[@]}" WAR="$war" WILDFLY_BASE="$base" HTTP_PORT="$port" JAVA_HOME="$jh" \
        DISPATCH_TO_WORKER="${WILDFLY_DISPATCH_TO_WORKER:-false}" JAVA_OPTS="-Djava.net.preferIPv4Stack=true -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true $(common_jvm_opts | tr "\n" " ")" \
        "$repo/scripts/wildfly.sh" start >&2
      server_pid=$(WILDFLY_BASE="$base" "$repo/scripts/wildfly.sh" pid)
      server_desc="WildFly $(basename "$(ls -d "$repo"/target/wildfly/wildfly-* | head -1)" | sed 's/^wildfly-//')" ;;
    payara)
      base=$repo/target/bench-payara-$app
      rm -rf "$base"
      current_stop="PAYARA_BASE='$base' JAVA_HOME='$jh' '$repo/scripts/payara.sh' stop"
      env "${env_app[@]}" WAR="$war" PAYARA_BASE="$base" HTTP_PORT="$port" JAVA_HOME="$jh" \
        SERVER_OPTS="$(common_jvm_opts | tr "\n" " ")" "$repo/scripts/payara.sh" start >&2
      server_pid=$(PAYARA_BASE="$base" "$repo/scripts/payara.sh" pid)
      server_desc="Payara Micro $(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' "$repo/pom.xml")" ;;
    *) say "unknown server $kind (liberty, wildfly, payara)"; exit 2 ;;
  esac
  wait_port "$port"
}

headline() {
  local servers clients apps entry kind jdk jh port app parts=() targets kinds
  read -r -a servers <<< "${SERVERS:-liberty17 liberty25 wildfly payara seed}"
  read -r -a clients <<< "${CLIENTS:-plain batch}"
  read -r -a apps <<< "${APPS:-floor inkroom}"
  local workloads=${WORKLOADS:-1,2,3,4,5}
  # The floor relays frames; the seed's workloads 3-5 compare with Inkroom's only, as before.
  local floor_workloads
  # (grep finds nothing when only workloads 3-5 are asked for; with pipefail that must not end the run)
  floor_workloads=$(echo "$workloads" | tr ',' '\n' | { grep -E '^(1|2)$' || true; } | paste -sd, -)
  port=$inkroom_port
  wlp=$repo/target/liberty/wlp

  say "building the load generator and the floor WAR (bench/floor)"
  (cd "$bench" && mvn -q -B package) >&2
  (cd "$bench/floor" && mvn -q -B package) >&2
  local need_seed= need_inkroom=
  for entry in "${servers[@]}"; do [ "$entry" = seed ] && need_seed=1; done
  for app in "${apps[@]}"; do [ "$app" = inkroom ] && need_inkroom=1; done
  if [ -n "$need_seed" ]; then
    say "building the seed's Go server ($anchors/build.sh)"
    seed_bin=$("$anchors/build.sh" "$bench/target/seed-go" | tail -1)
  fi
  # The WAR and the Liberty installation (also the floor's Liberty), built once.
  say "building the WAR and creating the Liberty server"
  (cd "$repo" && mvn "${mvn_liberty[@]}" package liberty:create liberty:install-feature liberty:deploy) >&2
  liberty_version=$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$wlp/lib/versions/openliberty.properties")

  for entry in "${servers[@]}"; do
    if [ "$entry" = seed ]; then
      say "starting the seed server on port $seed_port"
      "$seed_bin" -addr "127.0.0.1:$seed_port" >"$bench/target/seed-go.log" 2>&1 &
      seed_pid=$!
      wait_port "$seed_port"
      SERVER_JAVA="(Go)" SERVER_DESC="seed (Go, $(go version 2>/dev/null | awk '{print $3}'))" WORKLOADS="$workloads" \
        java ${CLIENT_JVM_OPTS:-} -Dbench.diag="$bench/target" -jar "$bench/target/inkroom-bench.jar" --out "$out-seed" --target "seed:$seed_port:$seed_pid"
      parts+=("$out-seed.json")
      kill "$seed_pid" 2>/dev/null && wait "$seed_pid" 2>/dev/null || true
      seed_pid=
      continue
    fi
    kind=${entry%%[0-9]*}
    jdk=${entry#"$kind"}
    jh=$(jdk_home "$jdk")
    local server_java
    server_java=$("$jh/bin/java" -version 2>&1 | sed -n 2p)
    for app in "${apps[@]}"; do
      local w=$workloads
      [ "${app%%-*}" = floor ] && w=$floor_workloads
      [ -z "$w" ] && continue
      port=$((port + 1))
      say "starting $app on $kind (JDK $jh) on port $port"
      start_server "$kind" "$app" "$jh" "$port"
      targets=()
      if [ "${app%%-*}" = floor ]; then
        targets+=(--target "$entry-$app:$port:$server_pid:$jh/bin/jcmd")
      else
        for k in "${clients[@]}"; do targets+=(--target "$entry-inkroom-$k:$port:$server_pid:$jh/bin/jcmd"); done
      fi
      say "$server_desc pid $server_pid ($server_java): measuring $app, workloads $w"
      SERVER_JAVA="$server_java" SERVER_DESC="$server_desc" LIBERTY_VERSION="$liberty_version" WORKLOADS="$w" \
        java ${CLIENT_JVM_OPTS:-} -Dbench.diag="$bench/target" -jar "$bench/target/inkroom-bench.jar" --out "$out-$entry-$app" "${targets[@]}" \
        || say "the load generator failed on $entry $app"
      [ -f "$out-$entry-$app.json" ] && parts+=("$out-$entry-$app.json")
      stop_current
    done
  done
  java -cp "$bench/target/inkroom-bench.jar" org.inkroom.bench.Headline "$out" "${parts[@]}"
}

if [ -n "$cluster" ]; then ports=("$inkroom_port" "${node_ports[@]}"); else ports=("$inkroom_port" "$seed_port"); fi
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then say "port $port is already in use"; exit 1; fi
done

if [ -z "$cluster" ]; then
  headline
  exit 0
fi

if [ -z "$cluster" ]; then
  say "building the seed's Go server ($anchors/build.sh)"
  seed_bin=$("$anchors/build.sh" "$bench/target/seed-go" | tail -1)
fi

say "building the load generator"
(cd "$bench" && mvn -q -B package) >&2

# Every run starts from an empty embedded database: what earlier runs stored must not change this one.
rm -rf "$repo/target/liberty/wlp/usr/servers/inkroom/data"
# The single node's store settings go in through its environment, not -Dliberty.var: variables the
# Maven plugin writes land in the server's configDropins, which scripts/cluster.sh copies to every node.
single_env=(-u INKROOM_REDIS_URI) # a single node: never on the bus
if [ -n "$cluster" ]; then
  say "creating schemas ${schema}_single and ${schema}_cluster in $pg_url"
  schema_created=1
  psql_cmd "CREATE SCHEMA ${schema}_single; CREATE SCHEMA ${schema}_cluster" >&2
  single_env+=(INKROOM_DB_DRIVER=postgresql INKROOM_DB_URL="$pg_url?currentSchema=${schema}_single"
    INKROOM_DB_USER="$db_user" INKROOM_DB_PASSWORD="$db_password")
fi

say "building the WAR and starting Open Liberty on port $inkroom_port (JAVA_HOME=$java_home_server)"
liberty_started=1
(cd "$repo" && env "${single_env[@]}" mvn "${mvn_liberty[@]}" package liberty:create liberty:install-feature liberty:deploy liberty:start) >&2
wait_port "$inkroom_port"
wlp=$repo/target/liberty/wlp
liberty_pid=$(cat "$wlp/usr/servers/.pid/inkroom.pid")
liberty_version=$(sed -n 's/^com.ibm.websphere.productVersion=//p' "$wlp/lib/versions/openliberty.properties")
jcmd=$java_home_server/bin/jcmd
targets=(--target "inkroom:$inkroom_port:$liberty_pid:$jcmd")

if [ -n "$cluster" ]; then
  # After the single node: that start built the installation and the WAR the nodes copy, and the two
  # starts do not compete for the CPU.
  say "starting the cluster: nodes on ${node_ports[*]}, Redis $redis_uri"
  cluster_started=1
  env "${cluster_env[@]}" "$repo/scripts/cluster.sh" start >&2
  node_pids=()
  for port in "${node_ports[@]}"; do
    node_pids+=("$(tr -d '[:space:]' < "$wlp/usr/servers/.pid/inkroom-node-$port.pid")")
  done
  targets+=(--target "cluster:$(IFS=,; echo "${node_ports[*]}"):$(IFS=,; echo "${node_pids[*]}"):$jcmd")
  peers="cluster nodes ${node_ports[*]} pids ${node_pids[*]}"
else
  say "starting the seed server on port $seed_port"
  "$seed_bin" -addr "127.0.0.1:$seed_port" >"$bench/target/seed-go.log" 2>&1 &
  seed_pid=$!
  wait_port "$seed_port"
  targets+=(--target "seed:$seed_port:$seed_pid")
  peers="seed pid $seed_pid"
fi

server_java=$("$java_home_server/bin/java" -version 2>&1 | sed -n 2p)
say "Liberty $liberty_version pid $liberty_pid ($server_java), $peers; results in $out.{json,md}"
SERVER_JAVA="$server_java" LIBERTY_VERSION="$liberty_version" \
  java ${CLIENT_JVM_OPTS:-} -Dbench.diag="$bench/target" -jar "$bench/target/inkroom-bench.jar" --out "$out" "${targets[@]}"
