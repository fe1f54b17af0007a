#!/bin/sh
# How `ccplan plan --scenarios` scales with the number of scenarios (issue #13: "1,000 scenarios
# take 24 s, 3,000 take 108 s"). A plan's work is linear in the scenarios (each is staffed and
# rolled up once); this script shows whether the whole process is: it plans a forecast of the 3
# sample queues over HORIZON under generated scenario files of N scenarios (volume factors
# 1.0000 …) and prints the median wall clock of RUNS runs and the time per scenario.
#
#   Benchmarks/scenario-scale.sh                     # COUNTS="500 1000 2000 3000" HORIZON=1w RUNS=3
#   BIN=/path/to/other/ccplan SKIP_BUILD=1 Benchmarks/scenario-scale.sh   # a peer binary, same inputs
#
# Linear means the per-scenario time stays flat; a quadratic step shows as a per-scenario time
# that doubles with N.
set -eu
cd "$(dirname "$0")/.."
COUNTS=${COUNTS:-"500 1000 2000 3000"}
HORIZON=${HORIZON:-1w}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/ccplan-scenario-scale}
BIN=${BIN:-.build/release/ccplan}
if [ "${SKIP_BUILD:-0}" != 1 ]; then swift build -c release --product ccplan >&2; fi
mkdir -p "$WORK"
FORECAST="$WORK/forecast.csv"
"$BIN" forecast --history SampleData/contact-history.csv --timezone Europe/Berlin --horizon "$HORIZON" \
  --model seasonal-naive --out "$FORECAST" > /dev/null
echo "$BIN: $(($(grep -c . "$FORECAST") - 1)) forecast rows (3 queues, $HORIZON); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| scenarios | median wall s | ms per scenario |"
echo "|---:|---:|---:|"
for n in $COUNTS; do
  file="$WORK/scenarios-$n.yaml"
  awk -v n="$n" 'BEGIN {
    print "base:\n  target_sl: 80%\n  answer_within: 20s\nscenarios:"
    for (i = 0; i < n; i++) printf "  s%d:\n    volume_factor: %.4f\n", i, 1 + i / 10000
  }' > "$file"
  times=""
  r=0
  while [ $r -lt "$RUNS" ]; do
    rm -rf "$WORK/out"
    start=$(date +%s.%N)
    "$BIN" plan --forecast "$FORECAST" --timezone Europe/Berlin --scenarios "$file" --out "$WORK/out" > /dev/null
    end=$(date +%s.%N)
    times="$times $(echo "$start $end" | awk '{printf "%.3f", $2 - $1}')"
    r=$((r + 1))
  done
  median=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  echo "| $n | $median | $(echo "$median $n" | awk '{printf "%.2f", $1 * 1000 / $2}') |"
done
