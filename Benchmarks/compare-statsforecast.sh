#!/usr/bin/env bash
# Compare ccplan's forecasting engine with statsforecast (Nixtla) on the forecasting.md protocol,
# in the same run: US bank 2003, 30-minute intervals, six two-week holdouts from 2003-08-04.
#
#   Benchmarks/compare-statsforecast.sh            # creates a throwaway venv in $VENV (default /tmp/ccplan-sf-venv)
#   SKIP_PEERS=1 Benchmarks/compare-statsforecast.sh   # ccplan only (no pip, no Python peers)
#
# statsforecast needs `pip install statsforecast` (PyPI) and compiles with numba on first use
# (several seconds of JIT, reported separately). If the install fails, the ccplan half still runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
VENV="${VENV:-/tmp/ccplan-sf-venv}"
SCRATCH="${SCRATCH:-$here/../.build-forecast-bench}"
out="$(mktemp -d)"

echo "== building ccplan forecast-accuracy (release)"
(cd "$here/forecast-accuracy" && swift build -c release --scratch-path "$SCRATCH" >/dev/null)
bin="$SCRATCH/release/forecast-accuracy"
echo "== ccplan, no calendar (what statsforecast sees)"
"$bin" --no-calendar | tee "$out/ccplan-nocal.txt"
echo "== ccplan, with the US holiday calendar (Memorial Day, Independence Day, Labor Day closed)"
"$bin" | tee "$out/ccplan-calendar.txt"

if [[ "${SKIP_PEERS:-0}" == "1" ]]; then exit 0; fi
if [[ ! -x "$VENV/bin/python" ]]; then
    echo "== creating venv $VENV and installing statsforecast (takes a minute or two)"
    python3 -m venv "$VENV"
    if ! "$VENV/bin/pip" install -q statsforecast pandas; then
        echo "statsforecast could not be installed: only ccplan's numbers are shown above." >&2
        exit 0
    fi
fi
echo "== statsforecast (one thread)"
NUMBA_NUM_THREADS=1 OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    "$VENV/bin/python" "$here/compare_statsforecast.py" --ccplan "$out/ccplan-nocal.txt" "$out/ccplan-calendar.txt"
