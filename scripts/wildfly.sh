#!/usr/bin/env bash
# Runs the built WAR on WildFly (the full distribution, default standalone.xml) as ROOT.war, in a
# server directory of its own, for the deployed tests (it/Target.java) and by hand or for the
# benchmark. The installation is the one `mvn verify` unpacks into target/wildfly/ (unpacked on
# demand when missing); the server directory keeps its data (the embedded H2 file) across restarts.
#
# Usage: scripts/wildfly.sh start|stop|kill9|status|pid|log|clean
#   start   copies the WAR in as ROOT.war, starts WildFly in the background and waits until the
#           application answers /health/live (fails fast on a failed deployment or a wrong setting)
#   stop    graceful (SIGTERM; members get 1001), SIGKILL after STOP_TIMEOUT
#   kill9   SIGKILL, as a crash would        pid|log  print the JVM's pid / the server.log path
#   status  exit 0 when running              clean    removes the server directory (stopped only)
#
# Environment:
#   HTTP_PORT      HTTP port (default 9080); management and HTTPS ports are picked free at random, below the
#                  kernel's range for outgoing connections' ports
#   BIND           address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
#   WAR            the WAR (default <repo>/target/inkroom.war)
#   WILDFLY_HOME   installation (default <repo>/target/wildfly/wildfly-*; unpacked by Maven if missing)
#   WILDFLY_BASE   server directory (default <repo>/target/wildfly-server): a copy of standalone/,
#                  with data/inkroom/ (the H2 file) and log/server.log
#   SERVER_OPTS    extra server arguments, e.g. "-Dinkroom.max.frame.bytes=131072" (system properties);
#                  JVM options (heap) go in JAVA_OPTS, as for bin/standalone.sh
#   READY_TIMEOUT  seconds to wait for readiness (default 180); STOP_TIMEOUT (default 60)
#   DISPATCH_TO_WORKER  true|false: the server's websockets dispatch-to-worker (server-wide; default:
#                  as the installation has it, true). Inkroom sets its own (inkroom.undertow.dispatch);
#                  the benchmark's bare relay floor runs with false (bench/run.sh)
#   INKROOM_*      reach the application unchanged (INKROOM_DB_URL=jdbc:postgresql://... for PostgreSQL)
#   JAVA_HOME      the JDK to run on (default: java on PATH)
set -euo pipefail

NAME=wildfly
source "$(dirname "${BASH_SOURCE[0]}")/server-common.sh"
BASE="${WILDFLY_BASE:-$REPO/target/wildfly-server}"
PID_FILE="$BASE/server.pid"
LOG_FILE="$BASE/log/server.log"
BIND="${BIND:-127.0.0.1}"

usage() {
  sed -n '6,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  echo "Environment: HTTP_PORT (default 9080), WAR, SERVER_OPTS, INKROOM_*, ... (the header of $0 lists them all)" >&2
  exit 2
}

installation() {
  if [[ -n "${WILDFLY_HOME:-}" ]]; then
    echo "$WILDFLY_HOME"
    return
  fi
  local found
  found="$(ls -d "$REPO"/target/wildfly/wildfly-* 2>/dev/null | head -n 1 || true)"
  if [[ -z "$found" ]]; then
    say "no WildFly in $REPO/target/wildfly; unpacking it (mvn dependency:unpack@unpack-wildfly)" >&2
    (cd "$REPO" && mvn -q -B dependency:unpack@unpack-wildfly >&2)
    found="$(ls -d "$REPO"/target/wildfly/wildfly-* 2>/dev/null | head -n 1 || true)"
  fi
  [[ -n "$found" ]] || { say "WildFly could not be unpacked" >&2; exit 1; }
  echo "$found"
}

launch() {
  local home mgmt https mgmt_https
  home="$(installation)"
  if [[ ! -f "$BASE/configuration/standalone.xml" ]]; then
    cp -a "$home/standalone/." "$BASE/"
  fi
  if [[ -n "${DISPATCH_TO_WORKER:-}" ]]; then
    [[ "$DISPATCH_TO_WORKER" == true || "$DISPATCH_TO_WORKER" == false ]] || { say "DISPATCH_TO_WORKER must be true or false"; exit 2; }
    sed -i -E "s#<websockets( dispatch-to-worker=\"[a-z]+\")?/>#<websockets dispatch-to-worker=\"$DISPATCH_TO_WORKER\"/>#" \
      "$BASE/configuration/standalone.xml"
    grep -q "<websockets dispatch-to-worker=\"$DISPATCH_TO_WORKER\"/>" "$BASE/configuration/standalone.xml" \
      || { say "could not set dispatch-to-worker in $BASE/configuration/standalone.xml"; exit 1; }
  fi
  rm -f "$BASE"/deployments/ROOT.war*
  cp "$WAR" "$BASE/deployments/ROOT.war"
  mkdir -p "$BASE/log"
  mgmt="$(free_port)"
  https="$(free_port)"
  mgmt_https="$(free_port)"
  # shellcheck disable=SC2086 # SERVER_OPTS is a list of arguments
  JBOSS_PIDFILE="$PID_FILE" LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$home/bin/standalone.sh" \
    -Djboss.server.base.dir="$BASE" -b "$BIND" -Djboss.http.port="$HTTP_PORT" -Djboss.https.port="$https" \
    -Djboss.management.http.port="$mgmt" -Djboss.management.https.port="$mgmt_https" \
    ${SERVER_OPTS:-} > "$BASE/log/console.out" 2>&1 < /dev/null &
  say "starting WildFly ($home) on port $HTTP_PORT (management $mgmt), server directory $BASE"
  # standalone.sh writes the JVM's pid only once it launched it
  local deadline=$((SECONDS + 30))
  while [[ ! -s "$PID_FILE" ]] && ((SECONDS < deadline)); do sleep 0.2; done
}

deploy_failed() {
  if [[ -f "$BASE/deployments/ROOT.war.failed" ]]; then
    say "the deployment failed:" >&2
    sed 's/^/  /' "$BASE/deployments/ROOT.war.failed" >&2
    return 0
  fi
  # A service that failed at boot (a listener that could not bind) leaves the WAR undeployed: say so
  # now rather than after READY_TIMEOUT.
  if new_log | grep -q "WFLYSRV0026.*started (with errors)"; then
    say "WildFly started with errors:" >&2
    new_log | grep "WFLYCTL0186\|Failed to start service" | head -n 4 | sed 's/^/  /' >&2 || true
    return 0
  fi
  return 1
}

dispatch "$@"
