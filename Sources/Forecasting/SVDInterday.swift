import CCPlanBase
import LinearAlgebra

/// The SVD interday model of Shen & Huang (2008, *Manufacturing & Service Operations Management* 10,
/// "Interday forecasting and intraday updating of call center arrivals").
///
/// Each training day is a row of the days × slots matrix Z of z = √(y + ¼). Its thin SVD
/// (LAPACK dgesdd) Z = U Σ Vᵀ, truncated to k components, writes day d as
///
///     z(d, ·) ≈ Σ_{j=1..k} β_j(d) v_jᵀ,   β_j(d) = σ_j U(d, j),
///
/// so the intraday shapes v_j are shared and each day is k numbers. Every score series is forecast
/// by a regression with AR(1) errors over the open days (d⁻ the previous open day with data):
/// weekday effects, (when the calendar has past closures) an effect for the day right after a
/// closed date, and for the first score (the day's level) the turn-of-month and catch-up effects
/// x_e(d) of ``ServiceDayEffects`` (ridge λ = 1), fitted by ``ScoreRegression`` (Cochrane–Orcutt):
///
///     β_j(d) = a_{j, weekday(d)} + c_j · 1[d − 1 closed] + 1[j = 1]·Σ_e γ_e x_e(d) + u_j(d),
///     u_j(d) = φ_j u_j(d⁻) + ε,
///
/// so that the forecast returns from the last day's deviation to the calendar's level
/// (û(T + h) = φʰ u(T)), and a calendar effect of the last days is not carried into the next
/// ones (a lagged score would carry a month-end surge into the first days of the month).
/// iterated over the open days up to the horizon, then back-transformed with the bias correction
/// ŷ = ẑ² + σ̂²_s + Σ_j v_js² τ²_j(h) − ¼: σ̂²_s the residual variance of slot s in the rank-k fit,
/// corrected for its k(n + S − k) degrees of freedom, and τ²_j(h) the h-step forecast error
/// variance of score j, σ_j²(1 + φ_j² + … + φ_j^(2(h−1))), so that the variance is the whole
/// predictive variance of z (E[y] = (E z)² + Var z − ¼). Missing cells of a training day
/// are imputed by their weekday-slot mean on the √ scale before the SVD.
public struct SVDInterday: ForecastModel {
    /// Number of singular components kept (k).
    public var components: Int
    /// At most this many of the most recent open days are used (all when `nil`).
    public var windowDays: Int?
    /// The model's name in reports.
    public var name: String {
        let w = windowDays == SVDInterday.defaultWindowDays ? "" : ",w=\(windowDays.map(String.init) ?? "all")"
        return "svd(k=\(components)\(w))"
    }

    /// The default window: the latest 728 open days (two years of a seven-day queue). Older days
    /// add little to the intraday shapes and pull the score forecasts towards an old level.
    public static let defaultWindowDays = 728

    /// The model with `components` components.
    public init(components: Int = 5, windowDays: Int? = SVDInterday.defaultWindowDays) {
        self.components = max(1, components)
        self.windowDays = windowDays
    }

    /// - Complexity: O(n · S · min(n, S)) for n training days of S slots (the SVD), plus
    ///   O(k · n · p²) for the score regressions of p regressors.
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        try SVDInterday.forecasts(context, ranks: [components], windowDays: windowDays)[0]
    }

    /// The forecasts of several ranks k with one window: one decomposition, and one regression per
    /// score series, shared (the first k scores and shapes do not depend on how many are kept).
    /// Each result equals ``forecast(_:)`` of `SVDInterday(components: k, windowDays:)`.
    ///
    /// - Complexity: as ``forecast(_:)`` for the largest rank, plus O(ranks · n · S).
    static func forecasts(_ context: ForecastContext, ranks: [Int], windowDays: Int?) throws -> [[Double]] {
        let g = context.grid
        let s = g.slots
        var rows = g.dataRows().filter { g.operatingWeekdays[g.weekday(row: $0)] }
        if let w = windowDays, rows.count > w { rows.removeFirst(rows.count - w) }
        let n = rows.count
        let fitted = ranks.map { max(1, $0) }.filter { n >= 15 && n > $0 + 10 }
        guard let largest = fitted.max() else {
            let fallback = try SeasonalAverage(weeks: 4).forecast(context)
            return ranks.map { _ in fallback }
        }
        let k = min(largest, n, s)
        // √-scale matrix with weekday-slot imputation.
        var cellSum = [Double](repeating: 0, count: 7 * s)
        var cellCount = [Double](repeating: 0, count: 7 * s)
        var slotSum = [Double](repeating: 0, count: s)
        var slotCount = [Double](repeating: 0, count: s)
        for r in rows {
            let w = g.weekday(row: r)
            for j in 0..<s {
                let v = g.y[r * s + j]
                if v.isNaN { continue }
                let z = rootTransform(v)
                cellSum[w * s + j] += z; cellCount[w * s + j] += 1
                slotSum[j] += z; slotCount[j] += 1
            }
        }
        var zElements = [Double](repeating: 0, count: n * s)
        var observed = [Bool](repeating: true, count: n * s)
        for (i, r) in rows.enumerated() {
            let w = g.weekday(row: r)
            for j in 0..<s {
                let v = g.y[r * s + j]
                let z: Double
                if !v.isNaN {
                    z = rootTransform(v)
                } else {
                    observed[i + j * n] = false
                    let c = w * s + j
                    z =
                        cellCount[c] > 0
                        ? cellSum[c] / cellCount[c] : (slotCount[j] > 0 ? slotSum[j] / slotCount[j] : 0.5)
                }
                zElements[i + j * n] = z
            }
        }
        let zMatrix = try numerical { try Matrix(rows: n, columns: s, columnMajor: zElements) }
        let svd = try numerical { try zMatrix.singularValueDecomposition(.thin) }
        var scores = Matrix(rows: n, columns: k)
        for j in 0..<k {
            let sigma = svd.singularValues[j]
            for i in 0..<n { scores[i, j] = svd.u[i, j] * sigma }
        }
        var vk = Matrix(rows: k, columns: s)
        for j in 0..<s { for c in 0..<k { vk[c, j] = svd.vt[c, j] } }
        // Score regressions: weekday dummies (present weekdays), post-closure flag, service-day
        // effects, with AR(1) errors over the open days.
        var weekdayColumn = [Int](repeating: -1, count: 7)
        var p = 0
        for r in rows {
            let w = g.weekday(row: r)
            if weekdayColumn[w] < 0 { weekdayColumn[w] = 0 }
        }
        for w in 0..<7 where weekdayColumn[w] == 0 { weekdayColumn[w] = p; p += 1 }
        let post = rows.map { g.followsClosure(dayNumber: g.firstDay + $0) }
        let usePost = post.dropFirst().contains(true)
        let postColumn = p
        let effects = ServiceDayEffects(grid: g)
        let usable = effects.usable(trainingDays: rows.dropFirst().map { g.firstDay + $0 })
        let effectColumns = usable.indices.filter { usable[$0] }
        let effectColumn = p + (usePost ? 1 : 0)
        let columns = effectColumn + effectColumns.count
        var x = [Double](repeating: 0, count: ServiceDayEffects.count)
        /// The regressors of day `d` (a row of the design).
        func regressors(_ d: Int) -> [Double] {
            var row = [Double](repeating: 0, count: columns)
            row[weekdayColumn[CivilDate.weekdayIndex(dayNumber: d)]] = 1
            if usePost, g.followsClosure(dayNumber: d) { row[postColumn] = 1 }
            if !effectColumns.isEmpty {
                effects.fill(dayNumber: d, into: &x, at: 0)
                for (c, e) in effectColumns.enumerated() { row[effectColumn + c] = x[e] }
            }
            return row
        }
        let full = rows.flatMap { regressors(g.firstDay + $0) }
        let design = ScoreRegression.Design(x: full, columns: columns)
        let penalties = effectColumns.indices.map { effectColumn + $0 }
        // The later scores (the intraday shape's variations) without the service-day effects: a
        // turn-of-month surge is a day-level effect, and every extra coefficient's estimation noise
        // in ẑ reaches the back-transformed mean as +Var(ẑ) (svd(k=7) on a queue with 0.5 contacts
        // at the peak: +3.2 % with the effects on every score, +2.6 % on the first only).
        let shapeDesign =
            effectColumns.isEmpty
            ? design
            : ScoreRegression.Design(
                x: (0..<n).flatMap { t in full[(t * columns)..<(t * columns + effectColumn)] },
                columns: effectColumn)

        // The open days from the end of training to the last target date.
        let lastDay = g.firstDay + g.days - 1
        let targetNumbers = context.targetDates.map(\.dayNumber)
        let endDay = targetNumbers.last ?? lastDay
        var steps: [Int] = []
        if endDay > lastDay {
            for d in (lastDay + 1)...endDay {
                let w = CivilDate.weekdayIndex(dayNumber: d)
                if weekdayColumn[w] >= 0, !g.closedDates.contains(CivilDate(dayNumber: d)) { steps.append(d) }
            }
        }
        let stepRegressors = steps.map(regressors)
        var futureScores = [Double](repeating: 0, count: steps.count * k)  // step-major
        var scoreVariance = [Double](repeating: 0, count: steps.count * k)  // forecast error variance
        for j in 0..<k {
            let own = j == 0 ? design : shapeDesign
            let fit = try ScoreRegression(
                design: own, target: (0..<n).map { scores[$0, j] },
                ridgeColumns: own.columns == columns ? penalties : [], ridge: ServiceDayEffects.ridge)
            // AR(1) forecast error variance: σ²(1 + φ² + … + φ^(2(h−1))).
            var accumulated = 0.0
            var u = fit.lastError
            for t in steps.indices {
                accumulated = fit.phi * fit.phi * accumulated + fit.innovationVariance
                scoreVariance[t * k + j] = accumulated
                u *= fit.phi
                var v = u
                for c in 0..<own.columns { v += stepRegressors[t][c] * fit.coefficients[c] }
                futureScores[t * k + j] = v
            }
        }
        var stepIndex: [Int: Int] = [:]
        for (t, d) in steps.enumerated() { stepIndex[d] = t }

        // Per rank: the back-transform variance per slot of day, with the degrees of freedom of a
        // rank-r fit (r(n + S − r) parameters for n·S cells): the in-sample residual variance of
        // the SVD is optimistic, and pooled over slots it is too large for quiet slots and too
        // small for busy ones, which biased small queues low (−35 % at 0.5 contacts per interval).
        var residual = zElements  // Z minus the rank-r fit, column-major n × S
        var done = 0
        var byRank: [Int: [Double]] = [:]
        for r in Set(fitted.map { min($0, n, s) }).sorted() {
            while done < r {
                for j in 0..<s { for i in 0..<n { residual[i + j * n] -= scores[i, done] * vk[done, j] } }
                done += 1
            }
            var slotRSS = [Double](repeating: 0, count: s), slotCells = slotRSS
            for j in 0..<s {
                for i in 0..<n where observed[i + j * n] {
                    let e = residual[i + j * n]
                    slotRSS[j] += e * e; slotCells[j] += 1
                }
            }
            let parameters = Double(r * (n + s - r)), cells = Double(n * s)
            let dof = cells > parameters ? cells / (cells - parameters) : 1
            let variance = (0..<s).map { slotCells[$0] > 0 ? slotRSS[$0] / slotCells[$0] * dof : 0 }
            var out = [Double](repeating: 0, count: targetNumbers.count * s)
            for (t, d) in targetNumbers.enumerated() {
                guard let step = stepIndex[d] else { continue }
                for j in 0..<s {
                    var z = 0.0, v = variance[j]
                    for c in 0..<r {
                        z += futureScores[step * k + c] * vk[c, j]
                        v += scoreVariance[step * k + c] * vk[c, j] * vk[c, j]
                    }
                    out[t * s + j] = rootBack(z, variance: v)
                }
            }
            byRank[r] = out
        }
        let fallback = fitted.count < ranks.count ? try SeasonalAverage(weeks: 4).forecast(context) : []
        return ranks.map { rank in
            let r = max(1, rank)
            return n >= 15 && n > r + 10 ? byRank[min(r, n, s)]! : fallback
        }
    }
}

/// Runs a LinearAlgebra call, turning its error into ``ForecastingError/numerical(_:)``.
@inline(__always)
func numerical<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as LinearAlgebraError {
        throw ForecastingError.numerical(e.description)
    }
}
