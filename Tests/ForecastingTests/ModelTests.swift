import CCPlanBase
import XCTest

@testable import Forecasting

final class ModelTests: XCTestCase {
    let start = Synthetic.monday

    func nextDays(_ series: DailyIntervalSeries, _ n: Int) -> [CivilDate] {
        let last = series.dates.last ?? start
        return (1...n).map { last.adding(days: $0) }
    }

    /// Seasonal naive and seasonal average reproduce a noiseless weekly profile exactly.
    func testSeasonalBenchmarksRecoverAWeeklyProfile() throws {
        let rate = Synthetic.rate()
        let series = try Synthetic.series(days: 56, noise: false, rate: rate)
        let context = try ForecastContext(history: series, horizonDays: 14)
        for model in [SeasonalNaive(), SeasonalAverage(weeks: 4)] as [any ForecastModel] {
            let f = try model.forecast(context)
            XCTAssertEqual(Synthetic.wape(f, dates: context.targetDates, rate: rate), 0, accuracy: 1e-12, model.name)
        }
    }

    /// The regression recovers a known weekday × interval profile plus a linear trend (constructed
    /// on the √ scale, where the model is exact) and extrapolates the trend.
    func testRegressionRecoversProfileAndTrend() throws {
        let base = Synthetic.rate()
        let rate: Rate = { date, s in
            let weeks = Double(date.dayNumber - Synthetic.monday.dayNumber) / 7
            let z = (base(date, s) + 0.25).squareRoot() + (base(date, s) > 0 ? 0.15 * weeks : 0)
            return base(date, s) > 0 ? z * z - 0.25 : 0
        }
        // The trend is common to all cells, so the closed weekends are left out of the data.
        let weekends = Set((0..<140).map { Synthetic.monday.adding(days: $0) }.filter { $0.isoWeekday >= 6 })
        let series = try Synthetic.series(days: 140, noise: false, skip: weekends, rate: rate)
        let last = try XCTUnwrap(series.dates.last)
        let targets = (3...14).map { last.adding(days: $0) }.filter { $0.isoWeekday < 6 }
        let context = try ForecastContext(history: series, targetDates: targets)
        let f = try FixedEffectsRegression(windowWeeks: 20, trend: true).forecast(context)
        XCTAssertLessThan(Synthetic.wape(f, dates: context.targetDates, rate: rate), 1e-9)
        // Without the trend the same data is forecast at the window's mean level: clearly worse.
        let flat = try FixedEffectsRegression(windowWeeks: 20, trend: false).forecast(context)
        XCTAssertGreaterThan(Synthetic.wape(flat, dates: context.targetDates, rate: rate), 0.05)
    }

    /// A labelled special day ("payday", +30 % volume) is learnt by the regression and applied to a
    /// future payday; the other models exclude paydays from training.
    func testRegressionLearnsASpecialDayEffect() throws {
        let base = Synthetic.rate()
        var paydays: [CivilDate: String] = [:]
        // every other Wednesday
        for w in stride(from: 0, to: 18, by: 2) { paydays[start.adding(days: 7 * w + 2)] = "payday" }
        let future = start.adding(days: 7 * 18 + 2)
        paydays[future] = "payday"
        let rate: Rate = { date, s in base(date, s) * (paydays[date] != nil ? 1.3 : 1) }
        let series = try Synthetic.series(days: 7 * 18, seed: 7, rate: rate)
        let calendar = ForecastCalendar(specialDays: paydays)
        let context = try ForecastContext(history: series, calendar: calendar, horizonDays: 7)
        let f = try FixedEffectsRegression(windowWeeks: 18, trend: false).forecast(context)
        let t = try XCTUnwrap(context.targetDates.firstIndex(of: future))
        let dayTotal = (0..<28).reduce(0.0) { $0 + f[t * 28 + $1] }
        let trueTotal = (0..<28).reduce(0.0) { $0 + rate(future, $1) }
        XCTAssertEqual(dayTotal / trueTotal, 1, accuracy: 0.03)
        // A normal Thursday stays normal.
        let thursday = t + 1
        let thursdayTotal = (0..<28).reduce(0.0) { $0 + f[thursday * 28 + $1] }
        let trueThursday = (0..<28).reduce(0.0) { $0 + rate(future.adding(days: 1), $1) }
        XCTAssertEqual(thursdayTotal / trueThursday, 1, accuracy: 0.03)
        // The SVD model does not know paydays: it excludes them and forecasts a normal Wednesday.
        let svd = try SVDInterday(components: 3).forecast(context)
        let svdTotal = (0..<28).reduce(0.0) { $0 + svd[t * 28 + $1] }
        XCTAssertEqual(svdTotal / (trueTotal / 1.3), 1, accuracy: 0.03)
    }

    /// SVD and Holt–Winters recover the weekly profile from Poisson data (rate ~100 per half-hour,
    /// where Poisson noise alone is ≈ 8 % WAPE per interval).
    func testSVDAndHoltWintersRecoverTheProfileUnderPoissonNoise() throws {
        let rate = Synthetic.rate()
        let series = try Synthetic.series(days: 7 * 16, seed: 3, rate: rate)
        let context = try ForecastContext(history: series, horizonDays: 14)
        let svd = try SVDInterday(components: 3).forecast(context)
        XCTAssertLessThan(Synthetic.wape(svd, dates: context.targetDates, rate: rate), 0.03)
        let hw = try HoltWinters(windowWeeks: 8).forecast(context)
        XCTAssertLessThan(Synthetic.wape(hw, dates: context.targetDates, rate: rate), 0.06)
        let sa = try SeasonalAverage(weeks: 8).forecast(context)
        XCTAssertLessThan(Synthetic.wape(sa, dates: context.targetDates, rate: rate), 0.05)
    }

    /// A closure the day before is learnt from past closures (deferred calls) by the SVD model.
    func testSVDLearnsTheDayAfterAClosure() throws {
        let base = Synthetic.rate()
        let closed: Set<CivilDate> = [
            start.adding(days: 7 * 4), start.adding(days: 7 * 9), start.adding(days: 7 * 13),
            start.adding(days: 7 * 16),
        ]  // Mondays
        let rate: Rate = { date, s in base(date, s) * (closed.contains(date.adding(days: -1)) ? 1.4 : 1) }
        let series = try Synthetic.series(days: 7 * 16, seed: 11, skip: closed, rate: rate)
        let calendar = ForecastCalendar(closedDates: closed)
        let context = try ForecastContext(history: series, calendar: calendar, horizonDays: 7)
        let forecast = try Forecaster(model: SVDInterday(components: 3)).forecast(context)
        XCTAssertEqual(forecast.volume[0..<28].reduce(0, +), 0)  // the closed Monday
        let tuesday = (28..<56).reduce(0.0) { $0 + forecast.volume[$1] }
        let trueTuesday = (0..<28).reduce(0.0) { $0 + rate(start.adding(days: 7 * 16 + 1), $1) }
        XCTAssertEqual(tuesday / trueTuesday, 1, accuracy: 0.05)
    }

    /// Missing days and DST-like days (a 23-hour day with NaN slots, a 25-hour day with a summed
    /// slot) do not shift the weekly cycle: every weekday keeps its own level.
    func testMissingAndDSTDaysKeepTheWeeklyAlignment() throws {
        let levels: [Double] = [500, 400, 300, 200, 100, 50, 20]
        let rate: Rate = { date, s in levels[date.isoWeekday - 1] * (1 + Double(s) / 28) }
        var skip: Set<CivilDate> = []
        for d in [3, 10, 11, 12, 30, 45, 46, 60] { skip.insert(start.adding(days: d)) }
        var series = try Synthetic.series(days: 84, noise: false, skip: skip, rate: rate)
        // Rebuild with a 23-hour Sunday (slots 4, 5 missing) and a 25-hour Sunday (slot 4 summed twice).
        var rebuilt = DailyIntervalSeries(slotsPerDay: 28)
        let short = start.adding(days: 6 + 7 * 8), long = start.adding(days: 6 + 7 * 9)
        for date in series.dates {
            for s in 0..<28 {
                if date == short, s == 4 || s == 5 { continue }
                try rebuilt.accumulate(date: date, slot: s, volume: series[date, s])
                if date == long, s == 4 { try rebuilt.accumulate(date: date, slot: s, volume: 0) }
            }
        }
        series = rebuilt
        XCTAssertTrue(series[short, 4].isNaN)
        let context = try ForecastContext(history: series, horizonDays: 14)
        for model in [
            SeasonalNaive(), SeasonalAverage(weeks: 4), SVDInterday(components: 2),
            FixedEffectsRegression(windowWeeks: 8, trend: false),
        ] as [any ForecastModel] {
            let f = try model.forecast(context)
            XCTAssertLessThan(Synthetic.wape(f, dates: context.targetDates, rate: rate), 0.01, model.name)
        }
    }

    /// Closed intervals and closed dates are exactly 0; events multiply the forecast.
    func testClosedIntervalsClosedDatesAndEvents() throws {
        let base = Synthetic.rate()
        let rate: Rate = { date, s in s < 4 || s >= 24 ? 0 : base(date, s) }  // open 02..24, Mon–Fri
        let series = try Synthetic.series(days: 7 * 12, seed: 5, rate: rate)
        let last = try XCTUnwrap(series.dates.last)
        let holiday = last.adding(days: 3), campaign = last.adding(days: 4)
        let calendar = ForecastCalendar(
            closedDates: [holiday],
            events: [ForecastEvent(name: "mailing", dates: campaign...campaign, slots: 10..<12, factor: 2)])
        for model in [AutoModel(), SVDInterday(), HoltWinters(), SeasonalNaive(), FixedEffectsRegression()]
            as [any ForecastModel]
        {
            let forecaster = Forecaster(model: model)
            let f = try forecaster.forecast(history: series, calendar: calendar, horizonDays: 14)
            let plain = try forecaster.forecast(
                history: series, calendar: ForecastCalendar(closedDates: [holiday]), horizonDays: 14)
            for (t, date) in f.dates.enumerated() {
                for s in 0..<28 {
                    let v = f.volume[t * 28 + s]
                    XCTAssertTrue(v.isFinite && v >= 0)
                    if rate(date, s) == 0 || date == holiday {
                        XCTAssertEqual(v, 0, "\(model.name) \(date) slot \(s)")
                        XCTAssertEqual(f.quantiles[1][t * 28 + s], 0)
                    } else {
                        XCTAssertGreaterThan(v, 0)
                    }
                }
            }
            let t = try XCTUnwrap(f.dates.firstIndex(of: campaign))
            XCTAssertEqual(f.volume[t * 28 + 10], 2 * plain.volume[t * 28 + 10], accuracy: 1e-9)
            XCTAssertEqual(f.volume[t * 28 + 12], plain.volume[t * 28 + 12], accuracy: 1e-9)
        }
    }

    /// Same input, bit-identical output (no system RNG, no hash-order dependence).
    func testDeterminism() throws {
        let series = try Synthetic.series(days: 7 * 10, seed: 9, rate: Synthetic.rate())
        let calendar = ForecastCalendar(
            closedDates: [series.dates[20]], specialDays: [series.dates[30]: "a", series.dates[31]: "b"])
        let a = try Forecaster().forecast(history: series, calendar: calendar, horizonDays: 14)
        let b = try Forecaster().forecast(history: series, calendar: calendar, horizonDays: 14)
        XCTAssertEqual(a.volume, b.volume)
        XCTAssertEqual(a.quantiles, b.quantiles)
        XCTAssertEqual(a.method, b.method)
    }

    /// Many queues: series sharing the observation pattern are solved by one dgelsd with many
    /// right-hand sides, and each result equals the single-series fit.
    func testRegressionBatchEqualsSingleFits() throws {
        let a = try Synthetic.series(days: 70, seed: 51, rate: Synthetic.rate(level: 100))
        let b = try Synthetic.series(days: 70, seed: 52, rate: Synthetic.rate(level: 20))
        let c = try Synthetic.series(
            days: 70, seed: 53, skip: [start.adding(days: 30)], rate: Synthetic.rate(level: 50))
        let model = FixedEffectsRegression(windowWeeks: 8)
        let contexts = try [a, b, c].map { try ForecastContext(history: $0, horizonDays: 7) }
        let batch = try model.forecastMany(contexts)
        for (k, context) in contexts.enumerated() {
            let single = try model.forecast(context)
            for i in single.indices { XCTAssertEqual(batch[k][i], single[i], accuracy: 1e-9 * max(1, single[i])) }
        }
    }

    /// Ensembles combine interval by interval: median, mean and normalised weights.
    func testEnsembleCombinations() throws {
        struct Constant: ForecastModel {
            let value: Double
            var name: String { "constant(\(value))" }
            func forecast(_ context: ForecastContext) throws -> [Double] {
                [Double](repeating: value, count: context.targetDates.count * context.slotsPerDay)
            }
        }
        let series = try Synthetic.series(days: 14, rate: Synthetic.rate())
        let context = try ForecastContext(history: series, horizonDays: 2)
        let members: [any ForecastModel] = [Constant(value: 10), Constant(value: 20), Constant(value: 60)]
        XCTAssertEqual(try EnsembleModel(members: members, combination: .median).forecast(context)[0], 20)
        XCTAssertEqual(try EnsembleModel(members: members, combination: .mean).forecast(context)[0], 30)
        XCTAssertEqual(try EnsembleModel(members: members, combination: .weighted([2, 1, 1])).forecast(context)[0], 25)
        XCTAssertThrowsError(try EnsembleModel(members: members, combination: .weighted([1, 1])).forecast(context))
    }
}
