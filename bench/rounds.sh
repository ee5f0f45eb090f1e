#!/usr/bin/env bash
# Repeated steps at the rates a target names, the floor, Inkroom and the seed taking turns: bench/run.sh
# ROUNDS times (default 3) with this environment, then bench/passes.py over all of them. One rate search
# on this box moves by more than the targets are apart (BENCHMARKS.md, sessions 25-26); how many of
# each one's steps pass at one rate, round after round, is what can tell them apart.
# Each round is bench/results/<start>-r<N>*; the table goes to bench/results/<start>-passes.md.
#
#   ROUNDS=3 SERVERS="liberty17 seed" APPS="floor inkroom" CLIENTS=plain WORKLOADS=1,2 \
#     RATES_1=2750,3000,2750,3000 RATES_2=4000,5000,4000,5000 bash bench/rounds.sh
#
# MEASURE_UP_TO defaults to the highest of RATES, RATES_1 and RATES_2, so every step is measured
# even after one fails. Everything else is bench/run.sh's.
set -euo pipefail

bench=$(cd "$(dirname "$0")" && pwd)
rounds=${ROUNDS:-3}
start=$(date -u +%Y%m%dT%H%M%SZ)
top=0
for r in ${RATES:-} ${RATES_1:-} ${RATES_2:-}; do
  for v in ${r//,/ }; do
    [ "$v" -gt "$top" ] && top=$v
  done
done
export MEASURE_UP_TO=${MEASURE_UP_TO:-$top}
stamps=()
for n in $(seq 1 "$rounds"); do
  echo "[rounds.sh $(date -u +%H:%M:%S)] round $n of $rounds"
  STAMP=$start-r$n bash "$bench/run.sh"
  stamps+=("$start-r$n")
done
python3 "$bench/passes.py" "$bench/results" "${stamps[@]}" | tee "$bench/results/$start-passes.md"
