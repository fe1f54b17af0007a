import XCTest

@testable import Forecasting

final class EdgeCaseTests: XCTestCase {
    func assertClean(_ f: Forecast, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(f.volume.allSatisfy { $0.isFinite && $0 >= 0 }, file: file, line: line)
        XCTAssertTrue(f.quantiles.joined().allSatisfy { $0.isFinite && $0 >= 0 }, file: file, line: line)
    }

    /// Short, empty-ish, all-zero and patchy histories give finite, non-negative forecasts from every model.
    func testDegenerateHistoriesNeverLeakNaN() throws {
        let start = Synthetic.monday
        let oneDay = try DailyIntervalSeries(slotsPerDay: 4, dates: [start], volume: [1, 2, .nan, 0])
        let zeros = try Synthetic.series(days: 70, noise: false, rate: { _, _ in 0 })
        var patchy = try Synthetic.series(days: 60, seed: 81, rate: Synthetic.rate(level: 5))
        for d in stride(from: 0, to: 60, by: 3) {
            try patchy.accumulate(date: start.adding(days: d), slot: 7, volume: 0)
        }
        let models: [any ForecastModel] = [
            AutoModel(), SeasonalNaive(), SeasonalAverage(), HoltWinters(),
            FixedEffectsRegression(), SVDInterday(), EnsembleModel(members: [SVDInterday(), SeasonalAverage()]),
        ]
        for history in [oneDay, zeros, patchy] {
            for model in models {
                let f = try Forecaster(model: model, quantileLevels: [0.05, 0.5, 0.95]).forecast(
                    history: history, horizonDays: 10)
                assertClean(f)
                if history == zeros { XCTAssertEqual(f.volume.reduce(0, +), 0, model.name) }
            }
        }
    }

    /// Backtest metrics on a case with a known answer: seasonal naive on a noiseless weekly
    /// profile is exact (WAPE 0, MASE 0); a constant over-forecast of 10 % has bias +10 %.
    func testBacktestOnKnownStructure() throws {
        struct Scaled: ForecastModel {
            var name: String { "naive×1.1" }
            func forecast(_ context: ForecastContext) throws -> [Double] {
                try SeasonalNaive().forecast(context).map { $0 * 1.1 }
            }
        }
        let rate = Synthetic.rate()
        let series = try Synthetic.series(days: 70, noise: false, rate: rate)
        let origins = [Synthetic.monday.adding(days: 49), Synthetic.monday.adding(days: 56)]
        let r = try Backtest.run(
            models: [SeasonalNaive(), Scaled()], history: series, origins: origins, horizonDays: 7)
        XCTAssertEqual(r[0].perOrigin.count, 2)
        XCTAssertEqual(r[0].mean.wape, 0, accuracy: 1e-12)
        XCTAssertEqual(r[1].mean.bias, 0.1, accuracy: 1e-12)
        XCTAssertEqual(r[1].mean.wape, 0.1, accuracy: 1e-12)
        XCTAssertEqual(r[0].mean.count, 2 * 7 * 28)  // observed zeros (closed weekends) are scored too
        XCTAssertThrowsError(
            try Backtest.run(
                models: [SeasonalNaive()], history: series,
                origins: [Synthetic.monday], horizonDays: 7))
    }
}
