#!/usr/bin/env bash
# ccplan schedule in the same run as its peer, and on the sample week (docs/schedule.md, "Measured"):
#  1. pyworkforce 0.5.1's MinRequiredResources (OR-Tools CP-SAT; throwaway venv Benchmarks/.venv-schedule)
#     and ccplan on the same per-day requirement (billing + vip of the sample plan, every whole week) and the same
#     shift set without breaks (Benchmarks/schedule_instance.py): paid hours (bar: ccplan ≤ pyworkforce)
#     and the wall time of both;
#  2. the sample week with SampleData/shifts.yaml (billing + vip, three full-time shift types with meals
#     and breaks on 5-day contracts with two consecutive days off, part-time short shifts): gap and wall
#     time (bar: ≤ 1 % in under 30 s; median of RUNS end-to-end runs of the release binary), schedule
#     efficiency and the weekly service level delivered;
#  3. --objective service-level on the same week, at the weekly service level the coverage schedule
#     delivers (--target-sl coverage) and at the plan's target: the paid hours saved.
#
# Needs the sample plan: `make demo` writes plan-output/ (done here when it is missing).
# Usage: Benchmarks/compare-schedule.sh [RUNS] [TIME_LIMIT_SECONDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
runs=${1:-3}
limit=${2:-60}
venv="$here/.venv-schedule"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyworkforce==0.5.1"
fi
[ -f "$root/plan-output/intervals.csv" ] || make -C "$root" demo >/dev/null
(cd "$root" && swift build -c release --product ccplan >/dev/null)
bin=$(cd "$root" && swift build -c release --show-bin-path)/ccplan
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
weeks=$(python3 "$here/schedule_instance.py" "$root/plan-output" "$out" billing,vip | tr '\n' ' ')
export OPENBLAS_NUM_THREADS=1
python3 - "$bin" "$root" "$out" "$weeks" "$runs" "$limit" "$venv/bin/python" "$here/schedule_pyworkforce.py" <<'PY'
import json, statistics, subprocess, sys, time
binary, root, out, weeks, runs, limit, python, peer = sys.argv[1:9]
runs, limit, weeks = int(runs), float(limit), weeks.split()
week = weeks[0]

def ccplan(tag, shifts, *flags, mondays=None):
    start = time.perf_counter()
    args = [a for m in (mondays or [week]) for a in ("--week", m)]
    r = subprocess.run([binary, "schedule", "--plan", f"{root}/plan-output", "--shifts", shifts, *args,
                        "--time-limit", f"{limit:g}s", "--out", f"{out}/{tag}", *flags], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if r.returncode not in (0, 5):
        sys.exit(f"ccplan failed ({r.returncode}): {r.stderr}")
    schedules = json.load(open(f"{out}/{tag}/schedule.json"))["schedules"]
    return wall, (schedules if mondays else schedules[0]), r.returncode

# 1. pyworkforce, same run, every whole week of the plan.
wall, all_weeks, _ = ccplan("pyworkforce-ccplan", f"{out}/shifts.yaml", "--gap", "0", mondays=weeks)
cs = [s["coverage"] for s in all_weeks]
paid = sum(c["paid_hours"] for c in cs)
solve = sum(c["solve_seconds"] for c in cs)
status = "optimal" if all(c["status"] == "optimal" for c in cs) else ",".join(sorted({c["status"] for c in cs}))
p = json.loads(subprocess.run([python, peer, f"{out}/instance.json", f"{limit:g}"], capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])
ok = paid <= p["paid_hours"] + 1e-9
print(f"1. shift selection without breaks, {len(weeks)} weeks from {week} ({7 * len(weeks)} days; billing + vip, 4/6/8-hour shifts every 30 min, {cs[0]['candidate_shifts']} candidates a week):")
print(f"   ccplan (CBC)             {paid:8.1f} paid hours [{status}] solve {solve:.2f} s, end to end {wall:.2f} s")
print(f"   pyworkforce {p['pyworkforce']} (OR-Tools {p['ortools']}) {p['paid_hours']:8.1f} paid hours [{p['status']}] solve {p['seconds']:.2f} s (time limit {limit:g} s)")
print(f"   bar ccplan ≤ pyworkforce: {'PASS' if ok else 'FAIL'} ({paid - p['paid_hours']:+.1f} h); uncovered intervals: ccplan {sum(c['uncovered_intervals'] for c in cs)}")

# 2. the sample week, RUNS times.
sample = f"{root}/SampleData/shifts.yaml"
results = [ccplan(f"sample{i}", sample) for i in range(runs)]
walls = [w for w, _, _ in results]
c = results[0][1]["coverage"]
gap = max((r[1]["coverage"]["gap"] or 0) for r in results)
median = statistics.median(walls)
ok = median < 30 and gap <= 0.01
print(f"2. sample week {week} (SampleData/shifts.yaml): {c['variables']} variables ({c['integer_variables']} integer), {c['constraints']} constraints, {c['slot_minutes']}-minute slots")
print(f"   {c['paid_hours']:.1f} paid hours for {c['required_hours']:.1f} required agent-hours on the floor: efficiency {100 * c['efficiency']:.1f} %;"
      f" {c['agents_on_tours']} agents; {c['uncovered_intervals']} uncovered intervals; weekly SL {100 * c['weekly_service_level']:.2f} % (target {100 * c['service_level_target']:.2f} %)")
print(f"   [{c['status']}, gap {100 * gap:.2f} %, objective {c['objective_value']:.2f}, bound {c['bound']:.2f}] median {median:.2f} s end to end of {runs} (solve {c['solve_seconds']:.2f} s);"
      f" runs {', '.join(f'{w:.2f}' for w in walls)}; bar ≤ 1 % in < 30 s: {'PASS' if ok else 'FAIL'}")

# 2b. the bar's configuration exactly: the sample without its part-time contract and short shifts.
text = open(sample).read()
full_time = text[:text.index("  - name: short")] + text[text.index("contracts:"):text.index("  - name: part-time")] + text[text.index("other_shrinkage"):]
open(f"{out}/full-time.yaml", "w").write(full_time)
results = [ccplan(f"fulltime{i}", f"{out}/full-time.yaml") for i in range(runs)]
walls = [w for w, _, _ in results]
c = results[0][1]["coverage"]
gap = max((r[1]["coverage"]["gap"] or 0) for r in results)
median = statistics.median(walls)
print(f"   full-time only (three shift types with meals and breaks, 5-day contracts, two consecutive days off):"
      f" {c['paid_hours']:.1f} paid hours, efficiency {100 * c['efficiency']:.1f} %, {c['agents_on_tours']} agents, {c['uncovered_intervals']} uncovered,"
      f" weekly SL {100 * c['weekly_service_level']:.2f} %; [{c['status']}, gap {100 * gap:.2f} %] median {median:.2f} s;"
      f" bar: {'PASS' if median < 30 and gap <= 0.01 else 'FAIL'}")

# 3. the service-level objective on the same week.
for label, target in [("the coverage schedule's weekly SL", "coverage"), ("the plan's target", "plan")]:
    wall, s, rc = ccplan(f"sl-{target}", sample, "--objective", "service-level", "--target-sl", target)
    c, v = s["coverage"], s["service_level"]
    print(f"3. service level at {label}: {v['paid_hours']:.1f} paid hours vs {c['paid_hours']:.1f} for full coverage, saving {s['paid_hours_saved']:.1f} h"
          f" ({100 * s['paid_hours_saved'] / c['paid_hours']:.1f} %); weekly SL {100 * v['weekly_service_level']:.2f} % (coverage {100 * c['weekly_service_level']:.2f} %,"
          f" target {100 * v['service_level_target']:.2f} %); {v['uncovered_intervals']} intervals below the requirement;"
          f" [{v['status']}, gap {100 * (v['gap'] or 0):.2f} %] {wall:.2f} s end to end (exit {rc})")
PY
