# Shared by scripts/wildfly.sh and scripts/payara.sh (sourced, not run): pid files, readiness by
# polling, graceful stop with a SIGKILL fallback. The caller defines NAME, BASE, PID_FILE, LOG_FILE
# and the functions launch (starts the server in the background, writes PID_FILE) and
# deploy_failed (prints why and returns 0 when the server reported a failed deployment).

readonly REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HTTP_PORT="${HTTP_PORT:-9080}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
STOP_TIMEOUT="${STOP_TIMEOUT:-60}"
WAR="${WAR:-$REPO/target/inkroom.war}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

say() { echo "$NAME: $*"; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port nothing listens on now, below the kernel's range for outgoing connections' local ports
# (net.ipv4.ip_local_port_range, 32768-60999 by default): a port picked inside it can be given to an
# outgoing connection before the server binds it (a CI run lost WildFly's HTTPS listener that way).
# The race with another server picking the same port is left to cmd_start's retry.
free_port() {
  local p i low=32768 span
  if [[ -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
    read -r low _ < /proc/sys/net/ipv4/ip_local_port_range
  fi
  span=$((low - 20000))
  if ((span < 1000)); then
    span=10000 # an unusual range: fall back to 20000-29999
  fi
  for i in $(seq 1 200); do
    p=$((20000 + RANDOM % span))
    if ! port_in_use "$p"; then
      echo "$p"
      return 0
    fi
  done
  say "no free port found" >&2
  return 1
}

# The server's JVM pid, or nothing when it does not run (a pid file outlives kill -9, and its number
# may be reused: the process must still run from this server directory).
server_pid() {
  local pid cwd
  [[ -f "$PID_FILE" ]] || return 0
  pid="$(tr -d '[:space:]' < "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  if grep -qaF -- "$BASE" "/proc/$pid/cmdline" 2>/dev/null || {
      cwd="$(readlink -f "/proc/$pid/cwd" 2>/dev/null)" && [[ "$cwd" == "$(readlink -f "$BASE")" ]]; }; then
    echo "$pid"
  fi
}

http_code() {
  curl -s -o /dev/null -w '%{http_code}' --connect-timeout 2 --max-time 5 "http://127.0.0.1:$HTTP_PORT$1" 2>/dev/null || true
}

log_tail() {
  say "$LOG_FILE ends:" >&2
  tail -n 60 "$LOG_FILE" 2>/dev/null | sed 's/^/  /' >&2 || true
}

wait_gone() {
  local pid="$1" deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.2
  done
}

# What the server logged since this start (LOG_OFFSET is the log's size when it was launched).
LOG_OFFSET=0
new_log() { tail -c "+$((LOG_OFFSET + 1))" "$LOG_FILE" 2>/dev/null || true; }

# Ready = the application itself answers /health/live with 200 (the server's own welcome page on
# / could answer before the WAR is deployed).
await_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT)) pid
  while true; do
    pid="$(server_pid)"
    if [[ -z "$pid" ]]; then
      say "the server process is gone before answering" >&2
      log_tail
      return 1
    fi
    if deploy_failed || new_log | grep -q "Inkroom cannot start"; then
      new_log | grep -A3 "Inkroom cannot start" | head -n 8 | sed 's/^/  /' >&2 || true
      log_tail
      return 1
    fi
    if [[ "$(http_code /health/live)" == 200 ]]; then
      say "ready on http://127.0.0.1:$HTTP_PORT/ (pid $pid), log: $LOG_FILE"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      say "not ready within ${READY_TIMEOUT}s (pid $pid still running; '$0 stop' ends it)" >&2
      log_tail
      return 1
    fi
    sleep 0.5
  done
}

cmd_start() {
  if [[ -n "$(server_pid)" ]]; then
    say "already running (pid $(server_pid)); stopping it first"
    cmd_stop
  fi
  if [[ ! -f "$WAR" ]]; then
    say "no WAR at $WAR (run 'mvn -DskipTests package' or set WAR=...)" >&2
    exit 1
  fi
  if port_in_use "$HTTP_PORT"; then
    say "port $HTTP_PORT is already in use; set HTTP_PORT to a free one" >&2
    exit 1
  fi
  mkdir -p "$BASE"
  local attempt
  for attempt in 1 2 3; do
    LOG_OFFSET="$(stat -c %s "$LOG_FILE" 2>/dev/null || echo 0)"
    launch
    if await_ready; then
      return 0
    fi
    # A port this script picked as free (WildFly's management and HTTPS ports) can be taken by
    # another process before the server binds it. That server is of no use (WildFly leaves the WAR
    # undeployed) and holds the other ports: stop it, then try again with others. (A server that
    # came up but whose application refused to start stays up, its log saying why.)
    if new_log | grep -q "Address already in use"; then
      cmd_stop > /dev/null
      if ! port_in_use "$HTTP_PORT" && ((attempt < 3)); then
        say "a port was taken meanwhile; starting again (attempt $((attempt + 1)) of 3)" >&2
        continue
      fi
    fi
    exit 1
  done
  exit 1
}

# SIGTERM: both servers shut down gracefully on it (the application is undeployed, members get 1001).
cmd_stop() {
  local pid
  pid="$(server_pid)"
  if [[ -z "$pid" ]]; then
    say "not running"
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  if wait_gone "$pid" "$STOP_TIMEOUT"; then
    say "stopped (pid $pid)"
  else
    say "did not stop within ${STOP_TIMEOUT}s; killing pid $pid" >&2
    kill -9 "$pid" 2>/dev/null || true
    wait_gone "$pid" 30 || true
  fi
  rm -f "$PID_FILE"
}

# SIGKILL: no shutdown hook, no flush, no close frames (what a crash looks like).
cmd_kill9() {
  local pid
  pid="$(server_pid)"
  if [[ -z "$pid" ]]; then
    say "not running" >&2
    exit 1
  fi
  kill -9 "$pid"
  wait_gone "$pid" 30
  say "killed pid $pid with SIGKILL"
}

cmd_status() {
  local pid answer=no
  pid="$(server_pid)"
  if [[ -n "$pid" && "$(http_code /health/live)" == 200 ]]; then answer=yes; fi
  printf '%-8s %-6s %-8s %-8s %s\n' SERVER PORT PID ANSWERS LOG
  printf '%-8s %-6s %-8s %-8s %s\n' "$NAME" "$HTTP_PORT" "${pid:--}" "$answer" "$LOG_FILE"
  [[ -n "$pid" ]]
}

dispatch() {
  case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    kill9) cmd_kill9 ;;
    status) cmd_status ;;
    pid) server_pid ;;
    log) echo "$LOG_FILE" ;;
    clean)
      if [[ -n "$(server_pid)" ]]; then say "running; stop it first" >&2; exit 1; fi
      rm -rf "$BASE"
      say "removed $BASE"
      ;;
    *) usage ;;
  esac
}
