import CCPlanBase
import XCTest

@testable import Forecasting

final class LongHorizonTests: XCTestCase {
    /// Easter Sunday against published dates (and the extremes of the Gregorian cycle).
    func testEasterAgainstPublishedDates() {
        let published = [
            "2000-04-23", "2001-04-15", "2002-03-31", "2003-04-20", "2004-04-11", "2005-03-27", "2006-04-16",
            "2007-04-08", "2008-03-23", "2009-04-12", "2010-04-04", "2011-04-24", "2012-04-08", "2013-03-31",
            "2014-04-20", "2015-04-05", "2016-03-27", "2017-04-16", "2018-04-01", "2019-04-21", "2020-04-12",
            "2025-04-20", "2026-04-05", "2027-03-28", "1818-03-22", "2285-03-22", "1943-04-25", "2038-04-25",
        ]
        for text in published {
            let date = CivilDate(text)!
            XCTAssertEqual(CivilDate.easter(year: date.year), date, "Easter \(date.year)")
        }
    }

    func testRecurringDates() {
        XCTAssertEqual(RecurringDate("easter-2")?.date(in: 2026), CivilDate("2026-04-03"))
        XCTAssertEqual(RecurringDate("Easter+50")?.date(in: 2026), CivilDate("2026-05-25"))  // Whit Monday
        XCTAssertEqual(RecurringDate("*-12-25")?.date(in: 2030), CivilDate("2030-12-25"))
        XCTAssertEqual(RecurringDate("*-02-29")?.dates(in: 2023...2025), [CivilDate("2024-02-29")!])
        for bad in ["easter+x", "*-13-01", "12-25", "easter*2", "*-02-30"] { XCTAssertNil(RecurringDate(bad), bad) }
        XCTAssertEqual(RecurringDate("easter-2")?.description, "easter-2")
        XCTAssertEqual(CivilDate("2024-12-31")?.dayOfYear, 366)
    }

    /// On noise-free data that follow the regression's own structure exactly (weekday effects, two
    /// yearly harmonics, a linear trend on the log scale), the damped and the flat forecasts equal
    /// their closed forms: trend(T) + b·φ(1 − φʰ)/(1 − φ), φ = ½^(1/90), and trend(T).
    /// The yearly Fourier terms from the quarter-day table are sin and cos of 2πk·d/365.25, for
    /// day numbers before and after the epoch and the harmonics the model uses.
    func testYearlyFourierTableIsTheTrigonometricTerms() throws {
        var rng = SplitMix64(seed: 4)
        var days = [-800_000, -1, 0, 1, 365, 1461, 20_000, 20_454]
        for _ in 0..<200 { days.append(Int(rng.uniform() * 200_000) - 100_000) }
        let series = try DailyIntervalSeries(
            slotsPerDay: 1, dates: (0..<800).map { CivilDate(dayNumber: 18_000 + $0) },
            volume: (0..<800).map { Double(100 + $0 % 7) })
        let totals = DailyTotals(grid: Grid(history: series, calendar: .none))
        let design = DayDesign(
            totals: totals, indices: Array(0..<800), harmonics: 10, specialDays: [], closedDays: [])
        var x = [Double](repeating: 0, count: design.columnCount)
        for d in days {
            design.fill(dayNumber: d, into: &x)
            for k in 1...10 {
                // The reference angle reduced exactly in integers first (4k·d mod 1461 quarter days).
                let m = ((4 * k * d) % 1461 + 1461) % 1461
                let angle = 2 * Double.pi * Double(m) / 1461
                XCTAssertEqual(x[design.fourierColumn + 2 * (k - 1)], sin(angle), accuracy: 1e-15, "day \(d), k \(k)")
                XCTAssertEqual(x[design.fourierColumn + 2 * k - 1], cos(angle), accuracy: 1e-15, "day \(d), k \(k)")
                // And the textbook angle, within its own rounding (|angle| up to 10⁴ rad: ~1e-12).
                let direct = 2 * Double.pi * Double(k) * Double(d) / 365.25
                XCTAssertEqual(x[design.fourierColumn + 2 * (k - 1)], sin(direct), accuracy: 1e-10)
            }
        }
    }

    func testDayRegressionReproducesItsClosedFormOnExactData() throws {
        let first = CivilDate(year: 2019, month: 1, day: 7)!
        let days = 3 * 365
        let b = 0.08 / 365.25  // log growth per day
        let weekday = [0.1, 0.0, -0.02, 0.03, 0.05, -0.2, -0.3]
        func logRate(_ d: Int) -> Double {
            let t = Double(d)
            return 5 + weekday[CivilDate.weekdayIndex(dayNumber: d)] + 0.1 * sin(2 * .pi * t / 365.25)
                + 0.05 * cos(2 * .pi * t / 365.25) - 0.03 * sin(4 * .pi * t / 365.25) + b * Double(d - first.dayNumber)
        }
        var volume: [Double] = []
        let dates = (0..<days).map { first.adding(days: $0) }
        for d in dates { let r = exp(logRate(d.dayNumber)); volume += [r * 0.25, r * 0.75] }
        let context = try ForecastContext(
            history: DailyIntervalSeries(slotsPerDay: 2, dates: dates, volume: volume), horizonDays: 200)
        let totals = DailyTotals(grid: context.grid)
        let engine = try DailyEngine(
            totals: totals, trainCount: totals.days, closedDays: [], harmonics: 2, logScale: true,
            needsRegression: true)
        let end = first.dayNumber + days - 1
        let targets = (1...200).map { totals.days - 1 + $0 }
        let damped = engine.forecast(.regression(trend: .damped(halfLifeDays: 90), lastYearWeight: 0), targets: targets)
        let flat = engine.forecast(.regression(trend: .flat, lastYearWeight: 0), targets: targets)
        let phi = pow(0.5, 1.0 / 90)
        // The flat level is exponential smoothing of the deseasonalised series, here the exact line
        // u_t = a + b·t: the largest α of the grid fits it best (0.3), and in the steady state the
        // level lags the line by b(1 − α)/α (the one-step error d obeys d = (1 − α)(d + b)).
        let alpha = DayRegression.levelSmoothingGrid.last!
        let lag = b * (1 - alpha) / alpha
        for (i, h) in (1...200).enumerated() {
            let d = end + h
            let base = logRate(d) - b * Double(h)  // the trend held at T
            let expectedDamped = exp(base + b * phi * (1 - pow(phi, Double(h))) / (1 - phi))
            XCTAssertEqual(damped[i] / expectedDamped, 1, accuracy: 1e-6, "damped, lead \(h)")
            XCTAssertEqual(flat[i] / exp(base - lag), 1, accuracy: 1e-6, "flat, lead \(h)")
        }
    }

    /// The level's smoothing parameter is the one a local-level model calls for: on a random walk
    /// observed with noise (signal-to-noise ratio q), the steady-state Kalman gain
    /// α* = (√(q² + 4q) − q)/2 (Harvey 1989 §4.1) minimises the one-step squared error, and the
    /// grid's choice lands within a factor of two of it; the level it returns is the plain
    /// recursion with that α.
    func testSmoothedLevelChoosesTheKalmanGain() {
        for (q, seed) in [(0.0005, 1), (0.002, 2), (0.01, 3), (0.05, 4)] as [(Double, UInt64)] {
            let optimum = ((q * q + 4 * q).squareRoot() - q) / 2
            var alphas: [Double] = []
            for replicate in 0..<5 {
                var rng = SeededRandom(seed: seed * 100 + UInt64(replicate))
                var mu = 0.0
                let u = (0..<3000).map { _ in
                    mu += q.squareRoot() * rng.normal()
                    return mu + rng.normal()
                }
                let (level, alpha) = DayRegression.smoothedLevel(u, clip: .infinity)
                var reference = u[0..<28].reduce(0, +) / 28
                for v in u { reference += alpha * (v - reference) }
                XCTAssertEqual(level, reference, accuracy: 1e-9)
                alphas.append(alpha)
            }
            let chosen = alphas.sorted()[2]
            XCTAssertGreaterThanOrEqual(chosen, optimum / 2, "q = \(q): median α \(chosen), α* \(optimum)")
            XCTAssertLessThanOrEqual(chosen, optimum * 2, "q = \(q): median α \(chosen), α* \(optimum)")
        }
    }

    /// A level shift late in the history (60 days before the end, where the regression places no
    /// trend hinge) reaches the smoothed level, and an outlier on the last day does not: the clip
    /// bounds its pull to 2α·clip (the largest one-step change of a clipped error).
    func testSmoothedLevelFollowsAShiftAndIgnoresAnOutlier() {
        var rng = SeededRandom(seed: 9)
        var u = (0..<1000).map { _ in 0.05 * rng.normal() }
        for t in 940..<1000 { u[t] += 0.2 }
        let clip = 2 * 1.345 * 0.05
        let shifted = DayRegression.smoothedLevel(u, clip: clip)
        XCTAssertEqual(shifted.level, 0.2, accuracy: 0.05, "α \(shifted.alpha)")
        var outlier = u
        outlier[999] += 5
        let withOutlier = DayRegression.smoothedLevel(outlier, clip: clip)
        XCTAssertEqual(withOutlier.alpha, shifted.alpha)
        XCTAssertLessThanOrEqual(abs(withOutlier.level - shifted.level), 2 * withOutlier.alpha * clip + 1e-12)
    }

    /// A three-year Poisson series with yearly seasonality, weekday effects, growth and a
    /// Christmas dip: the day-level model's monthly totals over the next 52 weeks are within 3 %
    /// of the truth and better than "same day last year", which misses the growth and repeats
    /// last year's noise; the dip is learnt as a special day without a holiday file.
    func testDayLevelModelOnASeasonalSeries() throws {
        let first = CivilDate(year: 2020, month: 1, day: 6)!
        let weekday = [1.15, 1.0, 1.0, 0.98, 0.95, 0.8, 0.7]
        func rate(_ date: CivilDate) -> Double {
            let t = Double(date.dayNumber - first.dayNumber)
            var r =
                400 * weekday[date.isoWeekday - 1] * (1 + 0.15 * sin(2 * .pi * Double(date.dayOfYear) / 365.25))
                * (1 + 0.03 * t / 365.25)
            if date.month == 12, date.day == 25 { r *= 0.4 }
            return r
        }
        var rng = SplitMix64(seed: 77)
        let history = (0..<(3 * 364)).map { first.adding(days: $0) }
        var volume: [Double] = []
        for d in history { volume += [rng.poisson(rate(d) * 0.4), rng.poisson(rate(d) * 0.6)] }
        let series = try DailyIntervalSeries(slotsPerDay: 2, dates: history, volume: volume)
        let origin = history.last!.adding(days: 1)
        let targets = (0..<364).map { origin.adding(days: $0) }
        let context = try ForecastContext(history: series, targetDates: targets)
        let model = try DayLevelModel().forecast(context)
        let lastYear = try DayLevelModel(.sameDayLastYear).forecast(context)
        func monthlyWAPE(_ f: [Double]) -> Double {
            var byMonth: [Int: (Double, Double)] = [:]
            for (t, d) in targets.enumerated() {
                let key = d.year * 12 + d.month
                let e = byMonth[key] ?? (0, 0)
                byMonth[key] = (e.0 + f[2 * t] + f[2 * t + 1], e.1 + rate(d))
            }
            let full = byMonth.filter { $0.key != byMonth.keys.min()! && $0.key != byMonth.keys.max()! }
            return full.values.reduce(0) { $0 + abs($1.0 - $1.1) } / full.values.reduce(0) { $0 + $1.1 }
        }
        XCTAssertLessThan(monthlyWAPE(model), 0.03)
        XCTAssertLessThan(monthlyWAPE(model), monthlyWAPE(lastYear))
        let christmas = targets.firstIndex { $0.month == 12 && $0.day == 25 }!
        let dayTotal = model[2 * christmas] + model[2 * christmas + 1]
        XCTAssertEqual(dayTotal / rate(targets[christmas]), 1, accuracy: 0.15, "the learnt Christmas dip")
    }

    /// Bates–Granger weights: all weight to a perfect model, half to each of two independent
    /// models of equal error, never increasing with the lead week; the blend moves by at most a
    /// seventh of the weight from one day to the next (no visible jump).
    func testLeadTimeBlendWeights() {
        let e = [1.0, -2, 3, -1, 2, -3, 1]
        XCTAssertEqual(LeadTimeBlend.weights(shortErrors: [e], longErrors: [e.map { _ in 0 }]), [0])
        XCTAssertEqual(LeadTimeBlend.weights(shortErrors: [e.map { _ in 0 }], longErrors: [e]), [1])
        let independent = LeadTimeBlend.weights(shortErrors: [[1, -1, 1, -1]], longErrors: [[1, 1, -1, -1]])
        XCTAssertEqual(independent[0], 0.5, accuracy: 1e-12)
        let w = LeadTimeBlend.weights(shortErrors: [[0.1], [2], [0.1]], longErrors: [[2], [0.1], [2]])
        XCTAssertEqual(w.count, 3)
        XCTAssertTrue(zip(w, w.dropFirst()).allSatisfy { $0 >= $1 }, "\(w)")
        let blend = LeadTimeBlend(short: SeasonalNaive(), long: SeasonalAverage(), weeklyShortWeights: [1, 0.8, 0.3])
        var previous = blend.shortWeight(lead: 1)
        XCTAssertEqual(previous, 1)
        for h in 2...40 {
            let v = blend.shortWeight(lead: h)
            XCTAssertLessThanOrEqual(abs(v - previous), 1.0 / 7 + 1e-12, "lead \(h)")
            previous = v
        }
        XCTAssertEqual(blend.shortWeight(lead: 40), 0)
    }

    /// The conformal order statistic: ⌊p(n + 1)⌋-th smallest below the median, ⌈p(n + 1)⌉-th above.
    func testConformalRank() {
        let sorted = (1...9).map(Double.init)
        XCTAssertEqual(PredictionRanges.conformal(sorted, 0.1), 1)
        XCTAssertEqual(PredictionRanges.conformal(sorted, 0.9), 9)
        XCTAssertEqual(PredictionRanges.conformal(sorted, 0.25), 2)
        XCTAssertEqual(PredictionRanges.conformal(sorted, 0.75), 8)
        XCTAssertEqual(PredictionRanges.conformal([3], 0.1), 3)
    }
}
