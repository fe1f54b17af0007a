#!/bin/sh
# Scale benchmark of `ccplan monitor` (issue #14): a 1,000-queue batch output (one year of
# 30-minute history per queue, a 4-week plan, from the SampleData generator) reviewed against four
# weeks of actuals of every queue (made by `ccplan sample-data --plan --actuals`: the generator's
# own process continued, each interval's service simulated contact by contact), with 1 and 2
# workers: wall clock and peak memory from /usr/bin/time -v, the outputs compared byte for byte.
#
#   Benchmarks/monitor-scale.sh        # QUEUES=1000 WORKERS="1 2" WORK=/tmp/ccplan-monitor-scale
#
# Goal on the 2-core build VM: under 10 s.
set -eu
cd "$(dirname "$0")/.."
QUEUES=${QUEUES:-1000}
WORKERS=${WORKERS:-"1 2"}
WORK=${WORK:-/tmp/ccplan-monitor-scale}
BIN=${BIN:-.build/release/ccplan}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[ "${SKIP_BUILD:-0}" = 1 ] || swift build -c release --product ccplan >&2
. Benchmarks/lib/batch-fixture.sh
batch_fixture "$WORK" "$QUEUES" "$BIN"
[ -s "$WORK/plan/manifest.json" ] || "$BIN" batch --config "$WORK/batch.yaml" --out "$WORK/plan" --no-progress --log-level warning
ACTUALS="$WORK/actuals-$QUEUES.csv"
[ -s "$ACTUALS" ] || "$BIN" sample-data --out "$WORK/history-again.csv" --queues "$QUEUES" --years 1 \
  --plan "$WORK/plan" --actuals "$ACTUALS"
rm -f "$WORK/history-again.csv"
rows=$(($(wc -l < "$ACTUALS") - 1))
echo "plan: $QUEUES queues × 4 weeks; actuals: $rows rows, $(wc -c < "$ACTUALS") bytes; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| workers | wall s | peak RSS MB |"
echo "|---:|---:|---:|"
for w in $WORKERS; do
  for run in 1 2 3; do
    rm -rf "$WORK/review-$w"
    /usr/bin/time -v "$BIN" monitor --plan "$WORK/plan" --actuals "$ACTUALS" --out "$WORK/review-$w" --workers "$w" \
      > /dev/null 2> "$WORK/log-$w.txt" || [ $? = 4 ]
    wall=$(grep 'Elapsed (wall clock)' "$WORK/log-$w.txt" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    rss=$(grep 'Maximum resident' "$WORK/log-$w.txt" | awk '{print int($NF/1024)}')
    echo "$wall $rss" >> "$WORK/times-$w.txt"
  done
  sort -n "$WORK/times-$w.txt" | sed -n 2p | awk -v w="$w" '{print "| " w " | " $1 " | " $2 " |"}'
  rm -f "$WORK/times-$w.txt"
done
first=$(echo $WORKERS | awk '{print $1}'); last=$(echo $WORKERS | awk '{print $NF}')
for f in intervals.csv daily.csv weekly.csv monthly.csv; do
  cmp -s "$WORK/review-$first/$f" "$WORK/review-$last/$f" || { echo "$f differs between worker counts" >&2; exit 1; }
done
echo
echo "outputs identical with $first and $last workers (medians of 3 runs)"
