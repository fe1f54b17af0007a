#!/usr/bin/env bash
# Long-horizon forecasts (issue 11) on the multi-year hourly files in ../shared/data:
#   1. ccplan through the library (Benchmarks/forecast-accuracy --long): 52- and 13-week monthly,
#      weekly and daily WAPE and bias of auto, the day-level model and the baselines, the
#      coverage of the p10–p90 range of day totals, and the speed bar (5 years hourly, 52 weeks);
#   2. ccplan end to end (`ccplan forecast` per origin, Benchmarks/long_horizon.py);
#   3. statsforecast on daily totals in the same run (AutoETS, AutoARIMA, MSTL(7, 365)),
#      monthly WAPE and time beside ccplan's (Benchmarks/compare_statsforecast_long.py).
# And the small-queue bias table (Poisson queues with peaks 0.5, 2, 10 per interval).
#
#   Benchmarks/long-horizon.sh                 # creates a throwaway venv in $VENV for statsforecast
#   SKIP_PEERS=1 Benchmarks/long-horizon.sh    # ccplan only
#   ORIGINS=extended Benchmarks/long-horizon.sh  # parts 2 and 3 only, on every quarterly origin
#       (UIHC 11, Denver 23), statsforecast MSTL only, with the mean of ccplan auto and MSTL
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
DATA="${DATA:-$root/../shared/data}"
VENV="${VENV:-$here/.venv-sf}"
SCRATCH="${SCRATCH:-$root/.build-forecast-bench}"
ORIGINS="${ORIGINS:-issue}"
peer_models="AutoETS,AutoARIMA,MSTL"
[[ "$ORIGINS" == "extended" ]] && peer_models="MSTL"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== building (release)"
(cd "$root" && swift build -c release --product ccplan >/dev/null)
(cd "$here/forecast-accuracy" && swift build -c release --scratch-path "$SCRATCH" >/dev/null)
bench="$SCRATCH/release/forecast-accuracy"
ccplan="$(cd "$root" && swift build -c release --show-bin-path)/ccplan"

if [[ "$ORIGINS" == "issue" ]]; then
echo "== 1. library: 52 weeks (origins UIHC 2016-04-01, 2017-04-01; Denver 2016-02-01, 2017-02-01, 2018-02-01)"
CCPLAN_DATA="$DATA" "$bench" --long 52 --coverage --each
echo "== 1. library: 13 weeks"
CCPLAN_DATA="$DATA" "$bench" --long 13
echo "== 1. speed"
CCPLAN_DATA="$DATA" "$bench" --long 52 --speed
echo "== small-queue bias (200 replicates)"
"$bench" --bias 200
fi

echo "== 2. end to end: ccplan forecast per origin"
python3 "$here/long_horizon.py" --ccplan "$ccplan" --data "$DATA" --weeks 52 \
    --models auto,day-level,same-day-last-year,last-year-growth --origins "$ORIGINS" --json "$out/ccplan52.json"
python3 "$here/long_horizon.py" --ccplan "$ccplan" --data "$DATA" --weeks 13 \
    --models auto,day-level,same-day-last-year,last-year-growth --origins "$ORIGINS" --json "$out/ccplan13.json"

if [[ "${SKIP_PEERS:-0}" == "1" ]]; then exit 0; fi
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "== creating venv $VENV and installing statsforecast"
    python3 -m venv "$VENV"
    if ! "$VENV/bin/pip" install -q statsforecast pandas; then
        echo "statsforecast could not be installed: only ccplan's numbers are shown above." >&2
        exit 0
    fi
fi
echo "== 3. statsforecast on daily totals, same run (one thread)"
for weeks in 52 13; do
    NUMBA_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
        "$VENV/bin/python" "$here/compare_statsforecast_long.py" --data "$DATA" --weeks "$weeks" \
        --ccplan-json "$out/ccplan$weeks.json" --origins "$ORIGINS" --models "$peer_models"
done
