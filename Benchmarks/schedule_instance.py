"""The shift-selection instance of Benchmarks/compare-schedule.sh, for ccplan and pyworkforce alike.

From a ccplan plan directory: the requirement of one group (the sum of its queues' `agents` per
interval, base scenario) in every whole week of the plan (Monday to Sunday), one row per day. The shift set has no
breaks and no overnight shifts (pyworkforce has neither): shifts of 4, 6 and 8 hours starting
every 30 minutes, each ending by 20:00, at a cost of their paid hours.

Writes into OUT: `shifts.yaml` (ccplan), `instance.json` (pyworkforce's inputs); prints the
Mondays, one per line.

Usage: schedule_instance.py PLAN_DIR OUT QUEUE[,QUEUE…]
"""
import csv
import datetime
import json
import sys

plan, out, queues = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
with open(f"{plan}/plan.json") as f:
    minutes = next(q["interval_minutes"] for q in json.load(f)["queues"] if q["queue"] == queues[0])
periods = 24 * 60 // minutes

agents = {}
with open(f"{plan}/intervals.csv", newline="") as f:
    for row in csv.DictReader(f):
        if row["scenario"] == "base" and row["queue"] in queues:
            t = datetime.datetime.fromisoformat(row["interval_start"])
            agents[t] = agents.get(t, 0) + int(row["agents"])
first = min(agents)
monday = (first + datetime.timedelta(days=(7 - first.weekday()) % 7)).replace(hour=0, minute=0)
mondays = []
while all(monday + datetime.timedelta(minutes=minutes * p) in agents for p in range(7 * periods)):
    mondays.append(monday)
    monday += datetime.timedelta(days=7)
days = [m + datetime.timedelta(days=d) for m in mondays for d in range(7)]
required = [[agents[d + datetime.timedelta(minutes=minutes * p)] for p in range(periods)] for d in days]

lengths = {4: (7, 16), 6: (7, 14), 8: (7, 12)}  # hours: (earliest, latest start hour)
coverage, cost = {}, {}
for length, (earliest, latest) in lengths.items():
    for start in range(earliest * 60, latest * 60 + 1, 30):
        name = f"s{length}h_{start // 60:02d}{start % 60:02d}"
        first_period, count = start // minutes, length * 60 // minutes
        coverage[name] = [1 if first_period <= p < first_period + count else 0 for p in range(periods)]
        cost[name] = length

with open(f"{out}/instance.json", "w") as f:
    json.dump({"mondays": [m.date().isoformat() for m in mondays], "periods": periods, "required_resources": required,
               "shifts_coverage": coverage, "cost_dict": cost}, f)

with open(f"{out}/shifts.yaml", "w") as f:
    f.write(f"groups:\n  - {{ name: group, queues: [{', '.join(queues)}] }}\nshift_types:\n")
    for length, (earliest, latest) in lengths.items():
        f.write(f"  - {{ name: s{length}h, length: {length}h, start: {{ from: \"{earliest:02d}:00\", to: \"{latest:02d}:00\", every: 30m }} }}\n")
print("\n".join(m.date().isoformat() for m in mondays))
