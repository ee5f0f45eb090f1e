#!/usr/bin/env bash
# Takes docs/dashboard.png: the Grafana dashboard ops/grafana/inkroom.json rendered from a real run.
#
# It starts Inkroom (one Liberty node of scripts/cluster.sh with a private Redis, so the Cluster row
# has data, and its own H2 file), drives LOAD_SECONDS of scripted load with real WebSocket clients
# (scripts/dashboard/load.mjs) while scraping GET /metrics every SCRAPE_SECONDS, checks the dashboard
# against the last scrape (scripts/dashboard/check-dashboard.mjs), renders every panel from the
# scrapes into an HTML page (scripts/dashboard/render.mjs evaluates the panels' PromQL) and
# screenshots it with headless Chromium. No Grafana or Prometheus needed.
#
# Usage: scripts/dashboard-screenshot.sh
# Environment:
#   BASE_URL        use a server that is already running (e.g. http://127.0.0.1:9080) instead
#   HTTP_PORT       port of the node started here (default 19380)
#   REDIS_PORT      port of the private redis-server started here (default 16380)
#   LOAD_SECONDS    length of the load (default 75)
#   SCRAPE_SECONDS  scrape interval (default 2)
#   OUT             the PNG (default docs/dashboard.png)
# Needs Node 20+, Chromium (Debian's chromium; scripts/ensure-chromium.sh installs it), and, when it
# starts the server, Maven and redis-server (scripts/ensure-redis.sh installs it).
# Work files (scrapes, the page, logs): target/dashboard/.
set -euo pipefail

readonly REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly WORK="$REPO/target/dashboard"
readonly PORT="${HTTP_PORT:-19380}"
readonly REDIS_PORT="${REDIS_PORT:-16380}"
readonly LOAD_SECONDS="${LOAD_SECONDS:-75}"
export SCRAPE_SECONDS="${SCRAPE_SECONDS:-2}"
OUT="${OUT:-$REPO/docs/dashboard.png}"
[[ "$OUT" = /* ]] || OUT="$PWD/$OUT"

say() { echo "dashboard: $*"; }

mkdir -p "$WORK" "$(dirname "$OUT")"
rm -f "$WORK/series.jsonl" "$WORK/metrics.txt" "$WORK/dashboard.html"

# Node 22+ has WebSocket; Node 20/21 need the flag.
NODE_FLAGS=()
if ! node -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null; then
  NODE_FLAGS=(--experimental-websocket)
  node "${NODE_FLAGS[@]}" -e 'process.exit(typeof WebSocket === "function" ? 0 : 1)' 2>/dev/null \
    || { say "needs Node 20 or newer (a WebSocket client); found $(node --version 2>/dev/null || echo none)" >&2; exit 1; }
fi
CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$CHROMIUM" ]]; then
  "$REPO/scripts/ensure-chromium.sh"
  CHROMIUM="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
  [[ -n "$CHROMIUM" ]] || { say "no Chromium to take the screenshot with" >&2; exit 1; }
fi

REDIS_PID=""
STARTED=""
cleanup() {
  if [[ -n "$STARTED" ]]; then
    NODE_PORTS="$PORT" "$REPO/scripts/cluster.sh" stop || true
  fi
  if [[ -n "$REDIS_PID" ]]; then
    kill "$REDIS_PID" 2>/dev/null || true
    wait "$REDIS_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT

if [[ -z "${BASE_URL:-}" ]]; then
  command -v redis-server >/dev/null || "$REPO/scripts/ensure-redis.sh"
  command -v redis-server >/dev/null || { say "no redis-server; set BASE_URL to a running server instead" >&2; exit 1; }
  if (exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT") 2>/dev/null; then
    say "port $REDIS_PORT is taken; set REDIS_PORT" >&2
    exit 1
  fi
  say "starting a private redis-server on port $REDIS_PORT (no persistence)"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --dir "$WORK" \
    > "$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 1 50); do
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done

  # The goals `mvn verify` and cluster.sh use: the WAR and the Liberty server the node is copied from.
  say "building (mvn -DskipTests package liberty:create liberty:install-feature liberty:deploy)"
  (cd "$REPO" && mvn -q -B -Dstyle.color=never -DskipTests package liberty:create liberty:install-feature liberty:deploy)
  rm -rf "$WORK/h2"
  STARTED=yes
  INKROOM_REDIS_URI="redis://127.0.0.1:$REDIS_PORT" \
    INKROOM_DB_DRIVER=h2 INKROOM_DB_URL="jdbc:h2:$WORK/h2/inkroom;WRITE_DELAY=0" \
    INKROOM_DB_USER=inkroom INKROOM_DB_PASSWORD=inkroom \
    NODE_PORTS="$PORT" "$REPO/scripts/cluster.sh" start
  BASE_URL="http://127.0.0.1:$PORT"
fi
BASE_URL="${BASE_URL%/}"
curl -fsS -o /dev/null "$BASE_URL/health/ready" || { say "$BASE_URL/health/ready does not answer 200" >&2; exit 1; }

say "load for $LOAD_SECONDS s against $BASE_URL, scraping /metrics every $SCRAPE_SECONDS s"
node "${NODE_FLAGS[@]}" "$REPO/scripts/dashboard/load.mjs" "$BASE_URL" "$WORK/series.jsonl" "$LOAD_SECONDS" \
  | tee "$WORK/load.log"

node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n");process.stdout.write(JSON.parse(l[l.length-1]).text)' \
  "$WORK/series.jsonl" > "$WORK/metrics.txt"
node "$REPO/scripts/dashboard/check-dashboard.mjs" "$REPO/ops/grafana/inkroom.json" "$WORK/metrics.txt"

INSTANCE="$(node -e 'console.log(new URL(process.argv[1]).host)' "$BASE_URL")"
node "$REPO/scripts/dashboard/render.mjs" "$REPO/ops/grafana/inkroom.json" "$WORK/series.jsonl" \
  "$WORK/dashboard.html" "$INSTANCE" | tee "$WORK/render.log"
SIZE="$(sed -n 's/^page \([0-9]*\)x\([0-9]*\)$/\1,\2/p' "$WORK/render.log")"

"$CHROMIUM" --headless=new --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
  --force-device-scale-factor=1 --window-size="$SIZE" --screenshot="$OUT" "file://$WORK/dashboard.html" \
  > "$WORK/chromium.log" 2>&1 || { cat "$WORK/chromium.log" >&2; exit 1; }
say "wrote $OUT (${SIZE/,/x}); the page: $WORK/dashboard.html"
