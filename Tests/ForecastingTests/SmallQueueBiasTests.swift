import CCPlanBase
import XCTest

@testable import Forecasting

/// Issue 11: no model may be biased by more than 3 % on stationary Poisson queues with a peak of
/// 0.5, 2 or 10 contacts per interval. The bias is measured against the true rate, not against
/// noisy actuals: each replicate is a 16-week Poisson history followed by 14 days holding the
/// exact rates, scored by ``Backtest`` (which applies the closed-interval rule as forecasts do).
final class SmallQueueBiasTests: XCTestCase {
    /// 96 quarter-hours, open 04:00–22:00 (72 slots, closed otherwise), rate peak·(¼ + ¾ sin).
    static func rate(peak: Double) -> Rate {
        { _, s in s >= 16 && s < 88 ? peak * (0.25 + 0.75 * sin(Double.pi * (Double(s - 16) + 0.5) / 72)) : 0 }
    }

    /// Pooled bias Σ(f − λ)/Σλ of each model over `replicates` histories.
    func pooledBias(_ models: [any ForecastModel], peak: Double, replicates: Int, seed: UInt64) throws -> [Double] {
        let rate = Self.rate(peak: peak)
        var num = [Double](repeating: 0, count: models.count), den = 0.0
        let origin = Synthetic.monday.adding(days: 16 * 7)
        for r in 0..<replicates {
            var rng = SplitMix64(seed: seed &+ UInt64(r) &* 7919)
            var dates: [CivilDate] = [], volume: [Double] = []
            for d in 0..<(16 * 7 + 14) {
                let date = Synthetic.monday.adding(days: d)
                dates.append(date)
                for s in 0..<96 { volume.append(date < origin ? rng.poisson(rate(date, s)) : rate(date, s)) }
            }
            let series = try DailyIntervalSeries(slotsPerDay: 96, dates: dates, volume: volume)
            let results = try Backtest.run(models: models, history: series, origins: [origin], horizonDays: 14)
            let truth = volume.suffix(14 * 96).reduce(0, +)
            den += truth
            for m in models.indices { num[m] += results[m].mean.bias * truth }
        }
        return num.map { $0 / den }
    }

    /// Every candidate of auto (each SVD, the regression, Holt–Winters, the benchmarks and the
    /// ensembles) and the day-level model. The replicates leave a sampling error of about 1 % on
    /// the seasonal naive at peak 0.5 (≈ 20 000 contacts behind it); the bias before the fix was
    /// −35 % (SVD) and −45 % in the issue, so the test cannot pass by chance.
    func testNoModelIsBiasedOnStationaryPoissonQueues() throws {
        let auto = AutoModel()
        let models: [any ForecastModel] = auto.candidates + auto.ensembles + [DayLevelModel()]
        for (peak, replicates) in [(0.5, 12), (2.0, 6), (10.0, 3)] as [(Double, Int)] {
            let bias = try pooledBias(models, peak: peak, replicates: replicates, seed: UInt64(peak * 100))
            for (m, model) in models.enumerated() {
                XCTAssertLessThan(abs(bias[m]), 0.03, "\(model.name) at peak \(peak): bias \(bias[m])")
            }
        }
    }

    /// auto itself (its selection, ensembles and ranges included) at the smallest peak.
    func testAutoIsNotBiasedOnASparseQueue() throws {
        let bias = try pooledBias([AutoModel()], peak: 0.5, replicates: 6, seed: 5)
        XCTAssertLessThan(abs(bias[0]), 0.03, "auto: bias \(bias[0])")
    }

    /// The closed-interval rule: a quiet open cell survives empty weeks; a cell that had volume
    /// and then stopped is closed after 4 weeks; a cell that never had volume is closed.
    func testClosedIntervalRule() throws {
        var dates: [CivilDate] = [], volume: [Double] = []
        for d in 0..<(20 * 7) {
            let date = Synthetic.monday.adding(days: d)
            dates.append(date)
            let week = d / 7
            // slot 0: one contact in week 3 only (quiet, open); slot 1: 5 a day until week 15;
            // slot 2: never anything.
            volume += [week == 3 && d % 7 == 0 ? 1 : 0, week < 16 ? 5 : 0, 0]
        }
        let context = try ForecastContext(
            history: DailyIntervalSeries(slotsPerDay: 3, dates: dates, volume: volume), horizonDays: 7)
        let mask = context.grid.closedIntervalMask(weeks: 4)
        XCTAssertFalse(mask[0], "a Monday cell with one contact 16 weeks ago: 16 · (1/4 week) < 5, not improbable")
        XCTAssertTrue(mask[1], "5 a day then 4 empty weeks: closed")
        XCTAssertTrue(mask[2], "never any volume: closed")
    }
}
