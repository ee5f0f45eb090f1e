#!/usr/bin/env bash
# Runs several Open Liberty nodes of the built WAR on this machine, each its own Liberty server
# (inkroom-node-<port>) sharing one installation, one Redis and one PostgreSQL: a cluster on one box
# for trying the Redis bus by hand, and the mechanism the failsafe ITs use (it/ClusterNodes.java).
#
# Usage: scripts/cluster.sh start|stop|status|kill9 PORT|start-node PORT
#
# Environment:
#   NODE_PORTS             HTTP ports, one node each (default "9081 9082"; e.g. "9081 9082 9083")
#   CLUSTER_WLP            Liberty installation (default <repo>/target/liberty/wlp; built when missing)
#   CLUSTER_READY_TIMEOUT  seconds the nodes get to answer HTTP 200 (default 120)
#   INKROOM_REDIS_URI      default redis://127.0.0.1:6379
#   INKROOM_DB_DRIVER      default postgresql (all nodes share one database, as in production)
#   INKROOM_DB_URL         default jdbc:postgresql://127.0.0.1:5432/test
#   INKROOM_DB_USER        default postgres
#   INKROOM_DB_PASSWORD    default empty (the local PostgreSQL trusts local connections)
#   any other INKROOM_*    reaches every node unchanged; JAVA_HOME and JVM_ARGS work as for bin/server.
# Each node also gets HTTP_PORT=<port> and INKROOM_NODE_ID=node-<port>.
# Its log: <CLUSTER_WLP>/usr/servers/inkroom-node-<port>/logs/messages.log
set -euo pipefail

readonly REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly WLP="${CLUSTER_WLP:-$REPO/target/liberty/wlp}"
readonly SERVERS="$WLP/usr/servers"
readonly TEMPLATE="$SERVERS/inkroom"
readonly READY_TIMEOUT="${CLUSTER_READY_TIMEOUT:-120}"
readonly STOP_TIMEOUT=60
read -r -a PORTS <<< "${NODE_PORTS:-9081 9082}"

# Liberty reads these to place servers and logs elsewhere; a caller's value would make the paths
# this script prints and the pid files it reads wrong.
unset WLP_USER_DIR WLP_OUTPUT_DIR

usage() {
  echo "usage: $0 start|stop|status|kill9 PORT|start-node PORT   (nodes: NODE_PORTS=\"${PORTS[*]}\")" >&2
  exit 2
}

say() { echo "cluster: $*"; }

node_name() { echo "inkroom-node-$1"; }
node_dir() { echo "$SERVERS/$(node_name "$1")"; }
node_log() { echo "$(node_dir "$1")/logs/messages.log"; }
pid_file() { echo "$SERVERS/.pid/$(node_name "$1").pid"; }

# Whether pid is this node's Liberty JVM: a pid file outlives a kill -9 and its number may be
# reused, and a JVM's working directory is its server's directory.
is_node_jvm() {
  local pid="$1" port="$2" cwd
  cwd="$(readlink -f "/proc/$pid/cwd" 2>/dev/null)" || return 1
  [[ "$cwd" == "$(readlink -f "$(node_dir "$port")")" ]]
}

# The node's JVM pid, or nothing when it does not run. Liberty writes the pid file only once
# `bin/server start` has seen the server start, so a JVM still starting is found by its command line.
node_pid() {
  local port="$1" f pid
  f="$(pid_file "$port")"
  if [[ -f "$f" ]]; then
    pid="$(tr -d '[:space:]' < "$f")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && is_node_jvm "$pid" "$port"; then
      echo "$pid"
      return 0
    fi
  fi
  for pid in $(pgrep -f -- "ws-server\.jar $(node_name "$port")( |\$)" || true); do
    if is_node_jvm "$pid" "$port"; then
      echo "$pid"
      return 0
    fi
  done
}

http_code() {
  curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "http://127.0.0.1:$1/" 2>/dev/null || true
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

log_tail() {
  say "node-$1 messages.log ($(node_log "$1")) ends:" >&2
  tail -n 40 "$(node_log "$1")" 2>/dev/null | sed 's/^/  /' >&2 || true
}

# Builds the installation and the template server with the goals `mvn verify` uses (minus start),
# so a node runs exactly what the deployed tests run.
ensure_template() {
  if [[ ! -x "$WLP/bin/server" || ! -f "$TEMPLATE/server.xml" || ! -f "$TEMPLATE/apps/inkroom.war" ]]; then
    say "no Liberty server at $TEMPLATE; building it (mvn package liberty:create liberty:install-feature liberty:deploy)"
    (cd "$REPO" && mvn -q -B -Dstyle.color=never -DskipTests package liberty:create liberty:install-feature liberty:deploy)
    if [[ ! -f "$TEMPLATE/apps/inkroom.war" ]]; then
      say "the build did not produce $TEMPLATE/apps/inkroom.war (is CLUSTER_WLP=$WLP this repo's target/liberty/wlp?)" >&2
      exit 1
    fi
  fi
  # A `mvn package` after the server was made leaves it on the old WAR; nodes should run the new one.
  if [[ -f "$REPO/target/inkroom.war" && "$REPO/target/inkroom.war" -nt "$TEMPLATE/apps/inkroom.war" ]]; then
    say "copying the newer target/inkroom.war into $TEMPLATE/apps"
    cp "$REPO/target/inkroom.war" "$TEMPLATE/apps/inkroom.war"
  fi
}

# A fresh server directory per node: the template's configuration, drivers and WAR, none of its
# (or a previous run's) logs, workarea, transaction log or H2 data, so nothing stale leaks in.
make_node_dir() {
  local port="$1" dir entry
  dir="$(node_dir "$port")"
  rm -rf "$dir"
  mkdir -p "$dir"
  for entry in "$TEMPLATE"/* "$TEMPLATE"/.[!.]*; do
    [[ -e "$entry" ]] || continue
    case "$(basename "$entry")" in
      logs | workarea | tranlog | data | messaging) continue ;;
    esac
    cp -a "$entry" "$dir/"
  done
  # `mvn verify` writes its reserved port into this override as <variable name="http.port" value=…>;
  # a value there beats HTTP_PORT from the environment and would put every node on that one port.
  local overrides="$dir/configDropins/overrides/liberty-plugin-variable-config.xml"
  if [[ -f "$overrides" ]]; then
    sed -i '/<variable name="http\.port"/d' "$overrides"
  fi
}

# Runs bin/server for one node with the node's environment. Liberty resolves ${http.port} from the
# environment as http.port, http_port or HTTP_PORT (first found; any of them beats the server.xml
# defaultValue), so a stray lower-case http_port from the caller is removed.
server_cmd() {
  local port="$1"
  shift
  env -u http_port \
    HTTP_PORT="$port" \
    INKROOM_NODE_ID="node-$port" \
    INKROOM_REDIS_URI="${INKROOM_REDIS_URI:-redis://127.0.0.1:6379}" \
    INKROOM_DB_DRIVER="${INKROOM_DB_DRIVER:-postgresql}" \
    INKROOM_DB_URL="${INKROOM_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}" \
    INKROOM_DB_USER="${INKROOM_DB_USER:-postgres}" \
    INKROOM_DB_PASSWORD="${INKROOM_DB_PASSWORD:-}" \
    "$WLP/bin/server" "$@"
}

start_out() { echo "$SERVERS/.logs/$(node_name "$1")-start.out"; }

# Launches `bin/server start` for each port in the background, recording its pid in LAUNCHER.
# bin/server start blocks until the server reports started and has no time limit of its own
# (a hung server keeps it waiting for ever), so await_ready enforces the limit instead.
declare -A LAUNCHER=()
launch() {
  local port
  mkdir -p "$SERVERS/.logs"
  for port in "$@"; do
    server_cmd "$port" start "$(node_name "$port")" --clean > "$(start_out "$port")" 2>&1 &
    LAUNCHER[$port]=$!
  done
}

descendants() {
  local child
  for child in $(pgrep -P "$1" || true); do
    echo "$child"
    descendants "$child"
  done
}

# Ends a bin/server start that still waits (with its status-check JVM), but not the node's JVM: that
# one stays for `stop`, or for a look with jstack.
end_launcher() {
  local lp="$1" port="$2" jvm pid
  jvm="$(node_pid "$port")"
  for pid in $(descendants "$lp"); do
    if [[ "$pid" != "$jvm" ]]; then kill "$pid" 2>/dev/null || true; fi
  done
  kill "$lp" 2>/dev/null || true
}

# Waits until every given node's bin/server start succeeded and the node answers 200 on /, within
# READY_TIMEOUT seconds in all. A node that fails is reported at once, not after the timeout.
await_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) pending=("$@") still port lp failed=0
  while ((${#pending[@]} > 0)); do
    still=()
    for port in "${pending[@]}"; do
      lp="${LAUNCHER[$port]:-}"
      if [[ -n "$lp" ]] && kill -0 "$lp" 2>/dev/null; then
        still+=("$port")
        continue
      fi
      if [[ -n "$lp" ]]; then
        LAUNCHER[$port]=""
        if ! wait "$lp"; then
          say "node-$port: bin/server start failed:" >&2
          sed 's/^/  /' "$(start_out "$port")" >&2
          log_tail "$port"
          failed=1
          continue
        fi
      fi
      # Liberty answers on / even when the application failed to start (CWWKZ0012I), so the log
      # must also say the application started (CWWKZ0001I).
      if grep -q "CWWKZ0012I\|CWWKZ0002E" "$(node_log "$port")" 2>/dev/null; then
        say "node-$port: the application did not start" >&2
        log_tail "$port"
        failed=1
      elif [[ "$(http_code "$port")" == 200 ]] && grep -q "CWWKZ0001I" "$(node_log "$port")" 2>/dev/null; then
        say "node-$port ready on http://127.0.0.1:$port/ (pid $(node_pid "$port")), log: $(node_log "$port")"
      elif [[ -z "$(node_pid "$port")" ]]; then
        say "node-$port: its JVM is gone before answering" >&2
        log_tail "$port"
        failed=1
      else
        still+=("$port")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    if ((${#pending[@]} > 0 && SECONDS >= deadline)); then
      for port in "${pending[@]}"; do
        say "node-$port did not answer HTTP 200 within ${READY_TIMEOUT}s" >&2
        log_tail "$port"
        lp="${LAUNCHER[$port]:-}"
        if [[ -n "$lp" ]]; then end_launcher "$lp" "$port"; fi
      done
      return 1
    fi
    if ((${#pending[@]} > 0)); then sleep 0.5; fi
  done
  return "$failed"
}

wait_gone() {
  local pid="$1" limit="$2" deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "pid $pid still alive after ${limit}s" >&2
      return 1
    fi
    sleep 0.1
  done
}

stop_node() {
  local port="$1" pid
  pid="$(node_pid "$port")"
  if [[ -z "$pid" ]]; then
    say "node-$port not running"
    return 0
  fi
  if timeout "$STOP_TIMEOUT" "$WLP/bin/server" stop "$(node_name "$port")" > /dev/null 2>&1 \
      && wait_gone "$pid" "$STOP_TIMEOUT"; then
    say "node-$port stopped"
  else
    # A node that cannot stop gracefully would keep its port and break the next start.
    say "node-$port did not stop gracefully within ${STOP_TIMEOUT}s; killing pid $pid" >&2
    kill -9 "$pid" 2>/dev/null || true
    wait_gone "$pid" 30
  fi
}

# Refuses a port something else listens on: the readiness check would otherwise see that other
# server answer and call the node started.
check_port_free() {
  if port_in_use "$1"; then
    say "port $1 is already in use by a process that is not node-$1 of $WLP; pick other NODE_PORTS" >&2
    return 1
  fi
}

cmd_start() {
  local port
  ensure_template
  # Nodes left running by an earlier start would hold their ports and their directories.
  for port in "${PORTS[@]}"; do
    if [[ -n "$(node_pid "$port")" ]]; then stop_node "$port"; fi
  done
  for port in "${PORTS[@]}"; do
    check_port_free "$port"
    make_node_dir "$port"
  done
  say "starting ${#PORTS[@]} node(s) on ports ${PORTS[*]} (Liberty $WLP)"
  # In parallel: a node takes 10-40 s to start here, mostly in its own single-threaded phases.
  launch "${PORTS[@]}"
  if ! await_ready "${PORTS[@]}"; then
    say "start failed; nodes that did start are still running (scripts/cluster.sh stop)" >&2
    exit 1
  fi
  say "all ${#PORTS[@]} node(s) ready"
}

cmd_stop() {
  local port pids=() rc=0
  for port in "${PORTS[@]}"; do
    stop_node "$port" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || rc=1
  done
  return "$rc"
}

cmd_status() {
  local port pid answer
  printf '%-6s %-8s %-8s %s\n' PORT PID ANSWERS LOG
  for port in "${PORTS[@]}"; do
    pid="$(node_pid "$port")"
    answer="no"
    if [[ "$(http_code "$port")" == 200 ]]; then answer="yes"; fi
    printf '%-6s %-8s %-8s %s\n' "$port" "${pid:--}" "$answer" "$(node_log "$port")"
  done
}

cmd_kill9() {
  local port="$1" pid
  pid="$(node_pid "$port")"
  if [[ -z "$pid" ]]; then
    say "node-$port not running" >&2
    exit 1
  fi
  kill -9 "$pid"
  wait_gone "$pid" 30
  say "node-$port (pid $pid) killed with SIGKILL"
}

cmd_start_node() {
  local port="$1"
  if [[ -n "$(node_pid "$port")" ]]; then stop_node "$port"; fi
  check_port_free "$port"
  # Kept, not recreated: a restart after kill9 finds what the node left behind (its logs, its H2
  # file when INKROOM_DB_DRIVER=h2); --clean still drops Liberty's caches.
  if [[ ! -f "$(node_dir "$port")/server.xml" ]]; then
    ensure_template
    make_node_dir "$port"
  fi
  launch "$port"
  if ! await_ready "$port"; then
    exit 1
  fi
}

need_port() {
  [[ "${1:-}" =~ ^[0-9]+$ ]] || usage
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  kill9) need_port "${2:-}"; cmd_kill9 "$2" ;;
  start-node) need_port "${2:-}"; cmd_start_node "$2" ;;
  *) usage ;;
esac
