import CCPlanBase
import Forecasting
// Bias of every model on stationary Poisson queues (issue 11: at most 3% at peaks of 0.5, 2 and
// 10 contacts per interval): 48 half-hours a day, open 07:00–21:00 every day with a sine-shaped
// rate, `replicates` independent 16-week histories, a 14-day forecast each; bias = Σ(f − λ)/Σλ
// against the true rate λ, pooled over the replicates.
import Foundation

func smallQueueRate(peak: Double, slot: Int) -> Double {
    guard slot >= 14, slot < 42 else { return 0 }
    return peak * (0.25 + 0.75 * sin(Double.pi * (Double(slot - 14) + 0.5) / 28))
}

func runSmallQueueBias(replicates: Int) throws {
    let start = CivilDate(year: 2024, month: 1, day: 1)!
    let models: [any ForecastModel] =
        AutoModel().candidates + AutoModel().ensembles
        + [AutoModel(), DayLevelModel(), DayLevelModel(.sameDayLastYear)]
    print("model" + String(repeating: " ", count: 47) + "  peak 0.5   peak 2    peak 10")
    var table = [[Double]](repeating: [], count: models.count)
    for peak in [0.5, 2.0, 10.0] {
        var num = [Double](repeating: 0, count: models.count), den = 0.0
        var rng = SplitMix64(state: UInt64(peak * 1000))
        for _ in 0..<replicates {
            var volume: [Double] = []
            let days = 16 * 7
            for _ in 0..<days { for j in 0..<48 { volume.append(rng.poisson(smallQueueRate(peak: peak, slot: j))) } }
            let history = try DailyIntervalSeries(
                slotsPerDay: 48, dates: (0..<days).map { start.adding(days: $0) }, volume: volume)
            let context = try ForecastContext(history: history, horizonDays: 14)
            var truth = 0.0
            for _ in 0..<14 { for j in 0..<48 { truth += smallQueueRate(peak: peak, slot: j) } }
            den += truth
            for (m, model) in models.enumerated() {
                let f = try Forecaster(model: model, rangeOrigins: 1).forecast(context).volume
                num[m] += f.reduce(0, +) - truth
            }
        }
        for m in models.indices { table[m].append(num[m] / den) }
    }
    for (m, model) in models.enumerated() {
        print(pad(model.name, 52) + table[m].map { String(format: "  %+6.2f%%", $0 * 100) }.joined())
    }
}
