#!/usr/bin/env bash
# ccplan capacity on 50 staff groups × 78 weeks (Benchmarks/capacity_instance.py), against an
# independent formulation of the same model on HiGHS (Benchmarks/capacity_highs.py, highspy from
# PyPI in the throwaway venv Benchmarks/.venv-capacity), in the same run:
#  - the proven optimum of both solvers (same total cost within 0.1 %) and their times;
#  - ccplan to a 0.5 % gap: median wall time of RUNS end-to-end runs of the release binary
#    (reading, 50 MILPs, the rule of thumb, writing the four files), against the 5 s bar;
#  - the saving against the planners' rule of thumb.
#
# Usage: Benchmarks/compare-capacity.sh [GROUPS] [WEEKS] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
groups=${1:-50}
weeks=${2:-78}
runs=${3:-5}
venv="$here/.venv-capacity"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "highspy>=1.7"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
(cd "$here/.." && swift build -c release --product ccplan >/dev/null)
bin=$(cd "$here/.." && swift build -c release --show-bin-path)/ccplan
python3 "$here/capacity_instance.py" "$out" "$groups" "$weeks"
python3 - "$bin" "$out" "$runs" "$venv/bin/python" "$here/capacity_highs.py" <<'PY'
import json, statistics, subprocess, sys, time
binary, out, runs, python, highs = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]

def ccplan(gap, tag):
    start = time.perf_counter()
    r = subprocess.run([binary, "capacity", "--requirements", f"{out}/requirements.csv", "--staff", f"{out}/staff.yaml",
                        "--gap", str(gap), "--out", f"{out}/{tag}"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode not in (0, 3):
        sys.exit(f"ccplan failed ({r.returncode}): {r.stderr}")
    base = json.load(open(f"{out}/{tag}/capacity.json"))["scenarios"][0]
    return wall, base

def highs_run(gap):
    r = subprocess.run([python, highs, f"{out}/instance.json", str(gap)], capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])

fast = [ccplan(0.005, f"fast{i}") for i in range(runs)]
proven = [ccplan(0, f"proven{i}") for i in range(max(1, runs // 2))]
peer_fast = highs_run(0.005)
peer = highs_run(1e-6)

wall_fast = statistics.median(w for w, _ in fast)
wall_proven = statistics.median(w for w, _ in proven)
b_fast, b_proven = fast[0][1], proven[0][1]
gap_fast = max(g["gap"] or 0 for g in b_fast["groups"])
ctl_fast = max(g["gap_of_controllable_cost"] or 0 for g in b_fast["groups"])
diff = abs(b_proven["total_cost"] - peer["total_cost"]) / peer["total_cost"]
saving = b_proven["rule_of_thumb_cost"] - b_proven["total_cost"]
print(f"instance: {len(b_proven['groups'])} groups × {json.load(open(f'{out}/instance.json'))['weeks']} weeks, "
      f"{sum(g['variables'] for g in b_proven['groups'])} variables ({sum(g['integer_variables'] for g in b_proven['groups'])} integer), "
      f"{sum(g['constraints'] for g in b_proven['groups'])} constraints")
print(f"proven optimum: ccplan (CBC) {b_proven['total_cost']:,.2f} [{b_proven['status']}] in {wall_proven:.2f} s (median of {len(proven)}, end to end)")
print(f"                HiGHS {peer['version']}   {peer['total_cost']:,.2f} [{peer['status']}] in {peer['seconds']:.2f} s (solve only, 1 run)")
print(f"                relative difference {diff:.2e} (bar 1e-3: {'PASS' if diff <= 1e-3 else 'FAIL'})")
print(f"to a 0.5 % gap: ccplan {b_fast['total_cost']:,.2f} [{b_fast['status']}, largest gap {100 * gap_fast:.3f} % of the total,"
      f" {100 * ctl_fast:.2f} % of the controllable cost] median {wall_fast:.2f} s of {runs}"
      f" (bar 5 s: {'PASS' if wall_fast < 5 and gap_fast <= 0.005 else 'FAIL'}); runs: {', '.join(f'{w:.2f}' for w, _ in fast)}")
print(f"                HiGHS {peer_fast['total_cost']:,.2f} [{peer_fast['status']}] in {peer_fast['seconds']:.2f} s (solve only)")
print(f"rule of thumb: {b_proven['rule_of_thumb_cost']:,.2f}; optimal plan saves {saving:,.2f} ({100 * saving / b_proven['rule_of_thumb_cost']:.2f} %)")
PY
