"""Writes a deterministic capacity instance: G groups (one queue each) × W weeks.

Usage: capacity_instance.py DIR [GROUPS] [WEEKS]  →  DIR/staff.yaml, DIR/requirements.csv, DIR/instance.json

Requirements follow a yearly cycle with a trend and noise; every fifth group has a tenure band;
every seventh has a planned class in week 1. The policy is the same for all groups (as in a staff
file). instance.json holds the same data for the independent HiGHS formulation.
"""
import datetime
import json
import math
import random
import sys

out = sys.argv[1]
groups = int(sys.argv[2]) if len(sys.argv) > 2 else 50
weeks = int(sys.argv[3]) if len(sys.argv) > 3 else 78
rng = random.Random(20261201)
start = datetime.date(2027, 1, 4)  # a Monday
policy = {"training": 4, "graduation": 0.85, "ramp": [0.4, 0.6, 0.8], "every": 2, "min": 5, "max": 20,
          "lead": 3, "overtime_cap": 0.10}
costs = {"wage": 20.0, "fte_hours": 37.5, "hire_cost": 4000.0, "premium": 0.5, "penalty": 3000.0}
data = {"start": start.isoformat(), "weeks": weeks, "policy": policy, "costs": costs, "groups": []}
req_lines = ["queue,week_start,required_fte"]
for g in range(groups):
    base = rng.uniform(20, 120)
    phase = rng.uniform(0, 2 * math.pi)
    fte = rng.choice([0.8, 0.9, 1.0])
    group = {"name": f"g{g:02d}", "queue": f"q{g:02d}", "fte": fte,
             "headcount": round(base * rng.uniform(0.85, 1.0) / fte, 1),
             "attrition": round(rng.uniform(0.02, 0.05), 4)}
    if g % 5 == 4:
        group["band"] = {"below": 0.06, "above": 0.025, "tenure": 13}
    if g % 7 == 3:
        group["planned"] = {"week": 1, "hires": 8}
    requirement = []
    for w in range(weeks):
        r = base * (1 + 0.15 * math.sin(2 * math.pi * w / 52 + phase) + 0.004 * w) * (1 + 0.03 * rng.uniform(-1, 1))
        requirement.append(round(r, 3))
        req_lines.append(f"{group['queue']},{(start + datetime.timedelta(weeks=w)).isoformat()},{requirement[-1]}")
    group["requirement"] = requirement
    data["groups"].append(group)

def pct(x):
    return f"{round(100 * x, 4)}%"

yaml = ["groups:"]
for g in data["groups"]:
    yaml += [f"  - name: {g['name']}", f"    queues: [{g['queue']}]", f"    headcount: {g['headcount']}",
             f"    fte_per_head: {g['fte']}"]
    if "band" in g:
        b = g["band"]
        yaml.append(f"    attrition: {{ below: {pct(b['below'])}, above: {pct(b['above'])}, tenure: {b['tenure']}w }}")
    else:
        yaml.append(f"    attrition: {pct(g['attrition'])}")
p = policy
yaml += ["policy:", f"  training: {p['training']}w", f"  graduation: {pct(p['graduation'])}",
         f"  ramp: [{', '.join(pct(r) for r in p['ramp'])}]",
         f"  class_starts: {{ every: {p['every']}w, from: {start.isoformat()} }}",
         f"  class_size: {{ min: {p['min']}, max: {p['max']} }}", f"  lead_time: {p['lead']}w",
         f"  overtime_cap: {pct(p['overtime_cap'])}"]
c = costs
yaml += ["costs:", f"  wage_per_hour: {c['wage']}", f"  fte_hours: {c['fte_hours']}", f"  hire_cost: {c['hire_cost']}",
         f"  overtime_premium: {pct(c['premium'])}", f"  shortfall_penalty: {c['penalty']}", "planned_classes:"]
for g in data["groups"]:
    if "planned" in g:
        day = start + datetime.timedelta(weeks=g["planned"]["week"])
        yaml.append(f"  - {{ group: {g['name']}, start: {day.isoformat()}, hires: {g['planned']['hires']} }}")
open(f"{out}/staff.yaml", "w").write("\n".join(yaml) + "\n")
open(f"{out}/requirements.csv", "w").write("\n".join(req_lines) + "\n")
json.dump(data, open(f"{out}/instance.json", "w"))
