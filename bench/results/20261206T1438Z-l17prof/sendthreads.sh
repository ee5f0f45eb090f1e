#!/bin/bash
# Session 38: every 5 s, how many inkroom-send writer threads the Liberty server has (thread names from /proc).
while true; do
  for p in $(pgrep -f ws-server.jar); do
    [ "$(cat /proc/$p/comm 2>/dev/null)" = java ] || continue
    n=$(cat /proc/$p/task/*/comm 2>/dev/null | grep -c '^inkroom-send-[0-9]')
    echo "$(date -u +%T) pid=$p inkroom_send_threads=$n"
  done
  sleep 5
done
