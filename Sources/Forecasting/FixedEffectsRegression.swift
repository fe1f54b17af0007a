import CCPlanBase
import LinearAlgebra

/// Fixed-effects regression on the √ scale: one effect per weekday × interval-of-day cell, a linear
/// trend, an effect for the day right after a closed date, one effect per special-day label, and
/// the turn-of-month and catch-up effects x_e of ``ServiceDayEffects`` (ridge λ = 1 day, i.e.
/// `slots` interval observations):
///
///     √(y(d, s) + ¼) = α_{weekday(d), s} + β·(d − d̄)/7 + γ·1[d − 1 closed]
///                      + Σ_ℓ δ_ℓ·1[d has label ℓ] + Σ_e η_e·x_e(d) + ε
///
/// (the additive two-way model of Weinberg, Brown & Stroud 2007 without its Bayesian day effects;
/// Ibrahim et al. 2016 §3 survey it as the "fixed-effects" baseline). The cell effects are
/// absorbed by within-cell demeaning (Frisch–Waugh–Lovell), so LAPACK dgelsd — rank-revealing,
/// safe when a label never varies within cells or the trend is collinear — solves only the small
/// problem in (β, γ, δ); α follows from the cell means. Back-transform: ŷ = ẑ² + σ̂²_c − ¼ with
/// σ̂²_c the residual variance of the cell, shrunk towards the pooled one.
///
/// Trains on the last `windowWeeks` weeks (default 26). Special days are *included* here (with
/// their label effect), unlike every other model.
public struct FixedEffectsRegression: ForecastModel {
    /// Weeks of history used.
    public var windowWeeks: Int
    /// Whether a linear trend is fitted and extrapolated.
    public var trend: Bool
    /// The model's name in reports.
    public var name: String { "regression(w=\(windowWeeks)\(trend ? ",trend" : ""))" }

    /// The model.
    public init(windowWeeks: Int = 26, trend: Bool = true) {
        self.windowWeeks = max(2, windowWeeks)
        self.trend = trend
    }

    /// - Complexity: O(N · p²) for N observations in the window and p = trend + post-closure + labels regressors.
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        try forecastMany([context])[0]
    }

    /// Forecasts many series at once. Series that share the calendar, the target dates and the
    /// pattern of observed cells (typically the queues of one centre) share the demeaned design,
    /// so each such group is solved by **one** dgelsd call with one right-hand side per series.
    /// The result for each series equals ``forecast(_:)`` on it alone.
    ///
    /// - Complexity: O(N · p² + N · series) per group.
    public func forecastMany(_ contexts: [ForecastContext]) throws -> [[Double]] {
        var results = [[Double]](repeating: [], count: contexts.count)
        var done = [Bool](repeating: false, count: contexts.count)
        for i in contexts.indices where !done[i] {
            let mask = observationMask(contexts[i])
            var group = [i]
            for j in (i + 1)..<max(i + 1, contexts.count) where !done[j] {
                let (a, b) = (contexts[i], contexts[j])
                if a.grid.firstDay == b.grid.firstDay, a.grid.days == b.grid.days, a.grid.slots == b.grid.slots,
                    a.targetDates == b.targetDates, a.calendar == b.calendar, observationMask(b) == mask
                {
                    group.append(j)
                }
            }
            let out = try solveGroup(group.map { contexts[$0] }, mask: mask)
            for (k, j) in group.enumerated() { results[j] = out[k]; done[j] = true }
        }
        return results
    }

    /// The values the regression trains on: special days' values on special rows, `NaN` on closed rows.
    private func trainingValue(_ g: Grid, row r: Int, slot j: Int) -> Double {
        if g.closed[r] { return .nan }
        return g.specialLabel[r] >= 0 ? g.special[r * g.slots + j] : g.y[r * g.slots + j]
    }

    private func observationMask(_ context: ForecastContext) -> [Bool] {
        let g = context.grid
        let firstRow = max(0, g.days - 7 * windowWeeks)
        var mask: [Bool] = []
        mask.reserveCapacity((g.days - firstRow) * g.slots)
        for r in firstRow..<g.days { for j in 0..<g.slots { mask.append(!trainingValue(g, row: r, slot: j).isNaN) } }
        return mask
    }

    private func solveGroup(_ contexts: [ForecastContext], mask: [Bool]) throws -> [[Double]] {
        let g = contexts[0].grid
        let calendar = contexts[0].calendar
        let targetDates = contexts[0].targetDates
        let s = g.slots
        let series = contexts.count
        let firstRow = max(0, g.days - 7 * windowWeeks)
        let labels = g.specialLabels.count
        let postColumn = trend ? 1 : 0
        let labelColumn = postColumn + 1
        // Turn-of-month and catch-up effects the window supports, ridge-penalised.
        let effects = ServiceDayEffects(grid: g)
        let windowDays = (firstRow..<g.days).filter { g.hasData[$0] }.map { g.firstDay + $0 }
        let usable = effects.usable(trainingDays: windowDays)
        let effectIndices = usable.indices.filter { usable[$0] }
        let effectColumn = labelColumn + labels
        let p = effectColumn + effectIndices.count
        var dayEffects = [Double](repeating: 0, count: ServiceDayEffects.count)
        let perDay = ServiceDayEffects.count
        var windowEffects = [Double](repeating: 0, count: effectIndices.isEmpty ? 0 : (g.days - firstRow) * perDay)
        if !effectIndices.isEmpty {
            for r in firstRow..<g.days {
                effects.fill(dayNumber: g.firstDay + r, into: &windowEffects, at: (r - firstRow) * perDay)
            }
        }
        let center = Double(firstRow + g.days - 1) / 2
        // Observations (row, slot) shared by the group; z per series.
        var obsRow: [Int] = [], obsSlot: [Int] = []
        for (k, observed) in mask.enumerated() where observed {
            obsRow.append(firstRow + k / s); obsSlot.append(k % s)
        }
        let n = obsRow.count
        guard n > 0 else {
            return [[Double]](repeating: [Double](repeating: 0, count: targetDates.count * s), count: series)
        }
        var z = [Double](repeating: 0, count: n * series)  // column-major n × series
        for (m, c) in contexts.enumerated() {
            for i in 0..<n { z[i + m * n] = rootTransform(trainingValue(c.grid, row: obsRow[i], slot: obsSlot[i])) }
        }
        func regressors(row: Int, dayNumber: Int, label: Int, into x: inout [Double]) {
            for i in 0..<p { x[i] = 0 }
            if trend { x[0] = (Double(row) - center) / 7 }
            if g.followsClosure(dayNumber: dayNumber) { x[postColumn] = 1 }
            if label >= 0 { x[labelColumn + label] = 1 }
            if !effectIndices.isEmpty {
                // Rows of the window are filled once (the observations of a day share them).
                let k = row - firstRow
                if k >= 0, k < windowEffects.count / perDay {
                    for (c, e) in effectIndices.enumerated() { x[effectColumn + c] = windowEffects[k * perDay + e] }
                } else {
                    effects.fill(dayNumber: dayNumber, into: &dayEffects, at: 0)
                    for (c, e) in effectIndices.enumerated() { x[effectColumn + c] = dayEffects[e] }
                }
            }
        }
        // Cell means of z (per series) and of each regressor.
        let cells = 7 * s
        var count = [Double](repeating: 0, count: cells)
        var zMean = [Double](repeating: 0, count: cells * series)
        var xMean = [Double](repeating: 0, count: cells * p)
        var xAll = [Double](repeating: 0, count: n * p)  // observation-major
        var x = [Double](repeating: 0, count: p)
        var cellOf = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let r = obsRow[i]
            regressors(row: r, dayNumber: g.firstDay + r, label: g.specialLabel[r], into: &x)
            let c = g.weekday(row: r) * s + obsSlot[i]
            cellOf[i] = c
            count[c] += 1
            for m in 0..<series { zMean[c * series + m] += z[i + m * n] }
            for k in 0..<p { xAll[i * p + k] = x[k]; xMean[c * p + k] += x[k] }
        }
        for c in 0..<cells where count[c] > 0 {
            for m in 0..<series { zMean[c * series + m] /= count[c] }
            for k in 0..<p { xMean[c * p + k] /= count[c] }
        }
        var rhs = [Double](repeating: 0, count: n * series)
        for m in 0..<series { for i in 0..<n { rhs[i + m * n] = z[i + m * n] - zMean[cellOf[i] * series + m] } }
        var beta = [Double](repeating: 0, count: p * series)  // column-major p × series
        var rss = [Double](repeating: 0, count: series)
        if p > 0 {
            // Ridge rows for the day effects: λ = ridge × slots, one day's worth of intervals.
            let penaltyRows = effectIndices.count
            let rows = n + penaltyRows
            let lambda = ServiceDayEffects.ridge * Double(s)
            var design = Matrix(rows: rows, columns: p)
            design.withUnsafeMutableElements { a in
                for i in 0..<n { for k in 0..<p { a[i + k * rows] = xAll[i * p + k] - xMean[cellOf[i] * p + k] } }
                for c in 0..<penaltyRows { a[n + c + (effectColumn + c) * rows] = lambda.squareRoot() }
            }
            var padded = [Double](repeating: 0, count: rows * series)
            for m in 0..<series { for i in 0..<n { padded[i + m * rows] = rhs[i + m * n] } }
            let b = try numerical { try Matrix(rows: rows, columns: series, columnMajor: padded) }
            let solution = try numerical { try design.leastSquares(b, rcond: 1e-10) }
            beta = solution.coefficients.elements
            rss = solution.residualSumOfSquares
            for m in 0..<series {
                for c in 0..<penaltyRows { let v = beta[effectColumn + c + m * p]; rss[m] -= lambda * v * v }
                rss[m] = max(0, rss[m])
            }
        } else {
            for m in 0..<series { for i in 0..<n { rss[m] += rhs[i + m * n] * rhs[i + m * n] } }
        }
        let usedCells = count.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        let dof = Double(max(1, n - usedCells - p))
        // Back-transform variance per cell (weekday × slot): its own residuals, one degree of
        // freedom for its mean (the pooled variance of the non-constant cells below three
        // observations). A pooled variance is far too large for quiet cells and too small for
        // busy ones, and the always-zero cells of a closed hour dilute it: small queues were
        // biased low. An unbiased variance estimate gives an unbiased mean, however noisy.
        var cellRSS = [Double](repeating: 0, count: cells * series)
        for i in 0..<n {
            for m in 0..<series {
                var r = rhs[i + m * n]
                for k in 0..<p { r -= (xAll[i * p + k] - xMean[cellOf[i] * p + k]) * beta[k + m * p] }
                cellRSS[cellOf[i] * series + m] += r * r
            }
        }
        // The pooled variance over cells that are not constant (a closed hour's cells are all zero).
        var openRSS = [Double](repeating: 0, count: series), openCount = 0.0
        for c in 0..<cells where count[c] > 1 && cellRSS[c * series] > 0 {
            for m in 0..<series { openRSS[m] += cellRSS[c * series + m] }
            openCount += count[c] - 1
        }
        func cellVariance(_ c: Int, _ m: Int) -> Double {
            let pooled = openCount > 0 ? openRSS[m] / openCount : rss[m] / dof
            let own = count[c] >= 3 ? cellRSS[c * series + m] / (count[c] - 1) : pooled
            return own * (1 + 1 / max(1, count[c]))  // noise plus the variance of the cell mean
        }
        // α_c = mean_c(z) − mean_c(x)·β; forecast ẑ = α_c + x·β.
        var labelIndex: [String: Int] = [:]
        for (i, l) in g.specialLabels.enumerated() { labelIndex[l] = i }
        var out = [[Double]](repeating: [Double](repeating: 0, count: targetDates.count * s), count: series)
        for (t, date) in targetDates.enumerated() {
            let dn = date.dayNumber
            let label = calendar.specialDays[date].flatMap { labelIndex[$0] } ?? -1
            regressors(row: dn - g.firstDay, dayNumber: dn, label: label, into: &x)
            let w = CivilDate.weekdayIndex(dayNumber: dn)
            for j in 0..<s {
                let c = w * s + j
                guard count[c] > 0 else { continue }
                for m in 0..<series {
                    var zHat = zMean[c * series + m]
                    for k in 0..<p { zHat += (x[k] - xMean[c * p + k]) * beta[k + m * p] }
                    out[m][t * s + j] = rootBack(zHat, variance: cellVariance(c, m))
                }
            }
        }
        return out
    }
}
