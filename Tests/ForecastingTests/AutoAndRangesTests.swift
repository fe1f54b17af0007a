import CCPlanBase
import XCTest

@testable import Forecasting

final class AutoAndRangesTests: XCTestCase {
    /// On a held-out synthetic case (weekly profile + slow growth, Poisson) auto is never worse
    /// than seasonal naive, and its choice is visible in the forecast record.
    func testAutoIsNotWorseThanSeasonalNaive() throws {
        let base = Synthetic.rate(level: 60)
        let rate: Rate = { date, s in
            base(date, s) * (1 + 0.004 * Double(date.dayNumber - Synthetic.monday.dayNumber) / 7)
        }
        for seed in [21, 22] as [UInt64] {
            let all = try Synthetic.series(days: 7 * 20, seed: seed, rate: rate)
            let origin = Synthetic.monday.adding(days: 7 * 18)
            let results = try Backtest.run(
                models: [SeasonalNaive(), AutoModel()], history: all,
                origins: [origin], horizonDays: 14)
            XCTAssertLessThanOrEqual(results[1].mean.wape, results[0].mean.wape)
            XCTAssertGreaterThan(results[0].mean.mase, 0)
        }
        let history = try Synthetic.series(days: 7 * 18, seed: 21, rate: rate)
        let f = try Forecaster().forecast(history: history, horizonDays: 14)
        let selection = try XCTUnwrap(f.selection)
        XCTAssertEqual(selection.chosen.name, f.method)
        // Pooling (the default): every candidate scored, then the pool of the best three, chosen.
        XCTAssertEqual(selection.scores.count, AutoModel().candidates.count + 1)
        XCTAssertTrue(f.method.hasPrefix("ensemble-weighted("))
        let unpooled = try AutoModel(poolsBest: false).select(ForecastContext(history: history, horizonDays: 14))
        XCTAssertEqual(unpooled.scores.count, AutoModel().candidates.count + AutoModel().ensembles.count + 1)
        XCTAssertEqual(selection.origins.count, 3)
    }

    /// Scores that differ only in the last bits (two BLAS kernels, or two contenders equal in exact
    /// arithmetic) tie, and the earlier contender wins; a real difference still wins.
    func testSelectionIgnoresLastBitDifferences() {
        let wape = 0.16252293745402327
        XCTAssertEqual(AutoModel.best(of: [0, 1], score: { [wape, wape * (1 - 2e-15)][$0] }), 0)
        XCTAssertEqual(AutoModel.best(of: [0, 1], score: { [wape * (1 + 2e-15), wape][$0] }), 0)
        XCTAssertEqual(AutoModel.best(of: [0, 1, 2], score: { [wape, .nan, wape * 0.999][$0] }), 2)
        XCTAssertEqual(AutoModel.best(of: [3, 1], score: { [0, 0.2, 0, 0.2][$0] }), 3)
        XCTAssertNil(AutoModel.best(of: [0], score: { _ in .nan }))
    }

    /// p10–p90 ranges cover about 80 % of fresh Poisson outcomes (tolerance ±6 points), for a busy
    /// and for a sparse queue.
    func testQuantileCoverageOnPoissonData() throws {
        for (level, seed) in [(100.0, 31), (8.0, 32)] as [(Double, UInt64)] {
            let rate = Synthetic.rate(level: level)
            let history = try Synthetic.series(days: 7 * 16, seed: seed, rate: rate)
            let f = try Forecaster(model: SeasonalAverage(weeks: 6), quantileLevels: [0.1, 0.5, 0.9])
                .forecast(history: history, horizonDays: 14)
            var rng = SplitMix64(seed: seed + 100)
            var inside = 0, total = 0
            for _ in 0..<10 {
                for (t, date) in f.dates.enumerated() {
                    for s in 0..<28 where rate(date, s) > 0 {
                        let y = rng.poisson(rate(date, s))
                        let lo = f.quantiles[0][t * 28 + s], hi = f.quantiles[2][t * 28 + s]
                        XCTAssertLessThanOrEqual(lo, f.quantiles[1][t * 28 + s])
                        if y >= lo && y <= hi { inside += 1 }
                        total += 1
                    }
                }
            }
            XCTAssertEqual(Double(inside) / Double(total), 0.8, accuracy: 0.06, "level \(level)")
        }
    }

    /// A sparse queue like the Anonymous Bank (≈ 30 calls per half-hour Sun–Thu, short Friday,
    /// closed Saturday): sensible volumes, exact zeros where closed.
    func testSparseQueue() throws {
        let rate: Rate = { date, s in
            let w = date.isoWeekday
            if w == 6 { return 0 }  // Saturday closed
            if w == 5 { return s < 14 ? 25 : 0 }  // short Friday
            return s >= 2 && s < 26 ? 30 : 0
        }
        let history = try Synthetic.series(days: 7 * 14, seed: 41, rate: rate)
        let f = try Forecaster().forecast(history: history, horizonDays: 14)
        XCTAssertLessThan(Synthetic.wape(f.volume, dates: f.dates, rate: rate), 0.12)
        for (t, date) in f.dates.enumerated() {
            for s in 0..<28 where rate(date, s) == 0 { XCTAssertEqual(f.volume[t * 28 + s], 0) }
        }
    }

    /// AHT: a count-weighted weekday × interval profile, shrunk to the mean where counts are low;
    /// a constant when there is no handle time.
    func testHandleTimeProfileAndShrinkage() throws {
        let start = Synthetic.monday
        var series = DailyIntervalSeries(slotsPerDay: 2)
        for d in 0..<28 {
            let date = start.adding(days: d)
            // slot 0: 100 contacts of 200 s (Mondays 300 s); slot 1: 1 contact of 1000 s.
            let aht0 = date.isoWeekday == 1 ? 300.0 : 200.0
            try series.accumulate(date: date, slot: 0, volume: 100, handled: 100, handleTimeSeconds: 100 * aht0)
            try series.accumulate(date: date, slot: 1, volume: 1, handled: 1, handleTimeSeconds: 1000)
        }
        let model = HandleTimeModel(lookbackWeeks: 4, pseudoCount: 30)
        let targets = [start.adding(days: 28), start.adding(days: 29)]  // Monday, Tuesday
        let aht = try XCTUnwrap(model.forecast(history: series, calendar: .none, targetDates: targets))
        let totalSeconds: Double = 4 * 100 * 300 + 24 * 100 * 200 + 28 * 1000
        let mean: Double = totalSeconds / (28 * 101)
        let monday: Double = (120_000 + 30 * mean) / 430
        let tuesday: Double = (80_000 + 30 * mean) / 430
        let sparse: Double = (4_000 + 30 * mean) / 34
        XCTAssertEqual(aht[0], monday, accuracy: 1e-9)
        XCTAssertEqual(aht[2], tuesday, accuracy: 1e-9)
        XCTAssertEqual(aht[1], sparse, accuracy: 1e-9)  // few contacts: pulled towards the mean
        let plain = try Synthetic.series(days: 14, rate: Synthetic.rate())
        XCTAssertEqual(
            HandleTimeModel(defaultSeconds: 240).forecast(history: plain, calendar: .none, targetDates: targets),
            [Double](repeating: 240, count: 56))
        XCTAssertNil(HandleTimeModel().forecast(history: plain, calendar: .none, targetDates: targets))
    }

    /// Many queues in parallel give the same forecasts as one at a time, in order.
    func testManySeriesInParallelEqualsSequential() throws {
        let histories = try (0..<4).map { k in
            try Synthetic.series(days: 7 * 10, seed: 60 + UInt64(k), rate: Synthetic.rate(level: 10 + 30 * Double(k)))
        }
        let engine = Forecaster()
        let parallel = engine.forecast(histories: histories, horizonDays: 7, maxConcurrency: 3)
        XCTAssertEqual(parallel.count, 4)
        for (k, history) in histories.enumerated() {
            let one = try engine.forecast(history: history, horizonDays: 7)
            let many = try parallel[k].get()
            XCTAssertEqual(many.volume, one.volume)
            XCTAssertEqual(many.quantiles, one.quantiles)
        }
        let failing = engine.forecast(histories: [DailyIntervalSeries(slotsPerDay: 4)], horizonDays: 7)
        XCTAssertThrowsError(try failing[0].get())
    }

    /// The ranges of `auto` (from its own backtest errors) also cover about 80 %.
    func testAutoRangeCoverage() throws {
        let rate = Synthetic.rate(level: 60)
        let history = try Synthetic.series(days: 7 * 16, seed: 71, rate: rate)
        let f = try Forecaster().forecast(history: history, horizonDays: 14)
        var rng = SplitMix64(seed: 171)
        var inside = 0, total = 0
        for _ in 0..<10 {
            for (t, date) in f.dates.enumerated() {
                for s in 0..<28 where rate(date, s) > 0 {
                    let y = rng.poisson(rate(date, s))
                    if y >= f.quantiles[0][t * 28 + s] && y <= f.quantiles[1][t * 28 + s] { inside += 1 }
                    total += 1
                }
            }
        }
        XCTAssertEqual(Double(inside) / Double(total), 0.8, accuracy: 0.06)
    }

    /// The band's shift from the holdouts' location, empirical Bayes: kept when every holdout
    /// shows the same bias, removed when the holdouts disagree (their own day levels) or are one.
    func testUnreliableLocationIsTheNoisePartOfTheHoldoutsBias() {
        XCTAssertEqual(PredictionRanges.unreliableLocation([0.5, 0.5, 0.5, 0.5]), 0)
        XCTAssertEqual(PredictionRanges.unreliableLocation([0.7]), 0.7)
        XCTAssertEqual(PredictionRanges.unreliableLocation([]), 0)
        // m̄ = 2, var = 1, SE² = 1/3: kept 1 − (1/3)/4 = 11/12, removed 2/12.
        XCTAssertEqual(PredictionRanges.unreliableLocation([1, 2, 3]), 1.0 / 6, accuracy: 1e-15)
        // m̄ = 0.05, SE² ≈ 0.24 ≫ m̄²: all of it removed.
        XCTAssertEqual(PredictionRanges.unreliableLocation([1, -1, 1, -0.8]), 0.05, accuracy: 1e-15)
        XCTAssertEqual(median([3.0, 1, 2]), 2)
        XCTAssertEqual(median([4.0, 1, 2, 3]), 2.5)
    }

    /// The median by selection is the sorted type-7 median exactly, on odd and even counts,
    /// with ties, sorted and reversed input (the quickselect's worst orders).
    func testMedianBySelectionIsTheSortedMedian() {
        var rng = SplitMix64(seed: 9)
        for n in [17, 18, 19, 64, 101, 1000, 1001] {
            for pattern in 0..<4 {
                var v = (0..<n).map { _ in (rng.uniform() * 20).rounded() - 7 }  // many ties
                if pattern == 1 { v = (0..<n).map { _ in rng.uniform() } }
                if pattern == 2 { v.sort() }
                if pattern == 3 { v.sort(by: >) }
                XCTAssertEqual(median(v), sortedQuantile(v.sorted(), 0.5), "n \(n), pattern \(pattern)")
            }
        }
        XCTAssertEqual(median([Double](repeating: 2.5, count: 40)), 2.5)
        XCTAssertTrue(median([]).isNaN)
    }

    /// Six holdouts that all ran 20 % above the forecast shift the band up (the bias persists);
    /// six that alternate +20 % / −20 % leave it centred on the forecast.
    func testRangesKeepAPersistentBiasAndCentreAnInconsistentOne() {
        var rng = SplitMix64(seed: 5)
        func ranges(_ factors: [Double]) -> PredictionRanges {
            var sample = ResidualSample()
            for k in factors {
                let f = [Double](repeating: 50, count: 14 * 24)
                sample.add(forecast: f, actual: f.map { rng.poisson($0 * k) }, slots: 24)
            }
            return PredictionRanges(sample: sample, dayErrors: nil)
        }
        func midpointShift(_ r: PredictionRanges) -> Double {
            let lo = r.quantile(forecast: 50, lead: 1, level: 0.1), hi = r.quantile(forecast: 50, lead: 1, level: 0.9)
            XCTAssertLessThan(lo, hi)
            return ((lo + 0.25).squareRoot() + (hi + 0.25).squareRoot()) / 2 - (50.25).squareRoot()
        }
        // √(60.25) − √(50.25) ≈ 0.67 on the √ scale.
        XCTAssertEqual(midpointShift(ranges([1.2, 1.2, 1.2, 1.2, 1.2, 1.2])), 0.67, accuracy: 0.15)
        XCTAssertEqual(midpointShift(ranges([1.2, 0.8, 1.2, 0.8, 1.2, 0.8])), 0, accuracy: 0.15)
        XCTAssertEqual(midpointShift(ranges([1.2])), 0, accuracy: 0.15)
    }
}
