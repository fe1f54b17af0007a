"""Long-horizon accuracy of `ccplan forecast` on the multi-year hourly files (issue 11 protocol).

For each origin: history = every row before the origin, `ccplan forecast --start ORIGIN
--horizon Nw`, and the simple baselines a planner would use, all scored on the totals of the
whole calendar months inside the horizon (also days and ISO weeks inside it), on the hours that
have an actual (an absent hour is unknown: Denver's source dropped hours with fewer than 3
incidents). WAPE = sum |F - A| / sum A over all periods of all origins (pooled); bias = sum (F - A) / sum A.

Baselines (weekday-aligned, 364 days back):
  last-year          y(d - 364, h)
  last-year-growth   y(d - 364, h) x (sum of the last 364 days / sum of the 364 days before)
  last-8-weeks       mean of y over the last 8 same-weekdays, same hour (flat)

"month, true level": the monthly WAPE after rescaling each origin's forecast to the actual total of
its months (a perfect level: what is left is the yearly and weekly shape).
--origins extended: every quarter from the first origin with 15 months of history to the last with
52 weeks after it (UIHC 11 origins, Denver 23, as forecast-accuracy --extended), instead of the
issue's 2 + 3.

usage: python3 long_horizon.py --ccplan BIN [--weeks 52] [--series uihc,denver] [--models auto]
                               [--origins issue|extended] [--data DIR] [--json OUT]
Only numpy is needed.
"""
import argparse, csv, datetime as dt, json, os, subprocess, sys, tempfile, time
import numpy as np

SERIES = {
    "uihc": ("uihc_ed_hourly.csv", ["2016-04-01", "2017-04-01"]),
    "denver": ("denver_ems_911_hourly.csv", ["2016-02-01", "2017-02-01", "2018-02-01"]),
}


def quarterly(first, last):
    out, d = [], dt.date.fromisoformat(first)
    while d <= dt.date.fromisoformat(last):
        out.append(d.isoformat())
        m = d.month + 3
        d = dt.date(d.year + (m > 12), (m - 1) % 12 + 1, 1)
    return out


EXTENDED = {"uihc": quarterly("2014-10-01", "2017-04-01"), "denver": quarterly("2012-08-01", "2018-02-01")}


def origins_of(name, which):
    """The issue's origins of a series, or the extended quarterly ones."""
    return SERIES[name][1] if which == "issue" else EXTENDED[name]


def load(path):
    """date -> 24 hourly values (NaN where the file has no row), as a dense day x hour array."""
    rows = []
    with open(path) as f:
        r = csv.DictReader(f)
        for row in r:
            rows.append((dt.date.fromisoformat(row["date"]), int(row["interval_start"][:2]), float(row["calls"])))
    first = min(d for d, _, _ in rows)
    last = max(d for d, _, _ in rows)
    n = (last - first).days + 1
    y = np.full((n, 24), np.nan)
    for d, h, v in rows:
        y[(d - first).days, h] = v
    return first, y


def whole_periods(origin, days):
    """Day offsets grouped into whole calendar months, ISO weeks (Mon-Sun) and days in [origin, origin+days)."""
    dates = [origin + dt.timedelta(days=i) for i in range(days)]
    months, weeks = {}, {}
    for i, d in enumerate(dates):
        months.setdefault((d.year, d.month), []).append(i)
        weeks.setdefault(d.isocalendar()[:2], []).append(i)
    full_m = [v for (yr, mo), v in months.items()
              if len(v) == (dt.date(yr + (mo == 12), mo % 12 + 1, 1) - dt.date(yr, mo, 1)).days]
    full_w = [v for v in weeks.values() if len(v) == 7]
    return {"day": [[i] for i in range(days)], "week": full_w, "month": full_m}


def baselines(y, o):
    """Forecasts (days x 24) of the three baselines for the horizon starting at row o."""
    def lag(days):
        return y[o - 364: o - 364 + days]
    out = {}
    out["last-year"] = lambda days: np.where(np.isnan(lag(days)), np.nanmean(y[o - 364:o], axis=0), lag(days)) if days <= 364 else None
    last = np.nansum(y[o - 364:o]); before = np.nansum(y[o - 728:o - 364])
    growth = last / before if before > 0 else 1.0
    out["last-year-growth"] = lambda days: out["last-year"](days) * growth
    wk = np.zeros((7, 24))
    for w in range(7):
        rows = [o - 7 * k + ((w - o) % 7) - 7 for k in range(8)]
        rows = [r if r < o else r - 7 for r in rows]
        wk[w] = np.nanmean(y[rows], axis=0)
    out["last-8-weeks"] = lambda days: np.array([wk[(o + i) % 7] for i in range(days)])
    return out


def ccplan_forecast(binary, path, origin, weeks, model):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "f.csv")
        cmd = [binary, "forecast", "--history", path, "--map", "interval_start=timestamp", "--timezone", "UTC",
               "--start", f"{origin}T00:00", "--horizon", f"{weeks}w", "--model", model, "--out", out]
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True)
        seconds = time.perf_counter() - t0
        days = weeks * 7
        f = np.zeros((days, 24))
        lo = np.zeros((days, 24)); hi = np.zeros((days, 24))
        with open(out) as fh:
            r = csv.DictReader(fh)
            for row in r:
                t = dt.datetime.fromisoformat(row["interval_start"])
                i = (t.date() - origin).days
                f[i, t.hour] += float(row["volume"])
                lo[i, t.hour] += float(row["volume_p10"]); hi[i, t.hour] += float(row["volume_p90"])
        return f, seconds


def daily_totals(forecast, actual):
    """Day totals of the forecast and of the actual over the hours with an actual."""
    mask = ~np.isnan(actual)
    return np.where(mask, forecast, 0).sum(axis=1), np.where(mask, actual, 0).sum(axis=1)


def period_errors(fa, aa, periods):
    """Sum of absolute errors, sum of errors, sum of actuals and the same absolute errors with the
    forecast rescaled to the actual total of the periods (the "true level")."""
    F = np.array([fa[p].sum() for p in periods]); A = np.array([aa[p].sum() for p in periods])
    true = np.abs(F * A.sum() / F.sum() - A).sum() if F.sum() > 0 else np.abs(A).sum()
    return np.abs(F - A).sum(), (F - A).sum(), A.sum(), true


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ccplan", required=True)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data"))
    ap.add_argument("--weeks", type=int, default=52)
    ap.add_argument("--series", default="uihc,denver")
    ap.add_argument("--models", default="auto")
    ap.add_argument("--origins", choices=["issue", "extended"], default="issue")
    ap.add_argument("--json")
    args = ap.parse_args()
    results = {}
    for name in args.series.split(","):
        fname, origins = SERIES[name][0], origins_of(name, args.origins)
        path = os.path.join(args.data, fname)
        first, y = load(path)
        days = args.weeks * 7
        acc, daily = {}, {}
        for o_text in origins:
            origin = dt.date.fromisoformat(o_text)
            o = (origin - first).days
            actual = y[o:o + days]
            periods = whole_periods(origin, days)
            fcs = {k: (fn(days), 0.0) for k, fn in baselines(y, o).items()}
            for m in args.models.split(","):
                fcs[f"ccplan {m}"] = ccplan_forecast(args.ccplan, path, origin, args.weeks, m)
            for k, (f, secs) in fcs.items():
                fa, aa = daily_totals(f, actual)
                daily.setdefault(k, {})[o_text] = [round(v, 3) for v in fa]
                for level, p in periods.items():
                    a, b, s, true = period_errors(fa, aa, p)
                    e = acc.setdefault((k, level), [0, 0, 0, 0.0, [], 0])
                    e[0] += a; e[1] += b; e[2] += s; e[3] += secs; e[4].append(a / s); e[5] += true
        print(f"\n{name}: origins {' '.join(origins)}, {args.weeks} weeks; pooled WAPE (bias) of whole-period totals")
        print(f"{'model':28s} {'month':>16s} {'week':>16s} {'day':>16s} {'month, true level':>18s}  s/origin")
        names = sorted({k for k, _ in acc}, key=lambda k: (not k.startswith("ccplan"), k))
        for k in names:
            cells = []
            for level in ("month", "week", "day"):
                a, b, s, _, per, true = acc[(k, level)]
                cells.append(f"{100 * a / s:6.2f}% ({100 * b / s:+5.2f}%)")
                results.setdefault(name, {}).setdefault(k, {})[level] = {"wape": a / s, "bias": b / s,
                                                                          "per_origin_wape": per}
            a, _, s, _, _, true = acc[(k, "month")]
            results[name][k]["month"]["true_level_wape"] = true / s
            results[name][k]["daily_forecasts"] = daily[k]
            secs = acc[(k, "month")][3] / len(origins)
            results[name][k]["seconds_per_origin"] = secs
            print(f"{k:28s} {cells[0]:>16s} {cells[1]:>16s} {cells[2]:>16s} {100 * true / s:17.2f}%  {secs:6.2f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
