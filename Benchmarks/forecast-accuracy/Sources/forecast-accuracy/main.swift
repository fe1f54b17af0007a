import CCPlanBase
import Forecasting
// forecast-accuracy: the rolling-origin protocol of docs/forecasting.md on a real interval file.
//
//   forecast-accuracy [--file PATH] [--column NAME] [--origins D1,D2,...] [--horizon DAYS]
//                     [--closed D1,D2,...] [--no-calendar] [--models fast|all]
//
// Defaults: the US bank 30-minute file, its six two-week holdouts from 2003-08-04, and the US
// public holidays in the data span (Memorial Day, Independence Day, Labor Day) as closed dates.
import Foundation

struct Options {
    var file = "/work/shared/data/us_bank_2003_30min.csv"
    var column = "calls"
    var origins = ["2003-08-04", "2003-08-18", "2003-09-01", "2003-09-15", "2003-09-29", "2003-10-13"]
    var horizon = 14
    var closed = ["2003-05-26", "2003-07-04", "2003-09-01"]
    var models = "all"
    var autoOrigins = 3
    var weighted = 3
    var pool = true
    var rangeOrigins: [String]? = nil
    var fullDay = false
}

var options = Options()
var args = Array(CommandLine.arguments.dropFirst())
if let i = args.firstIndex(of: "--bias") {
    try runSmallQueueBias(replicates: i + 1 < args.count ? Int(args[i + 1]) ?? 40 : 40)
    exit(0)
}
// --long [WEEKS]: the long-horizon protocol (issue 11) on the multi-year hourly files.
if let i = args.firstIndex(of: "--long") {
    let weeks = i + 1 < args.count ? Int(args[i + 1]) ?? 52 : 52
    let data = ProcessInfo.processInfo.environment["CCPLAN_DATA"] ?? "/work/shared/data"
    var models: [any ForecastModel] = [
        DayLevelModel(), AutoModel(), DayLevelModel(.sameDayLastYear),
        DayLevelModel(.lastYearGrowth), DayLevelModel(.seasonalAverage(weeks: 8)),
    ]
    if args.contains("--speed") { try runLongSpeed(dataDirectory: data); exit(0) }
    if args.contains("--scores") { try printLongScores(dataDirectory: data, weeks: weeks); exit(0) }
    if args.contains("--each") { models += DailyMethod.regressionChoices.map { DayLevelModel($0) } }
    if args.contains("--combination") { models += [DayLevelModel(.lastYearCombination)] }
    if args.contains("--selections") {
        // The long band's alternatives: select among the regression and each baseline (the first
        // pass), and the regression or its combination with last year (now).
        models += [
            DayLevelModel(methods: [.regressionCombination] + DailyMethod.baselines.dropLast()),
            DayLevelModel(methods: DailyMethod.longHorizonChoices),
        ]
    }
    if args.contains("--short") { models += [SVDInterday(components: 3), SVDInterday(components: 7)] }
    try runLongHorizon(
        dataDirectory: data, weeks: weeks, models: models, coverage: args.contains("--coverage"),
        cases: args.contains("--extended") ? extendedLongHorizonCases : longHorizonCases)
    exit(0)
}
while !args.isEmpty {
    let flag = args.removeFirst()
    switch flag {
    case "--no-calendar": options.closed = []
    case "--no-pool": options.pool = false  // auto picks the best contender instead of pooling the best three
    // 24-hour slot grid, unreported slots NaN (as the history module converts)
    case "--full-day": options.fullDay = true
    default:
        guard !args.isEmpty else { fatalError("missing value for \(flag)") }
        let value = args.removeFirst()
        switch flag {
        case "--file": options.file = value
        case "--column": options.column = value
        case "--origins": options.origins = value.split(separator: ",").map(String.init)
        case "--horizon": options.horizon = Int(value) ?? 14
        case "--closed": options.closed = value.split(separator: ",").map(String.init)
        case "--models": options.models = value
        case "--auto-origins": options.autoOrigins = Int(value) ?? 3
        case "--weighted-ensemble": options.weighted = Int(value) ?? 3
        // Range coverage on other origins than the accuracy protocol's: "weekly" = every Monday
        // from 2003-06-02 to 2003-10-13 (20 origins, 14-day horizons), or a list.
        case "--range-origins":
            if value == "weekly" {
                let first = CivilDate("2003-06-02")!
                options.rangeOrigins = (0..<20).map { first.adding(days: 7 * $0).description }
            } else {
                options.rangeOrigins = value.split(separator: ",").map(String.init)
            }
        default: fatalError("unknown option \(flag)")
        }
    }
}

/// Reads timestamp,date,interval_start,weekday,<counts...>; slot = minutes since the earliest start / step.
func load(_ path: String, column: String, options: Options) throws -> DailyIntervalSeries {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline)
    let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    guard let di = header.firstIndex(of: "date"), let ti = header.firstIndex(of: "interval_start"),
        let vi = header.firstIndex(of: column)
    else { fatalError("columns date, interval_start, \(column) needed") }
    // Handled counts and handle time when the file has them (anon bank: answered, aht_sec).
    let ai = header.firstIndex(of: "answered"), hi = header.firstIndex(of: "aht_sec")
    var records: [(CivilDate, Int, Double, Double?, Double?)] = []
    var minutes = Set<Int>()
    for line in lines {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard let date = CivilDate(f[di]) else { continue }
        let hm = f[ti].split(separator: ":")
        let m = (Int(hm[0]) ?? 0) * 60 + (Int(hm[1]) ?? 0)
        minutes.insert(m)
        var handled: Double? = nil, seconds: Double? = nil
        if let ai, let hi {
            let n = Double(f[ai]) ?? 0
            handled = n
            seconds = n > 0 ? n * (Double(f[hi]) ?? 0) : 0
        }
        records.append((date, m, Double(f[vi]) ?? .nan, handled, seconds))
    }
    let sorted = minutes.sorted()
    var step = Int.max
    for i in 1..<sorted.count { step = min(step, sorted[i] - sorted[i - 1]) }
    let first = options.fullDay ? 0 : sorted[0]
    let slots = options.fullDay ? 1440 / step : ((sorted.last ?? first) - first) / step + 1
    var series = DailyIntervalSeries(slotsPerDay: slots)
    for (date, m, v, h, t) in records where !v.isNaN {
        try series.accumulate(date: date, slot: (m - first) / step, volume: v, handled: h, handleTimeSeconds: t)
    }
    return series
}

let series = try load(options.file, column: options.column, options: options)
let calendar = ForecastCalendar(closedDates: Set(options.closed.compactMap { CivilDate($0) }))
let origins = options.origins.compactMap { CivilDate($0) }
print("file: \(options.file)  column: \(options.column)  days: \(series.dates.count)  slots/day: \(series.slotsPerDay)")
print(
    "origins: \(options.origins.joined(separator: " "))  horizon: \(options.horizon) days  closed dates: \(options.closed.isEmpty ? "none" : options.closed.joined(separator: " "))"
)

let auto = AutoModel(weightedEnsembleSize: options.weighted, poolsBest: options.pool, origins: options.autoOrigins)
var models: [any ForecastModel] = auto.candidates + auto.ensembles + [auto]
if options.models == "fast" { models = [SeasonalNaive(), SeasonalAverage(weeks: 4), SVDInterday(components: 5), auto] }
let results = try Backtest.run(
    models: models, history: series, calendar: calendar, origins: origins, horizonDays: options.horizon)
func pct(_ x: Double) -> String { x.isNaN ? "   n/a " : String(format: "%6.2f%%", x * 100) }
func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
print(pad("model", 52) + "   MAPE     WAPE      RMSE     bias    MASE  fit+predict")
for r in results {
    let m = r.mean
    print(
        pad(r.model, 52) + " \(pct(m.mape))  \(pct(m.wape))  " + String(format: "%8.1f", m.rmse) + "  \(pct(m.bias))  "
            + String(format: "%6.3f  %8.2f ms", m.mase, r.meanSeconds * 1000))
}
print("\nWAPE per origin (" + options.origins.joined(separator: " ") + "):")
for r in results { print(pad(r.model, 52) + r.perOrigin.map { pct($0.wape) }.joined(separator: " ")) }

print("\nauto's choice at each origin (own rolling-origin backtest on the training data):")
for origin in origins {
    let context = try ForecastContext(
        history: series.prefix(before: origin), calendar: calendar,
        targetDates: (0..<options.horizon).map { origin.adding(days: $0) })
    let selection = try auto.select(context)
    let top = selection.scores.sorted { $0.metrics.wape < $1.metrics.wape }.prefix(3)
        .map { "\($0.model) \(pct($0.metrics.wape))" }.joined(separator: ", ")
    print("  \(origin): \(selection.chosen.name)   [own backtest top 3: \(top)]")
}

// Ranges: coverage of auto's p10–p90 (from its own backtest errors by lead week) on the holdouts.
do {
    var inside = 0, total = 0, width = 0.0, level = 0.0
    var byWeek = [[Int]](repeating: [0, 0], count: 8), peak = [0, 0]
    var below = [0, 0], above = [0, 0]  // all, peak
    var sumY = 0.0, sumF = 0.0
    let engine = Forecaster(model: auto, quantileLevels: [0.1, 0.9])
    let coverageOrigins = options.rangeOrigins.map { $0.compactMap { CivilDate($0) } } ?? origins
    var perOrigin: [String] = []
    for origin in coverageOrigins {
        let before = (inside, total)
        defer {
            perOrigin.append(
                String(
                    format: "%@ %.0f%%", String(origin.description.suffix(5)),
                    Double(inside - before.0) / Double(max(1, total - before.1)) * 100))
        }
        let f = try engine.forecast(
            history: series.prefix(before: origin), calendar: calendar,
            targetDates: (0..<options.horizon).map { origin.adding(days: $0) })
        let s = series.slotsPerDay
        // Peak intervals: the top quarter of each day's forecast.
        for (t, d) in f.dates.enumerated() {
            guard let r = series.row(of: d) else { continue }
            let day = (0..<s).map { f.volume[t * s + $0] }.sorted()
            let peakLevel = day[(3 * s) / 4]
            for j in 0..<s {
                let y = series.volume[r * s + j]
                guard !y.isNaN, f.volume[t * s + j] > 0 else { continue }
                let lo = f.quantiles[0][t * s + j], hi = f.quantiles[1][t * s + j]
                let hit = y >= lo && y <= hi ? 1 : 0
                inside += hit
                total += 1; width += hi - lo; level += f.volume[t * s + j]
                byWeek[min(7, t / 7)][0] += hit; byWeek[min(7, t / 7)][1] += 1
                let isPeak = f.volume[t * s + j] >= peakLevel
                if isPeak { peak[0] += hit; peak[1] += 1 }
                sumY += y; sumF += f.volume[t * s + j]
                if y < lo { below[0] += 1; if isPeak { below[1] += 1 } }
                if y > hi { above[0] += 1; if isPeak { above[1] += 1 } }
            }
        }
    }
    if total > 0 {
        let weeks = byWeek.enumerated().filter { $0.element[1] > 0 }
            .map {
                String(format: "week %d %.1f%%", $0.offset + 1, Double($0.element[0]) / Double($0.element[1]) * 100)
            }
        print(
            "ranges by lead week: " + weeks.joined(separator: ", ")
                + String(
                    format: "; at peak intervals (top quarter of each day's forecast) %.1f%%",
                    Double(peak[0]) / Double(max(1, peak[1])) * 100))
        print(
            String(
                format:
                    "misses below p10 / above p90: all %.1f%% / %.1f%%, peak %.1f%% / %.1f%% (target 10%% each); point bias %+.2f%%",
                Double(below[0]) / Double(total) * 100, Double(above[0]) / Double(total) * 100,
                Double(below[1]) / Double(max(1, peak[1])) * 100, Double(above[1]) / Double(max(1, peak[1])) * 100,
                (sumF - sumY) / sumY * 100))
        print(
            String(
                format:
                    "ranges: auto p10–p90 covers %.1f%% of %d holdout intervals (target 80%%) from %d origins; mean width %.0f%% of the forecast",
                Double(inside) / Double(total) * 100, total, coverageOrigins.count, width / level * 100))
        print("ranges per origin: " + perOrigin.joined(separator: ", "))
    }
}

// AHT: the weekday × interval profile (shrunk to the mean) against a constant (the window mean),
// scored as Σ handled·|AHT_f − AHT| / Σ handled·AHT over intervals with handled contacts.
if let handled = series.handled, let seconds = series.handleTimeSeconds {
    var profileError = 0.0, constantError = 0.0, total = 0.0
    for origin in origins {
        let train = series.prefix(before: origin)
        let targets = (0..<options.horizon).map { origin.adding(days: $0) }
        guard let profile = HandleTimeModel().forecast(history: train, calendar: calendar, targetDates: targets),
            let flat = HandleTimeModel(lookbackWeeks: 8, pseudoCount: 1e12).forecast(
                history: train, calendar: calendar, targetDates: targets)
        else { continue }
        let s = series.slotsPerDay
        for (t, d) in targets.enumerated() {
            guard let r = series.row(of: d) else { continue }
            for j in 0..<s {
                let n = handled[r * s + j], sec = seconds[r * s + j]
                guard n > 0, !sec.isNaN else { continue }
                let actual = sec / n
                profileError += n * abs(profile[t * s + j] - actual)
                constantError += n * abs(flat[t * s + j] - actual)
                total += n * actual
            }
        }
    }
    if total > 0 {
        print(
            String(
                format:
                    "\nAHT (handled-weighted absolute error / mean AHT): weekday × interval profile %.2f%%, constant window mean %.2f%%",
                profileError / total * 100, constantError / total * 100))
    }
}

// Speed: one synthetic series with a year of 30-minute history (48 slots, open 7 days),
// auto fit + 4-week forecast including its backtest and the p10/p90 ranges.
struct SplitMix64 {
    var state: UInt64
    mutating func uniform() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
    mutating func poisson(_ mean: Double) -> Double {
        if mean > 50 {
            return max(
                0,
                (mean + mean.squareRoot() * (-2 * log(uniform() + 1e-300)).squareRoot() * cos(2 * Double.pi * uniform()))
                    .rounded())
        }
        let l = exp(-mean); var k = 0.0; var p = 1.0
        repeat { k += 1; p *= uniform() } while p > l
        return k - 1
    }
}
var rng = SplitMix64(state: 42)
let start = CivilDate(year: 2024, month: 1, day: 1)!
let yearDates = (0..<365).map { start.adding(days: $0) }
var yearVolume: [Double] = []
for d in yearDates {
    let w = d.isoWeekday
    for s in 0..<48 {
        let open = s >= 14 && s < 44 && w != 7
        let shape = sin(Double.pi * Double(s - 14) / 30)
        yearVolume.append(open ? rng.poisson(40 * shape * (w == 1 ? 1.3 : 1.0) + 5) : 0)
    }
}
let year = try DailyIntervalSeries(slotsPerDay: 48, dates: yearDates, volume: yearVolume)
let forecaster = Forecaster()
var best = Double.infinity
var method = ""
for _ in 0..<5 {
    let clock = ContinuousClock()
    let t0 = clock.now
    let f = try forecaster.forecast(history: year, horizonDays: 28)
    let e = clock.now - t0
    best = min(best, Double(e.components.attoseconds) * 1e-15 + Double(e.components.seconds) * 1000)
    method = f.method
}
print(
    String(
        format:
            "\nspeed: synthetic year of 30-min history (365 × 48), Forecaster(auto) + 28-day forecast incl. backtest and ranges: %.1f ms (best of 5), chose %@",
        best, method))
