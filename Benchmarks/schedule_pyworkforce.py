"""pyworkforce's MinRequiredResources (OR-Tools CP-SAT) on the instance of schedule_instance.py.

Prints one JSON line: status, paid hours (its objective: Σ cost × agents, cost = paid hours),
the solve's wall time, and the versions. pyworkforce solves each day as one model over
`num_days` days; its `max_search_time` is the time limit (here TIME_LIMIT seconds).

Usage: schedule_pyworkforce.py INSTANCE_JSON TIME_LIMIT
"""
import json
import sys
import time

import ortools
import pyworkforce
from pyworkforce.scheduling import MinRequiredResources

instance = json.load(open(sys.argv[1]))
limit = float(sys.argv[2])
required = instance["required_resources"]
peak = max(max(day) for day in required)
scheduler = MinRequiredResources(
    num_days=len(required), periods=instance["periods"], shifts_coverage=instance["shifts_coverage"],
    required_resources=required, max_period_concurrency=10 * peak + 10, max_shift_concurrency=10 * peak + 10,
    cost_dict=instance["cost_dict"], max_search_time=limit)
start = time.perf_counter()
solution = scheduler.solve()
seconds = time.perf_counter() - start
paid = sum(r["resources"] * instance["cost_dict"][r["shift"]] for r in solution["resources_shifts"] if r["resources"] > 0)
print(json.dumps({"status": solution["status"], "objective": solution["cost"], "paid_hours": paid, "seconds": seconds,
                  "pyworkforce": getattr(pyworkforce, "__version__", "0.5.1"), "ortools": ortools.__version__}))
