"""Times pyworkforce's ErlangC.required_positions looped over the staffing benchmark's intervals.

The intervals are those of PlanningBenchmarks (volume (i·7919 mod 600) + 0.5 per 30 minutes, AHT
180 + (i·104729 mod 240) s, 80 % within 20 s), timed on the first N of them (argv[1], default all
100,000) and scaled to 100,000. Prints JSON with the answers, which the caller checks.
"""
import json
import sys
import time

import pyworkforce
from pyworkforce.queuing import ErlangC

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
intervals = [((i * 7919) % 600 + 0.5, 180 + (i * 104729) % 240) for i in range(n)]
agents = []
t0 = time.perf_counter()
for volume, aht in intervals:
    erlang = ErlangC(transactions=volume, aht=aht / 60, asa=20 / 60, interval=30)
    agents.append(erlang.required_positions(service_level=0.8)["raw_positions"])
seconds = time.perf_counter() - t0
print(json.dumps({"version": getattr(pyworkforce, "__version__", "unknown"), "timed_intervals": n,
                  "seconds": seconds, "seconds_per_100000": seconds / n * 100000, "agents": agents}))
