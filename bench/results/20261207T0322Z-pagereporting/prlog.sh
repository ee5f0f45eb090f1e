#!/bin/bash
# logs page reporting counters once a second: epoch_ms passes reported_kib walked
P=/sys/module/page_reporting/parameters
while true; do echo "$(date +%s%3N) $(cat $P/passes) $(cat $P/reported_kib) $(cat $P/walked)"; sleep 1; done
