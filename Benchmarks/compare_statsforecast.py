"""Peers on the forecasting.md protocol: statsforecast SeasonalNaive, SeasonalWindowAverage, MSTL,
AutoETS on the US bank 30-minute file, six two-week holdouts, scored on every interval with an
actual. statsforecast is positional (no calendar), so the forecast's i-th step is matched with the
holdout's i-th observed interval (weekdays only, 28 half-hours a day: season 28 = day, 140 = week).

usage: python compare_statsforecast.py [--csv FILE] [--ccplan CCPLAN_OUTPUT_FILE ...]
The ccplan output files (from forecast-accuracy) are parsed for WAPE and time to print ratios.
"""
import argparse, re, sys, time
import numpy as np
import pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("--csv", default="/work/shared/data/us_bank_2003_30min.csv")
ap.add_argument("--ccplan", nargs="*", default=[])
ap.add_argument("--models", default="SeasonalNaive,SeasonalWindowAverage,MSTL,AutoETS")
args = ap.parse_args()

t0 = time.perf_counter()
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, MSTL, SeasonalNaive, SeasonalWindowAverage
print(f"statsforecast import: {time.perf_counter() - t0:.1f} s", flush=True)

df = pd.read_csv(args.csv)
df["ds"] = pd.to_datetime(df["timestamp"])
df = df.sort_values("ds")
origins = ["2003-08-04", "2003-08-18", "2003-09-01", "2003-09-15", "2003-09-29", "2003-10-13"]

def make(name):
    return {
        "SeasonalNaive": lambda: SeasonalNaive(season_length=140),
        "SeasonalWindowAverage": lambda: SeasonalWindowAverage(season_length=140, window_size=4),
        "MSTL": lambda: MSTL(season_length=[28, 140]),
        "AutoETS": lambda: AutoETS(season_length=28),
    }[name]()

names = args.models.split(",")
# Warm-up (numba JIT) on a short series, timed separately.
warm = df[df["date"] < "2003-04-01"][["ds", "calls"]].rename(columns={"calls": "y"}).assign(unique_id="bank")
warm["ds"] = np.arange(len(warm))
t0 = time.perf_counter()
for n in names:
    StatsForecast(models=[make(n)], freq=1, n_jobs=1).forecast(df=warm, h=28)
print(f"JIT warm-up (all models, short series): {time.perf_counter() - t0:.1f} s", flush=True)

rows = []
for n in names:
    wapes, mapes, rmses, secs = [], [], [], []
    for o in origins:
        end = (pd.Timestamp(o) + pd.Timedelta(days=14)).strftime("%Y-%m-%d")
        train = df[df["date"] < o]
        test = df[(df["date"] >= o) & (df["date"] < end)]
        y = test["calls"].to_numpy(float)
        tr = pd.DataFrame({"unique_id": "bank", "ds": np.arange(len(train)), "y": train["calls"].to_numpy(float)})
        t0 = time.perf_counter()
        fc = StatsForecast(models=[make(n)], freq=1, n_jobs=1).forecast(df=tr, h=len(y))
        secs.append(time.perf_counter() - t0)
        col = [c for c in fc.columns if c not in ("unique_id", "ds")][0]
        f = fc[col].to_numpy(float)
        wapes.append(np.abs(f - y).sum() / y.sum())
        mapes.append(np.mean(np.abs(f - y)[y > 0] / y[y > 0]))
        rmses.append(np.sqrt(np.mean((f - y) ** 2)))
    rows.append((n, np.mean(mapes), np.mean(wapes), np.mean(rmses), np.mean(secs)))
    print(f"  done {n}", flush=True)

ccplan = {}
for path in args.ccplan:
    label = "ccplan" + (" (holiday calendar)" if "calendar" in path and "nocal" not in path else " (no calendar)")
    for line in open(path):
        m = re.match(r"^(\S+)\s+([\d.]+)%\s+([\d.]+)%\s+([\d.]+)\s+(-?[\d.]+)%\s+([\d.]+)\s+([\d.]+) ms", line)
        if m and m.group(1) in ("seasonal-naive", "seasonal-average(k=4)", "holt-winters(w=8)", "svd(k=5)", "auto"):
            ccplan[f"{label} {m.group(1)}"] = (float(m.group(2)) / 100, float(m.group(3)) / 100, float(m.group(4)), float(m.group(7)) / 1000)

print("\nmean over the six holdouts (US bank, 30 min)")
print(f"{'model':58s} {'MAPE':>7s} {'WAPE':>7s} {'RMSE':>7s} {'fit+predict':>12s}")
for n, mape, wape, rmse, s in rows:
    print(f"{'statsforecast ' + n:58s} {mape*100:6.2f}% {wape*100:6.2f}% {rmse:7.1f} {s*1000:10.1f} ms")
for k, (mape, wape, rmse, s) in ccplan.items():
    print(f"{k:58s} {mape*100:6.2f}% {wape*100:6.2f}% {rmse:7.1f} {s*1000:10.2f} ms")
auto = [v for k, v in ccplan.items() if k.endswith(" auto") and "no calendar" in k]
if auto:
    a = auto[0][3]
    print("\ntime ratio: statsforecast model time / ccplan auto time (no calendar; auto includes its own backtest of 12 candidates)")
    for n, _, _, _, s in rows:
        print(f"  {n:24s} {s / a:8.1f}x")
