#!/usr/bin/env bash
# Runs ccplan's LinearAlgebra benchmarks and the same three operations in numpy, in the same run,
# single-threaded on both sides, and prints the median times and the ratios ccplan / numpy.
# Both sides call the same OpenBLAS kernels, so the goal is ≤ 1.10.
#
# Usage: Benchmarks/compare-numpy.sh     (from anywhere)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export OPENBLAS_NUM_THREADS=1 CCPLAN_BLAS_THREADS=1
# The same malloc steady state for both processes. In a plain process glibc raises its trim
# threshold after the first large free, so the LAPACK workspaces of repeated calls stay in the
# heap; under the benchmark harness's malloc interposer that adaptation does not happen and every
# call shrinks and regrows the heap, paying page faults (SVD 500×48: 670 µs plainly, 850 µs in the
# harness, measured). Setting the pad and trim threshold gives both sides the adapted state.
export MALLOC_TOP_PAD_=67108864 MALLOC_TRIM_THRESHOLD_=134217728

# The peer is Debian's numpy (python3-numpy), linked to the same Debian OpenBLAS/LAPACK as
# ccplan: the same kernels, so any difference is wrapper overhead. A pip wheel of numpy carries its
# own, newer OpenBLAS; set NUMPY_PYTHON=python3 to compare with that instead.
python=${NUMPY_PYTHON:-/usr/bin/python3}
if ! "$python" -c 'import numpy' 2>/dev/null; then
    if [ "$python" = /usr/bin/python3 ]; then
        sudo=$([ "$(id -u)" = 0 ] || echo sudo)
        $sudo apt-get install -y -qq python3-numpy >/dev/null
    else
        echo "compare-numpy: $python has no numpy" >&2; exit 1
    fi
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$here"
swift package --disable-sandbox benchmark --target LinearAlgebraBenchmarks \
    --format jmh --path "$out" --no-progress --quiet >/dev/null
"$python" "$here/compare_numpy.py" > "$out/numpy.json"

"$python" - "$out" <<'PY'
import glob, json, sys
out = sys.argv[1]
numpy = json.load(open(f"{out}/numpy.json"))
ours = {}
for path in glob.glob(f"{out}/*.jmh.json"):
    for entry in json.load(open(path)):
        name = entry["benchmark"].split(".")[-1]
        # Wall-clock time is a secondary metric (throughput is primary), in µs (timeUnits).
        wall = entry.get("secondaryMetrics", {}).get("Time (wall clock)")
        if wall is None:
            continue
        assert wall["scoreUnit"] in ("μs", "\u03bcs"), wall["scoreUnit"]
        ours[name.replace("_", " ")] = wall["scorePercentiles"]["50.0"]
print(f"{'operation':36} {'ccplan µs':>12} {'numpy µs':>12} {'ratio':>7}")
worst = 0.0
for name, numpy_us in numpy.items():
    mine = next((v for k, v in ours.items() if name in k), None)
    if mine is None:
        print(f"{name:36} {'missing':>12}"); continue
    ratio = mine / numpy_us
    worst = max(worst, ratio)
    extra = f"  ({2e9 / (mine * 1e3):.1f} vs {2e9 / (numpy_us * 1e3):.1f} GFLOP/s)" if name.startswith("dgemm") else ""
    print(f"{name:36} {mine:12.1f} {numpy_us:12.1f} {ratio:7.3f}{extra}")
print(f"worst ratio ccplan/numpy: {worst:.3f} (goal ≤ 1.10)")
PY
