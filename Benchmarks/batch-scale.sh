#!/bin/sh
# Scale benchmark of `ccplan batch` (issue #7): 1,000 queues × one year of 30-minute history
# (≈ 17.5 M rows, 909 MB, from the SampleData generator), forecast (auto) + 4-week plan, with
# 1 and 2 workers, wall clock and peak memory from /usr/bin/time -v; then the same run as 4
# shards + merge, checked byte for byte against the single run.
#
#   Benchmarks/batch-scale.sh                 # QUEUES=1000 WORKERS="1 2" WORK=/tmp/ccplan-batch-scale
#
# Goals on the 2-core build VM: < 60 s wall and < 4 GB peak with 2 workers.
set -eu
cd "$(dirname "$0")/.."
QUEUES=${QUEUES:-1000}
WORKERS=${WORKERS:-"1 2"}
WORK=${WORK:-/tmp/ccplan-batch-scale}
SHARDS=${SHARDS:-4}
BIN=${BIN:-.build/release/ccplan}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  swift build -c release --product ccplan ${SCRATCH:+--scratch-path "$SCRATCH"} >&2
  [ -n "${SCRATCH:-}" ] && BIN="$SCRATCH/release/ccplan"
fi
. Benchmarks/lib/batch-fixture.sh
batch_fixture "$WORK" "$QUEUES" "$BIN"
rows=$(($(wc -l < "$HISTORY") - 1))
bytes=$(wc -c < "$HISTORY")
echo "history: $QUEUES queues, $rows rows, $bytes bytes; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| workers | wall s | peak RSS MB | queues/s (whole run) | queues/s (planning) | read s |"
echo "|---:|---:|---:|---:|---:|---:|"
for w in $WORKERS; do
  rm -rf "$WORK/out-$w"
  /usr/bin/time -v "$BIN" batch --config "$WORK/batch.yaml" --out "$WORK/out-$w" --workers "$w" --no-progress 2> "$WORK/log-$w.txt"
  wall=$(grep 'Elapsed (wall clock)' "$WORK/log-$w.txt" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident' "$WORK/log-$w.txt" | awk '{print int($NF/1024)}')
  plan_rate=$(grep 'queues planned' "$WORK/log-$w.txt" | sed 's/.*rate_per_s=\([0-9.]*\).*/\1/')
  read_s=$(grep 'inputs read' "$WORK/log-$w.txt" | sed 's/.*seconds=\([0-9.]*\).*/\1/')
  rate=$(echo "$QUEUES $wall" | awk '{printf "%.1f", $1/$2}')
  echo "| $w | $wall | $rss | $rate | $plan_rate | $read_s |"
done
last=$(echo $WORKERS | awk '{print $NF}')

# The same run as shards (one after the other here; on a cluster they run at once) + merge.
rm -rf "$WORK/parts" "$WORK/merged"
i=0
start=$(date +%s.%N)
while [ $i -lt "$SHARDS" ]; do
  "$BIN" batch --config "$WORK/batch.yaml" --out "$WORK/parts" --shard "$i/$SHARDS" --workers "$last" --no-progress --log-level warning
  i=$((i + 1))
done
mid=$(date +%s.%N)
"$BIN" merge "$WORK/parts" --out "$WORK/merged" --log-level warning
end=$(date +%s.%N)
for f in forecast intervals daily weekly monthly failures; do
  cmp -s "$WORK/merged/$f.csv" "$WORK/out-$last/$f.csv" || { echo "MISMATCH: $f.csv" >&2; exit 1; }
done
echo
echo "$SHARDS shards in sequence: $(echo "$mid $start" | awk '{printf "%.1f", $1-$2}') s; merge: $(echo "$end $mid" | awk '{printf "%.1f", $1-$2}') s; merged files identical to the single run."
