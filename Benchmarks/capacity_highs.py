"""An independent formulation of ccplan's capacity model (docs/capacity.md), solved with HiGHS.

Written from the model's definition, not from ccplan's code, with the full cost as objective (the
constant wages of today's staff and planned classes as the objective offset). The groups are
independent problems; each is one HiGHS model (one thread, relative gap GAP, default 1e-6).
Prints JSON: worst status, total cost, summed bound, largest gap, solve seconds, hires.

Usage: capacity_highs.py DIR/instance.json [GAP]
"""
import json
import sys
import time

import highspy

d = json.load(open(sys.argv[1]))
W, p, c = d["weeks"], d["policy"], d["costs"]
T, g, ramp = p["training"], p["graduation"], p["ramp"]
wage_week = c["wage"] * c["fte_hours"]
overtime_week = c["wage"] * (1 + c["premium"]) * c["fte_hours"]
inf = highspy.kHighsInf

def weekly(a):
    return (1 - a) ** (12 / 52)

def productivity(j):
    if j < T:
        return 0.0
    return ramp[j - T] if j - T < len(ramp) else 1.0

gap_target = float(sys.argv[2]) if len(sys.argv) > 2 else 1e-6
h = None
ncols = 0
offset = 0.0
integer_cols = []
x_cols = []

def add_col(cost, lo, hi, integer=False):
    global ncols
    h.addCol(cost, lo, hi, 0, [], [])
    if integer:
        integer_cols.append(ncols)
    ncols += 1
    return ncols - 1

totals = {"total_cost": 0.0, "bound": 0.0, "gap": 0.0, "seconds": 0.0, "build_seconds": 0.0, "hires": 0,
          "columns": 0, "integer_columns": 0, "rows": 0, "statuses": []}
for grp in d["groups"]:
    build_start = time.perf_counter()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", gap_target)
    h.setOptionValue("time_limit", 60.0)
    ncols, offset, integer_cols, x_cols = 0, 0.0, [], []
    f = grp["fte"]
    band = grp.get("band")

    def s_of(tenure):
        if band is None:
            return weekly(grp["attrition"])
        return weekly(band["below"] if tenure < band["tenure"] else band["above"])

    # Survival of a new cohort to age j, and of today's (tenured) staff to week w.
    S = [1.0]
    for j in range(1, W + 2):
        S.append(S[-1] * s_of(j - 1))
    tenured = 10 ** 6
    current = [grp["headcount"] * (s_of(tenured) ** w) for w in range(W)]
    planned = {grp["planned"]["week"]: grp["planned"]["hires"]} if "planned" in grp else {}

    def heads(j):
        return S[j] * (g if j >= T else 1.0)

    def fte(j):
        return f * S[j] * g * productivity(j)

    fixed_fte = [f * current[w] + sum(n * fte(w - t) for t, n in planned.items() if t <= w) for w in range(W)]
    fixed_paid = [f * current[w] + sum(n * f * heads(w - t) for t, n in planned.items() if t <= w) for w in range(W)]
    offset += wage_week * sum(fixed_paid) + c["hire_cost"] * sum(n for t, n in planned.items() if 0 <= t < W)

    starts = [t for t in range(0, W, p["every"]) if t >= p["lead"] and t not in planned]
    xs = {}
    for t in starts:
        cost = c["hire_cost"] + wage_week * f * sum(heads(w - t) for w in range(t, W))
        x = add_col(cost, 0, p["max"], integer=True)
        u = add_col(0.0, 0, 1, integer=True)
        h.addRow(-inf, 0.0, 2, [x, u], [1.0, -p["max"]])
        h.addRow(0.0, inf, 2, [x, u], [1.0, -p["min"]])
        xs[t] = x
        x_cols.append((grp["name"], t, x))
    for w in range(W):
        o = add_col(overtime_week, 0, inf)
        s = add_col(c["penalty"], 0, inf)
        terms = [(xs[t], fte(w - t)) for t in starts if t <= w and fte(w - t) > 0]
        idx = [i for i, _ in terms] + [o, s]
        val = [v for _, v in terms] + [1.0, 1.0]
        h.addRow(grp["requirement"][w] - fixed_fte[w], inf, len(idx), idx, val)
        idx = [o] + [i for i, _ in terms]
        val = [1.0] + [-p["overtime_cap"] * v for _, v in terms]
        h.addRow(-inf, p["overtime_cap"] * fixed_fte[w], len(idx), idx, val)

    for col in integer_cols:
        h.changeColIntegrality(col, highspy.HighsVarType.kInteger)
    h.changeObjectiveOffset(offset)
    totals["build_seconds"] += time.perf_counter() - build_start
    t0 = time.perf_counter()
    h.run()
    totals["seconds"] += time.perf_counter() - t0
    info = h.getInfo()
    values = h.getSolution().col_value
    totals["total_cost"] += info.objective_function_value
    totals["bound"] += info.mip_dual_bound
    totals["gap"] = max(totals["gap"], info.mip_gap)
    totals["hires"] += sum(round(values[x]) for _, _, x in x_cols)
    totals["columns"] += ncols
    totals["integer_columns"] += len(integer_cols)
    totals["rows"] += h.getNumRow()
    totals["statuses"].append(h.modelStatusToString(h.getModelStatus()))

totals["status"] = "Optimal" if all(s == "Optimal" for s in totals["statuses"]) else sorted(set(totals["statuses"]))
del totals["statuses"]
totals["version"] = highspy.Highs().version()
print(json.dumps(totals))
