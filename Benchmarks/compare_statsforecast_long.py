"""statsforecast on daily totals at long horizons, the protocol of long_horizon.py (issue 11).

For each origin: train on the daily totals of every day before it (the sum of the rows the file
has), forecast `--weeks` x 7 days, score the totals of the whole calendar months (and ISO weeks,
days) inside the horizon against the sum of the rows the file has. WAPE and bias are pooled over
all periods of all origins, as long_horizon.py does for ccplan and the baselines. Models:
AutoETS(season 7), AutoARIMA(season 7), MSTL(seasons 7 and 365, trend AutoETS), one thread.
Time = fit + predict per origin (after a JIT warm-up that is reported apart).

"month, true level": each origin's forecast rescaled to the actual total of its months (only the
shape left). With --ccplan-json (long_horizon.py's output of the same origins), the equal-weight
mean of ccplan auto's day totals and each statsforecast model's is scored too (does combining
with MSTL help?). --origins extended: the quarterly origins of long_horizon.py --origins extended.

usage: python compare_statsforecast_long.py [--data DIR] [--weeks 52] [--series uihc,denver]
                                            [--origins issue|extended] [--json OUT] [--ccplan-json J]
"""
import argparse, datetime as dt, json, os, sys, time
import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import long_horizon as L  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
ap.add_argument("--weeks", type=int, default=52)
ap.add_argument("--series", default="uihc,denver")
ap.add_argument("--models", default="AutoETS,AutoARIMA,MSTL")
ap.add_argument("--origins", choices=["issue", "extended"], default="issue")
ap.add_argument("--json")
ap.add_argument("--ccplan-json", help="long_horizon.py's --json output of the same run, printed beside")
args = ap.parse_args()

t0 = time.perf_counter()
import pandas as pd  # noqa: E402
from statsforecast import StatsForecast  # noqa: E402
from statsforecast.models import AutoARIMA, AutoETS, MSTL  # noqa: E402
print(f"statsforecast import: {time.perf_counter() - t0:.1f} s", flush=True)


def make(name):
    return {
        "AutoETS": lambda: AutoETS(season_length=7),
        "AutoARIMA": lambda: AutoARIMA(season_length=7),
        "MSTL": lambda: MSTL(season_length=[7, 365], trend_forecaster=AutoETS(model="ZZN")),
    }[name]()


def fit_predict(name, daily, start, h):
    df = pd.DataFrame({"unique_id": "q", "ds": pd.date_range(start, periods=len(daily), freq="D"), "y": daily})
    t = time.perf_counter()
    fc = StatsForecast(models=[make(name)], freq="D", n_jobs=1).forecast(df=df, h=h)
    seconds = time.perf_counter() - t
    col = [c for c in fc.columns if c not in ("unique_id", "ds")][0]
    return fc[col].to_numpy(float), seconds


names = args.models.split(",")
ccplan = json.load(open(args.ccplan_json)) if args.ccplan_json else {}
warm = np.random.default_rng(1).poisson(100, 800).astype(float)
t0 = time.perf_counter()
for n in names:
    fit_predict(n, warm, "2000-01-01", 30)
print(f"JIT warm-up: {time.perf_counter() - t0:.1f} s", flush=True)

results = {}
for series in args.series.split(","):
    fname, origins = L.SERIES[series][0], L.origins_of(series, args.origins)
    auto = ccplan.get(series, {}).get("ccplan auto", {}).get("daily_forecasts", {})
    first, y = L.load(os.path.join(args.data, fname))
    daily = np.nansum(y, axis=1)
    days = args.weeks * 7
    for n in names:
        per_level, mean_level = {}, {}
        secs = []
        for o_text in origins:
            origin = dt.date.fromisoformat(o_text)
            o = (origin - first).days
            f, s = fit_predict(n, daily[:o], first.isoformat(), days)
            secs.append(s)
            actual = daily[o:o + days]
            for level, periods in L.whole_periods(origin, days).items():
                errors = L.period_errors(f, actual, periods)
                e = per_level.setdefault(level, [0.0] * 4)
                for i in range(4): e[i] += errors[i]
                if o_text in auto:
                    errors = L.period_errors(0.5 * (f + np.array(auto[o_text])), actual, periods)
                    e = mean_level.setdefault(level, [0.0] * 4)
                    for i in range(4): e[i] += errors[i]
        for key, acc in ((f"statsforecast {n}", per_level), (f"mean of ccplan auto and {n}", mean_level)):
            if not acc:
                continue
            results.setdefault(series, {})[key] = {
                level: {"wape": a / s, "bias": b / s, "true_level_wape": t / s} for level, (a, b, s, t) in acc.items()} | {
                "seconds_per_origin": float(np.median(secs))}
            r = results[series][key]
            print(f"{series:7s} {key:34s} month {100 * r['month']['wape']:5.2f}% ({100 * r['month']['bias']:+.2f}%)"
                  f"  week {100 * r['week']['wape']:5.2f}%  day {100 * r['day']['wape']:5.2f}%"
                  f"  month, true level {100 * r['month']['true_level_wape']:5.2f}%  {r['seconds_per_origin']:.2f} s/origin",
                  flush=True)
if args.json:
    with open(args.json, "w") as f:
        json.dump(results, f, indent=1)

if args.ccplan_json:
    print(f"\n{args.weeks} weeks ({args.origins} origins), monthly WAPE (bias), the same with a true level,"
          " and seconds per origin, same run")
    for series in args.series.split(","):
        rows = [(k, v["month"]["wape"], v["month"]["bias"], v["month"].get("true_level_wape", float("nan")),
                 v.get("seconds_per_origin", 0.0))
                for k, v in list(ccplan.get(series, {}).items()) + list(results.get(series, {}).items())]
        for k, w, b, t, s in sorted(rows, key=lambda r: r[1]):
            print(f"{series:7s} {k:34s} {100 * w:6.2f}% ({100 * b:+.2f}%)  {100 * t:6.2f}%  {s:7.3f} s")
