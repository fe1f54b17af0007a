"""The whole `ccplan plan` process against pyworkforce's staffing loop, in the same run.

Writes a forecast of Q queues × N half-hours (volume (k·7919 mod 1201) contacts, 0–1,200; AHT
150 + (k·104729 mod 271) s, 150–420 s; k the row number), then alternates R times: pyworkforce's
ErlangC.required_positions looped over its intervals (compare_staffing.py --forecast, in the
given Python, loop only), and the whole process

    ccplan plan --forecast f.csv --answer-within 20s --target-sl 0.8 --shrinkage 0.3 --out p

(reading, staffing, every output file, plan.json and report.html, written atomically). Prints the
medians and checks every interval's agents in intervals.csv against pyworkforce's.

Usage: compare_plan.py CCPLAN PYTHON [--queues Q] [--intervals N] [--runs R]
"""
import argparse
import csv
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
parser = argparse.ArgumentParser()
parser.add_argument("ccplan")
parser.add_argument("python")
parser.add_argument("--queues", type=int, default=20)
parser.add_argument("--intervals", type=int, default=1000)
parser.add_argument("--runs", type=int, default=7)
args = parser.parse_args()

work = tempfile.mkdtemp(prefix="ccplan-compare-plan-")
forecast = os.path.join(work, "forecast.csv")
start = datetime.datetime(2026, 3, 2, tzinfo=datetime.timezone.utc)
with open(forecast, "w") as f:
    f.write("queue,interval_start,volume,aht_seconds\n")
    for q in range(args.queues):
        for i in range(args.intervals):
            k = q * args.intervals + i
            t = (start + datetime.timedelta(minutes=30 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(f"q{q:03d},{t},{(k * 7919) % 1201},{150 + (k * 104729) % 271}\n")
rows = args.queues * args.intervals

plan = [args.ccplan, "plan", "--forecast", forecast, "--answer-within", "20s", "--target-sl", "0.8",
        "--shrinkage", "0.3", "--out", os.path.join(work, "plan")]
env = dict(os.environ, SOURCE_DATE_EPOCH="0")
subprocess.run(plan, check=True, stdout=subprocess.DEVNULL, env=env)  # warm the page cache
peer_seconds, plan_seconds, peer = [], [], None
for _ in range(args.runs):
    peer = json.loads(subprocess.check_output([args.python, os.path.join(here, "compare_staffing.py"), "--forecast", forecast]))
    peer_seconds.append(peer["seconds"])
    t0 = time.perf_counter()
    subprocess.run(plan, check=True, stdout=subprocess.DEVNULL, env=env)
    plan_seconds.append(time.perf_counter() - t0)

# Every interval's agents (intervals.csv is in queue and time order, as the forecast).
with open(os.path.join(work, "plan", "intervals.csv"), newline="") as f:
    ours = [int(r["agents"]) for r in csv.DictReader(f)]
mismatches = sum(1 for a, b in zip(ours, peer["agents"]) if a != b) + abs(len(ours) - len(peer["agents"]))
sizes = sum(os.path.getsize(os.path.join(work, "plan", name)) for name in os.listdir(os.path.join(work, "plan")))

ccplan_median, peer_median = statistics.median(plan_seconds), statistics.median(peer_seconds)
print(f"{args.queues} queues × {args.intervals} half-hours = {rows:,} intervals, medians of {args.runs} alternating runs"
      f" (load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
print(f"  ccplan plan, whole process (read, staff, write {sizes / 1e6:.1f} MB: CSV files, plan.json, report.html):"
      f" {ccplan_median * 1000:.0f} ms (runs {min(plan_seconds) * 1000:.0f}–{max(plan_seconds) * 1000:.0f} ms)")
print(f"  pyworkforce {peer['version']} ErlangC.required_positions loop: {peer_median * 1000:.0f} ms"
      f" (runs {min(peer_seconds) * 1000:.0f}–{max(peer_seconds) * 1000:.0f} ms)")
print(f"  ratio pyworkforce loop / ccplan process: {peer_median / ccplan_median:.1f}x;"
      f" intervals whose agents differ: {mismatches} of {rows:,}")
subprocess.run(["rm", "-rf", work])
