#!/usr/bin/env bash
# Runs the built WAR on Payara Micro (java -jar payara-micro.jar --deploy ... --contextroot /) in a
# server directory of its own, for the deployed tests (it/Target.java) and by hand or for the
# benchmark. The jar is the one `mvn verify` copies to target/payara/ (copied on demand when
# missing); the server directory keeps its data (the embedded H2 file) across restarts.
#
# Usage: scripts/payara.sh start|stop|kill9|status|pid|log|clean
#   start   starts Payara Micro in the background and waits until the application answers
#           /health/live (fails fast on a failed deployment or a wrong setting)
#   stop    graceful (SIGTERM; members get 1001), SIGKILL after STOP_TIMEOUT
#   kill9   SIGKILL, as a crash would        pid|log  print the JVM's pid / the log path
#   status  exit 0 when running              clean    removes the server directory (stopped only)
#
# Environment:
#   HTTP_PORT      HTTP port (default 9080)
#   WAR            the WAR (default <repo>/target/inkroom.war)
#   PAYARA_JAR     payara-micro jar (default <repo>/target/payara/payara-micro.jar; copied by Maven if missing)
#   PAYARA_BASE    server directory (default <repo>/target/payara-server): the working directory, so
#                  the embedded H2 file is inkroom-data/inkroom.mv.db there; runtime/ is Payara's
#                  --rootdir (recreated on each start), payara.log its output
#   SERVER_OPTS    extra JVM options and system properties, e.g. "-Xmx1g -Dinkroom.max.frame.bytes=131072"
#   PAYARA_OPTS    extra Payara Micro options, e.g. "--sslport 9443" (see java -jar payara-micro.jar --help)
#   READY_TIMEOUT  seconds to wait for readiness (default 180); STOP_TIMEOUT (default 60)
#   INKROOM_*      reach the application unchanged (INKROOM_DB_URL=jdbc:postgresql://... for PostgreSQL)
#   JAVA_HOME      the JDK to run on (default: java on PATH)
set -euo pipefail

NAME=payara
source "$(dirname "${BASH_SOURCE[0]}")/server-common.sh"
BASE="${PAYARA_BASE:-$REPO/target/payara-server}"
PID_FILE="$BASE/server.pid"
LOG_FILE="$BASE/payara.log"

usage() {
  sed -n '6,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  echo "Environment: HTTP_PORT (default 9080), WAR, SERVER_OPTS, INKROOM_*, ... (the header of $0 lists them all)" >&2
  exit 2
}

payara_jar() {
  local jar="${PAYARA_JAR:-$REPO/target/payara/payara-micro.jar}"
  if [[ ! -f "$jar" && -z "${PAYARA_JAR:-}" ]]; then
    say "no $jar; copying it (mvn dependency:copy@copy-payara)" >&2
    (cd "$REPO" && mvn -q -B dependency:copy@copy-payara >&2)
  fi
  [[ -f "$jar" ]] || { say "no Payara Micro jar at $jar" >&2; exit 1; }
  echo "$jar"
}

launch() {
  local jar
  jar="$(payara_jar)"
  # A fresh runtime directory each start: a kept one would carry the last run's deployment along.
  rm -rf "$BASE/runtime"
  # --nocluster: no Hazelcast discovery (nodes share rooms through Redis, see README).
  # shellcheck disable=SC2086 # SERVER_OPTS and PAYARA_OPTS are lists of arguments
  (cd "$BASE" && exec nohup "$JAVA" ${SERVER_OPTS:-} -jar "$jar" --deploy "$(readlink -f "$WAR")" --contextroot / \
      --port "$HTTP_PORT" --nocluster --rootdir "$BASE/runtime" ${PAYARA_OPTS:-} >> "$LOG_FILE" 2>&1 < /dev/null) &
  echo $! > "$PID_FILE"
  say "starting Payara Micro ($jar) on port $HTTP_PORT, server directory $BASE"
}

deploy_failed() {
  if new_log | grep -q "Failed to deploy\|Exception while loading the app\|deployment failed"; then
    say "the deployment failed" >&2
    return 0
  fi
  return 1
}

dispatch "$@"
