#!/usr/bin/env bash
# Staffing against pyworkforce's ErlangC.required_positions loop, in the same run:
#
# 1. in-process: 100,000 intervals (PlanningBenchmarks, median) against pyworkforce looped over the
#    same intervals (the first N, default all, scaled to 100,000); pyworkforce's answers on a
#    sample of 50 of them are checked against `ccplan erlang`'s;
# 2. the whole process: `ccplan plan` of an external forecast of 20 queues × 1,000 half-hours
#    (reading, staffing, every output file, plan.json and report.html) against pyworkforce looped
#    over the same 20,000 intervals, alternating, medians of RUNS runs (default 7); every
#    interval's agents are checked (compare_plan.py).
#
# pyworkforce is installed into a throwaway virtual environment, Benchmarks/.venv-pyworkforce
# (made on the first run, ignored by git; delete it to start over).
#
# Usage: Benchmarks/compare-staffing.sh [N]
#   RUNS                  alternating runs of the whole-process comparison (default 7)
#   CCPLAN_BENCH_SCRATCH  SwiftPM scratch path for the benchmark build (default: .build)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
n=${1:-100000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
venv="$here/.venv-pyworkforce"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import pyworkforce" 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyworkforce==0.5.*"
fi

cd "$here"
swift package --scratch-path "${CCPLAN_BENCH_SCRATCH:-.build}" --disable-sandbox benchmark --target PlanningBenchmarks \
    --filter "staff.*" --format jmh --path "$out" --no-progress --quiet >/dev/null
"$venv/bin/python" "$here/compare_staffing.py" "$n" > "$out/pyworkforce.json"
# ccplan's answers on the same first N intervals, from the release binary.
(cd .. && swift build -c release --product ccplan >/dev/null)
bin=$(cd .. && swift build -c release --show-bin-path)/ccplan

python3 - "$out" "$bin" "$n" <<'PY'
import glob, json, subprocess, sys
out, binary, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
peer = json.load(open(f"{out}/pyworkforce.json"))
ours = {}
for path in glob.glob(f"{out}/*.jmh.json"):
    for entry in json.load(open(path)):
        # Wall-clock time is the primary metric here (a secondary one when throughput is primary).
        wall = entry.get("secondaryMetrics", {}).get("Time (wall clock)") or entry.get("primaryMetric")
        if wall and wall.get("scoreUnit") in ("ns", "μs", "\u03bcs", "ms", "s"):
            scale = {"ns": 1e-9, "μs": 1e-6, "\u03bcs": 1e-6, "ms": 1e-3, "s": 1.0}[wall["scoreUnit"]]
            ours[entry["benchmark"].split(".")[-1]] = wall["scorePercentiles"]["50.0"] * scale
requirement = next(v for k, v in ours.items() if "requirement" in k)
full = next((v for k, v in ours.items() if "full" in k), None)
# Check the answers on a sample of the timed intervals through `ccplan erlang`.
mismatches = 0
for i in range(0, n, max(1, n // 50)):
    volume, aht = (i * 7919) % 600 + 0.5, 180 + (i * 104729) % 240
    result = json.loads(subprocess.check_output([binary, "erlang", "--volume", str(volume), "--aht", str(aht), "--format", "json"]))
    if result["agents"] != peer["agents"][i]:
        mismatches += 1
print(f"staffing 100,000 intervals (median): ccplan {requirement:.3f} s (Erlang C requirement per interval)")
if full is not None:
    print(f"  with p90 requirement and expected SL over the forecast range: {full:.3f} s")
print(f"pyworkforce {peer['version']} ErlangC.required_positions: {peer['seconds']:.2f} s for {peer['timed_intervals']} intervals"
      f" = {peer['seconds_per_100000']:.1f} s per 100,000")
print(f"ratio pyworkforce / ccplan: {peer['seconds_per_100000'] / requirement:.0f}x; answers differing on a sample of 50: {mismatches}")
PY
echo
python3 "$here/compare_plan.py" "$bin" "$venv/bin/python" --runs "${RUNS:-7}"
