import CCPlanBase
import Forecasting
// The long-horizon protocol of issue 11 on the multi-year hourly files, through the library:
// history = every day before the origin, forecast `weeks` × 7 days in one shot, score the totals
// of whole calendar months, ISO weeks and days inside the horizon on the intervals that have an
// actual (pooled WAPE and bias over all origins), and the coverage of the p10–p90 range of day
// totals (Forecaster's day ranges).
import Foundation

struct LongHorizonCase {
    var name: String
    var file: String
    var origins: [String]
}

let longHorizonCases = [
    LongHorizonCase(name: "uihc", file: "uihc_ed_hourly.csv", origins: ["2016-04-01", "2017-04-01"]),
    LongHorizonCase(
        name: "denver", file: "denver_ems_911_hourly.csv", origins: ["2016-02-01", "2017-02-01", "2018-02-01"]),
]

/// `--extended`: every quarter from the first origin with 15 months of history to the last with
/// 52 weeks of actuals after it (UIHC 11 origins, Denver 23): a wider check that a method
/// generalises than the issue's 2 + 3 origins (overlapping horizons, so not independent).
let extendedLongHorizonCases = [
    LongHorizonCase(
        name: "uihc", file: "uihc_ed_hourly.csv", origins: quarterlyOrigins(from: "2014-10-01", to: "2017-04-01")),
    LongHorizonCase(
        name: "denver", file: "denver_ems_911_hourly.csv",
        origins: quarterlyOrigins(from: "2012-08-01", to: "2018-02-01")),
]

func quarterlyOrigins(from: String, to: String) -> [String] {
    var out: [String] = []
    var d = CivilDate(from)!
    let end = CivilDate(to)!
    while d <= end {
        out.append(d.description)
        let m = d.month + 3
        d = CivilDate(year: d.year + (m - 1) / 12, month: (m - 1) % 12 + 1, day: 1)!
    }
    return out
}

/// Reads timestamp,date,interval_start,weekday,calls of an hourly file into 24 slots a day.
func loadHourly(_ path: String) throws -> DailyIntervalSeries {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var series = DailyIntervalSeries(slotsPerDay: 24)
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {
        let f = line.split(separator: ",", omittingEmptySubsequences: false)
        guard f.count >= 5, let date = CivilDate(f[1]), let hour = Int(f[2].prefix(2)), let v = Double(f[4]) else {
            continue
        }
        try series.accumulate(date: date, slot: hour, volume: v)
    }
    return series
}

/// Whole periods (lists of day offsets) of the horizon.
func wholePeriods(origin: CivilDate, days: Int) -> [String: [[Int]]] {
    var months: [Int: [Int]] = [:], weeks: [Int: [Int]] = [:]
    for i in 0..<days {
        let d = origin.adding(days: i)
        months[d.year * 100 + d.month, default: []].append(i)
        let monday = d.dayNumber - (d.isoWeekday - 1)
        weeks[monday, default: []].append(i)
    }
    func monthLength(_ key: Int) -> Int {
        let y = key / 100, m = key % 100
        let next = m == 12 ? CivilDate(year: y + 1, month: 1, day: 1)! : CivilDate(year: y, month: m + 1, day: 1)!
        return next.dayNumber - CivilDate(year: y, month: m, day: 1)!.dayNumber
    }
    return [
        "month": months.keys.sorted().filter { months[$0]!.count == monthLength($0) }.map { months[$0]! },
        "week": weeks.keys.sorted().filter { weeks[$0]!.count == 7 }.map { weeks[$0]! },
        "day": (0..<days).map { [$0] },
    ]
}

struct PooledError {
    var abs = 0.0, err = 0.0, actual = 0.0
    var wape: Double { abs / actual }
    var bias: Double { err / actual }
}

func runLongHorizon(
    dataDirectory: String, weeks: Int, models: [any ForecastModel], coverage: Bool,
    cases: [LongHorizonCase] = longHorizonCases
) throws {
    let days = weeks * 7
    for c in cases {
        let series = try loadHourly(dataDirectory + "/" + c.file)
        print(
            "\n\(c.name): origins \(c.origins.joined(separator: " ")), \(weeks) weeks; pooled WAPE (bias) of whole-period totals on observed hours"
        )
        var table: [(String, [String: PooledError], Double, [Double])] = []
        for model in models {
            var acc: [String: PooledError] = [:]
            var seconds = 0.0
            var notes: [String] = []
            var perOrigin: [Double] = []
            for o in c.origins {
                let origin = CivilDate(o)!
                let targets = (0..<days).map { origin.adding(days: $0) }
                let context = try ForecastContext(history: series.prefix(before: origin), targetDates: targets)
                let clock = ContinuousClock(), t0 = clock.now
                let f = try model.forecast(context)
                let e = clock.now - t0
                seconds += Double(e.components.seconds) + Double(e.components.attoseconds) * 1e-18
                if let d = model as? DayLevelModel, d.methods.count > 1 {
                    notes.append("\(o): \(try d.select(context).method)")
                }
                if let a = model as? AutoModel {
                    let chosen = try a.select(context).chosen
                    var note = "\(o): \(chosen.name)"
                    if let blend = chosen as? LeadTimeBlend {
                        note +=
                            " [short weights by week "
                            + blend.weeklyShortWeights.map { String(format: "%.2f", $0) }.joined(separator: " ") + "]"
                    }
                    notes.append(note)
                }
                var dayF = [Double](repeating: 0, count: days), dayA = dayF
                for (t, d) in targets.enumerated() {
                    guard let r = series.row(of: d) else { continue }
                    for j in 0..<24 {
                        let y = series.volume[r * 24 + j]
                        if !y.isNaN { dayF[t] += f[t * 24 + j]; dayA[t] += y }
                    }
                }
                var originAbs = 0.0, originActual = 0.0
                // The noise floor of the yearly shape: the forecast rescaled to the true total of
                // the horizon (a perfect level), monthly errors pooled as "month|level".
                let level = dayA.reduce(0, +) / max(1e-9, dayF.reduce(0, +))
                for p in wholePeriods(origin: origin, days: days)["month"]! {
                    let F = level * p.reduce(0) { $0 + dayF[$1] }, A = p.reduce(0) { $0 + dayA[$1] }
                    acc["month|level", default: PooledError()].abs += Swift.abs(F - A)
                    acc["month|level", default: PooledError()].err += F - A
                    acc["month|level", default: PooledError()].actual += A
                }
                for (level, periods) in wholePeriods(origin: origin, days: days) {
                    for p in periods {
                        if level == "month" {
                            originAbs += Swift.abs(p.reduce(0) { $0 + dayF[$1] } - p.reduce(0) { $0 + dayA[$1] })
                            originActual += p.reduce(0) { $0 + dayA[$1] }
                        }
                        let F = p.reduce(0) { $0 + dayF[$1] }, A = p.reduce(0) { $0 + dayA[$1] }
                        acc[level, default: PooledError()].abs += Swift.abs(F - A)
                        acc[level, default: PooledError()].err += F - A
                        acc[level, default: PooledError()].actual += A
                    }
                }
                perOrigin.append(originAbs / originActual)
            }
            table.append((model.name, acc, seconds / Double(c.origins.count), perOrigin))
            if !notes.isEmpty, c.origins.count <= 3 { print("  \(model.name) chose " + notes.joined(separator: "; ")) }
        }
        print(pad("model", 40) + "           month            week             day    ms/origin  month, true level")
        for (name, acc, s, perOrigin) in table {
            let cells = ["month", "week", "day"].map { l -> String in
                let e = acc[l]!
                return String(format: "%6.2f%% (%+5.2f%%)", e.wape * 100, e.bias * 100)
            }
            let mean = perOrigin.reduce(0, +) / Double(max(1, perOrigin.count))
            print(
                pad(name, 40) + cells.map { " " + $0 }.joined()
                    + String(format: "  %9.1f  %6.2f%%", s * 1000, acc["month|level"]!.wape * 100)
                    + (c.origins.count > 3
                        ? String(format: "   mean of origins' monthly WAPE %5.2f%%", mean * 100) : ""))
        }
        if c.origins.count > 3 {
            print("monthly WAPE per origin (" + c.origins.map { String($0.prefix(7)) }.joined(separator: " ") + "):")
            for (name, _, _, perOrigin) in table {
                print(pad(name, 40) + perOrigin.map { String(format: " %5.2f", $0 * 100) }.joined())
            }
        }
        if coverage {
            var inside = 0, total = 0
            for o in c.origins {
                let origin = CivilDate(o)!
                let targets = (0..<days).map { origin.adding(days: $0) }
                let f = try Forecaster().forecast(history: series.prefix(before: origin), targetDates: targets)
                guard let lo = f.dailyQuantiles.first, let hi = f.dailyQuantiles.last else { continue }
                for (t, d) in targets.enumerated() {
                    guard let r = series.row(of: d) else { continue }
                    var y = 0.0, complete = true
                    for j in 0..<24 {
                        let v = series.volume[r * 24 + j]; if v.isNaN { complete = false } else { y += v }
                    }
                    guard complete else { continue }
                    if y >= lo[t] && y <= hi[t] { inside += 1 }
                    total += 1
                }
            }
            print(
                String(
                    format: "day totals inside Forecaster()'s p10–p90: %.1f%% of %d days (complete days only)",
                    Double(inside) / Double(max(1, total)) * 100, total))
        }
    }
}

func printLongScores(dataDirectory: String, weeks: Int) throws {
    for c in longHorizonCases {
        let series = try loadHourly(dataDirectory + "/" + c.file)
        for o in c.origins {
            let origin = CivilDate(o)!
            let context = try ForecastContext(
                history: series.prefix(before: origin), targetDates: (0..<(weeks * 7)).map { origin.adding(days: $0) })
            let sel = try DayLevelModel(methods: DailyMethod.longHorizonChoices + DailyMethod.regressionChoices).select(
                context)
            print("\(c.name) \(o): K=\(sel.harmonics) log=\(sel.logScale) chose \(sel.method)")
            for s in sel.scores {
                print(
                    String(
                        format: "   %-36@ day %5.2f%%  block %5.2f%%  bias %+5.2f%%  score %5.2f", s.method.description,
                        s.dayWAPE * 100, s.blockWAPE * 100, s.bias * 100, s.score * 100))
            }
        }
    }
}

/// Speed bar of issue 11: one queue with five years of hourly history (synthetic: daily, weekly
/// and yearly cycles, growth, Poisson), `Forecaster()` (auto with its backtests and ranges) for
/// 52 weeks; median of 7 runs. Also on the real UIHC file (4.75 years).
func runLongSpeed(dataDirectory: String) throws {
    var rng = SplitMix64(state: 11)
    let start = CivilDate(year: 2019, month: 1, day: 1)!
    let days = 5 * 365
    var volume: [Double] = []
    for i in 0..<days {
        let d = start.adding(days: i)
        let season = 1 + 0.12 * sin(2 * Double.pi * Double(d.dayOfYear) / 365.25)
        let week = d.isoWeekday >= 6 ? 0.85 : 1.0
        for h in 0..<24 {
            let hour = 0.3 + 0.7 * max(0, sin(Double.pi * (Double(h) - 5) / 19))
            volume.append(rng.poisson(12 * hour * season * week * (1 + 0.04 * Double(i) / 365)))
        }
    }
    let synthetic = try DailyIntervalSeries(
        slotsPerDay: 24, dates: (0..<days).map { start.adding(days: $0) }, volume: volume)
    let uihc = try loadHourly(dataDirectory + "/uihc_ed_hourly.csv")
    for (name, series) in [("synthetic 5 years hourly", synthetic), ("UIHC 4.75 years hourly", uihc)] {
        var times: [Double] = []
        var method = ""
        for _ in 0..<7 {
            let clock = ContinuousClock(), t0 = clock.now
            let f = try Forecaster().forecast(history: series, horizonDays: 364)
            let e = clock.now - t0
            times.append(Double(e.components.seconds) * 1000 + Double(e.components.attoseconds) * 1e-15)
            method = f.method
        }
        times.sort()
        print(
            String(
                format:
                    "speed: %@, Forecaster(auto) 52-week forecast incl. backtests and ranges: median %.1f ms (min %.1f), chose %@",
                name, times[3], times[0], method))
    }
}
