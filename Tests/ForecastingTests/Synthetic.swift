import CCPlanBase
import Forecasting

/// The tests' Poisson draws on CCPlanBase's SplitMix64 (a seeded generator, so every test is
/// reproducible).
extension SplitMix64 {
    /// Poisson by inversion of the product of uniforms (means up to ~500; chunked above 30).
    mutating func poisson(_ mean: Double) -> Double {
        var remaining = mean, total = 0.0
        while remaining > 0 {
            let m = min(remaining, 30)
            remaining -= m
            let limit = (-m).expValue
            var k = 0.0, p = uniform()
            while p > limit { k += 1; p *= uniform() }
            total += k
        }
        return total
    }
}

extension Double {
    var expValue: Double {
        // e^x by squaring of a Taylor series on x / 2^10 (enough for the tests; avoids Foundation).
        var y = self / 1024, term = 1.0, sum = 1.0
        for n in 1...20 { term *= y / Double(n); sum += term }
        y = sum
        for _ in 0..<10 { y *= y }
        return y
    }
}

/// A rate function: the expected volume of (date, slot).
typealias Rate = (CivilDate, Int) -> Double

enum Synthetic {
    static let monday = CivilDate(year: 2024, month: 1, day: 1)!  // a Monday

    /// Intraday shape on 28 half-hours: a morning and an afternoon peak.
    static func shape(_ s: Int) -> Double {
        let x = Double(s) / 27
        return 0.6 + 0.8 * x * (1 - x) * 4 * (s < 10 ? 1.1 : 0.9)
    }

    /// Weekday factors Monday…Sunday (weekends closed by default).
    static let weekdayFactor: [Double] = [1.3, 1.1, 1.0, 0.95, 0.85, 0, 0]

    /// The standard test rate: 100 calls per half-hour scale.
    static func rate(level: Double = 100) -> Rate {
        { date, s in level * weekdayFactor[date.isoWeekday - 1] * shape(s) }
    }

    /// `days` days from `start`, each cell Poisson(rate) (or exactly the rate when `noise` is false).
    static func series(
        days: Int, start: CivilDate = monday, slots: Int = 28, seed: UInt64 = 1,
        noise: Bool = true, skip: Set<CivilDate> = [], rate: Rate
    ) throws -> DailyIntervalSeries {
        var rng = SplitMix64(seed: seed)
        var dates: [CivilDate] = []
        var volume: [Double] = []
        for d in 0..<days {
            let date = start.adding(days: d)
            if skip.contains(date) { continue }
            dates.append(date)
            for s in 0..<slots {
                let r = rate(date, s)
                volume.append(noise ? rng.poisson(r) : r)
            }
        }
        return try DailyIntervalSeries(slotsPerDay: slots, dates: dates, volume: volume)
    }

    /// Σ|f − truth| / Σ truth over the target dates.
    static func wape(_ f: [Double], dates: [CivilDate], slots: Int = 28, rate: Rate) -> Double {
        var num = 0.0, den = 0.0
        for (t, d) in dates.enumerated() {
            for s in 0..<slots { num += abs(f[t * slots + s] - rate(d, s)); den += rate(d, s) }
        }
        return num / den
    }
}
