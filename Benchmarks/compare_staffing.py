"""Times pyworkforce's ErlangC.required_positions looped over a set of intervals.

Two modes, both printing JSON with the answers (raw positions, before shrinkage), which the caller
checks against ccplan's:

  compare_staffing.py N
      the intervals of PlanningBenchmarks (volume (i·7919 mod 600) + 0.5 per 30 minutes, AHT
      180 + (i·104729 mod 240) s, 80 % within 20 s), timed on the first N of them (default all
      100,000) and scaled to 100,000;
  compare_staffing.py --forecast FILE
      every row of a ccplan forecast file (columns queue, interval_start, volume, aht_seconds;
      30-minute intervals), 80 % within 20 s; rows without contacts need no agents and are not
      timed. Only the loop is timed, not reading the file.
"""
import csv
import json
import sys
import time

import pyworkforce
from pyworkforce.queuing import ErlangC


def staff(intervals):
    agents = []
    t0 = time.perf_counter()
    for volume, aht in intervals:
        if volume <= 0:
            agents.append(0)
            continue
        erlang = ErlangC(transactions=volume, aht=aht / 60, asa=20 / 60, interval=30)
        agents.append(erlang.required_positions(service_level=0.8)["raw_positions"])
    return agents, time.perf_counter() - t0


version = getattr(pyworkforce, "__version__", "unknown")
if len(sys.argv) > 2 and sys.argv[1] == "--forecast":
    with open(sys.argv[2], newline="") as f:
        intervals = [(float(r["volume"]), float(r["aht_seconds"])) for r in csv.DictReader(f)]
    agents, seconds = staff(intervals)
    print(json.dumps({"version": version, "intervals": len(intervals), "seconds": seconds, "agents": agents}))
else:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    intervals = [((i * 7919) % 600 + 0.5, 180 + (i * 104729) % 240) for i in range(n)]
    agents, seconds = staff(intervals)
    print(json.dumps({"version": version, "timed_intervals": n, "seconds": seconds,
                      "seconds_per_100000": seconds / n * 100000, "agents": agents}))
