#!/usr/bin/env bash
# Ingest speed of `ccplan inspect` as a whole process: two builds of ccplan (e.g. before and after
# a change) read the same generated history in alternating runs, so that both see the same load on
# a shared machine. Prints the min and median of user and wall time of each.
#
# Usage: Benchmarks/inspect-speed.sh BASELINE_BINARY CANDIDATE_BINARY [RUNS] [QUEUES]
#   The history (QUEUES queues × one year of 30-minute intervals, default 240: 218 MB,
#   4.2 M rows) is generated once into $TMPDIR/ccplan-inspect-speed-QUEUES.csv.
set -euo pipefail
baseline=${1:?baseline ccplan binary}
candidate=${2:?candidate ccplan binary}
runs=${3:-7}
queues=${4:-240}
history="${TMPDIR:-/tmp}/ccplan-inspect-speed-$queues.csv"
[ -f "$history" ] || "$candidate" sample-data --out "$history" --queues "$queues" --years 1 >/dev/null
times=$(mktemp)
trap 'rm -f "$times"' EXIT
for ((k = 0; k < runs; k++)); do
    for name in baseline candidate; do
        binary=$baseline
        [ "$name" = candidate ] && binary=$candidate
        /usr/bin/time -f "$name %U %e %M" -a -o "$times" \
            "$binary" inspect "$history" --timezone Europe/Berlin --format json >/dev/null
    done
done
python3 - "$times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, user, wall, rss = line.split()
    rows.setdefault(name, []).append((float(user), float(wall), int(rss)))
for name, values in rows.items():
    user = [v[0] for v in values]; wall = [v[1] for v in values]; rss = [v[2] for v in values]
    print(f"{name:9s} user min {min(user):.2f} s median {statistics.median(user):.2f} s; "
          f"wall min {min(wall):.2f} s median {statistics.median(wall):.2f} s; max RSS {max(rss) / 1024:.0f} MB "
          f"({len(values)} runs)")
PY
