#!/usr/bin/env bash
# Forecasting many queues: `ccplan forecast --model auto --horizon 28d` on QUEUES generated queues
# (default 1,000) × one year of 30-minute history (the SampleData generator), with 1 and with all
# workers. Prints wall-clock time, queues per second and peak memory of each run (/usr/bin/time).
# Goal (issue 5): 1,000 queues under 30 s on a 2-core machine, backtests included.
#
# Usage: Benchmarks/forecast-scale.sh [QUEUES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
queues=${1:-1000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
swift build -c release --product ccplan >/dev/null
bin=$(swift build -c release --show-bin-path)/ccplan
"$bin" sample-data --out "$work/history.csv" --queues "$queues" --years 1
echo "history: $queues queues, $(($(wc -l < "$work/history.csv") - 1)) rows, $(du -h "$work/history.csv" | cut -f1)"
for workers in 1 "$(nproc)"; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" forecast --history "$work/history.csv" --timezone Europe/Berlin \
        --horizon 28d --workers "$workers" --out "$work/forecast-$workers.csv"
    read -r seconds kb < "$work/time"
    printf 'workers %s: %6.1f s wall, %6.1f queues/s, peak %d MB\n' "$workers" "$seconds" \
        "$(awk -v q="$queues" -v s="$seconds" 'BEGIN { print q / s }')" "$((kb / 1024))"
done
cmp -s "$work/forecast-1.csv" "$work/forecast-$(nproc).csv" && echo "outputs byte-identical across worker counts"
