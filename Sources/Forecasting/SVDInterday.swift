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
/// with weekday effects, an AR(1) term on the previous open day, (when the calendar has past
/// closures) an effect for the day right after a closed date, and the turn-of-month and catch-up
/// effects x_e(d) of ``ServiceDayEffects`` (ridge λ = 1), by least squares (dgelsd):
///
///     β_j(d) = a_{j, weekday(d)} + φ_j β_j(d⁻) + c_j · 1[d − 1 closed] + Σ_e γ_je x_e(d) + ε,
///
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
    ///   O(k · n · 9²) for the score regressions.
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        let g = context.grid
        let s = g.slots
        var rows = g.dataRows().filter { g.operatingWeekdays[g.weekday(row: $0)] }
        if let w = windowDays, rows.count > w { rows.removeFirst(rows.count - w) }
        let n = rows.count
        guard n >= 15, n > components + 10 else { return try SeasonalAverage(weeks: 4).forecast(context) }
        let k = min(components, n, s)

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
                if !v.isNaN { z = rootTransform(v) } else {
                    observed[i + j * n] = false
                    let c = w * s + j
                    z = cellCount[c] > 0 ? cellSum[c] / cellCount[c] : (slotCount[j] > 0 ? slotSum[j] / slotCount[j] : 0.5)
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
        let fitted = try numerical { try Matrix.product(scores, vk) }
        // Back-transform variance per slot of day, with the degrees of freedom of a rank-k fit
        // (k(n + s − k) parameters for n·s cells): the in-sample residual variance of the SVD is
        // optimistic, and pooled over slots it is too large for quiet slots and too small for busy
        // ones, which biased small queues low (−35 % at 0.5 contacts per interval).
        var slotRSS = [Double](repeating: 0, count: s), slotCells = slotRSS
        for j in 0..<s {
            for i in 0..<n where observed[i + j * n] {
                let e = zElements[i + j * n] - fitted.elements[i + j * n]
                slotRSS[j] += e * e; slotCells[j] += 1
            }
        }
        let parameters = Double(k * (n + s - k)), cells = Double(n * s)
        let dof = cells > parameters ? cells / (cells - parameters) : 1
        let variance = (0..<s).map { slotCells[$0] > 0 ? slotRSS[$0] / slotCells[$0] * dof : 0 }

        // Score regressions: weekday dummies (present weekdays), lag-1 score, post-closure flag,
        // service-day effects.
        var weekdayColumn = [Int](repeating: -1, count: 7)
        var p = 0
        for r in rows {
            let w = g.weekday(row: r)
            if weekdayColumn[w] < 0 { weekdayColumn[w] = 0 }
        }
        for w in 0..<7 where weekdayColumn[w] == 0 { weekdayColumn[w] = p; p += 1 }
        let post = rows.map { g.followsClosure(dayNumber: g.firstDay + $0) }
        let usePost = post.dropFirst().contains(true)
        let lagColumn = p
        let postColumn = p + 1
        // Turn-of-month and catch-up effects, ridge-penalised (rows below the data rows).
        let effects = ServiceDayEffects(grid: g)
        let usable = effects.usable(trainingDays: rows.dropFirst().map { g.firstDay + $0 })
        let effectColumns = usable.indices.filter { usable[$0] }
        let effectColumn = p + 1 + (usePost ? 1 : 0)
        let columns = effectColumn + effectColumns.count
        var design = Matrix(rows: n - 1 + effectColumns.count, columns: columns)
        var x = [Double](repeating: 0, count: ServiceDayEffects.count)
        func fillEffects(_ d: Int) { effects.fill(dayNumber: d, into: &x, at: 0) }
        for i in 1..<n {
            design[i - 1, weekdayColumn[g.weekday(row: rows[i])]] = 1
            if usePost, post[i] { design[i - 1, postColumn] = 1 }
            if !effectColumns.isEmpty {
                fillEffects(g.firstDay + rows[i])
                for (c, e) in effectColumns.enumerated() { design[i - 1, effectColumn + c] = x[e] }
            }
        }
        for c in effectColumns.indices { design[n - 1 + c, effectColumn + c] = ServiceDayEffects.ridge.squareRoot() }

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
        var futureScores = [Double](repeating: 0, count: steps.count * k)  // step-major
        var scoreVariance = [Double](repeating: 0, count: steps.count * k)  // forecast error variance
        for j in 0..<k {
            for i in 1..<n { design[i - 1, lagColumn] = scores[i - 1, j] }
            let target = (1..<n).map { scores[$0, j] } + [Double](repeating: 0, count: effectColumns.count)
            let fit = try numerical { try design.leastSquares(target, rcond: 1e-10) }
            let coefficients = fit.solution
            // AR(1) forecast error variance: σ²(1 + φ² + … + φ^(2(h−1))), σ² from the data rows.
            var penalty = 0.0
            for c in effectColumns.indices { penalty += ServiceDayEffects.ridge * coefficients[effectColumn + c] * coefficients[effectColumn + c] }
            let innovation = max(0, (fit.residualSumOfSquares.first ?? 0) - penalty) / Double(max(1, n - 1 - columns))
            let phi = coefficients[lagColumn]
            var accumulated = 0.0
            var previous = scores[n - 1, j]
            for (t, d) in steps.enumerated() {
                accumulated = phi * phi * accumulated + innovation
                scoreVariance[t * k + j] = accumulated
                let w = CivilDate.weekdayIndex(dayNumber: d)
                var v = coefficients[weekdayColumn[w]] + coefficients[lagColumn] * previous
                if usePost, g.followsClosure(dayNumber: d) { v += coefficients[postColumn] }
                if !effectColumns.isEmpty {
                    fillEffects(d)
                    for (c, e) in effectColumns.enumerated() { v += x[e] * coefficients[effectColumn + c] }
                }
                futureScores[t * k + j] = v
                previous = v
            }
        }
        var stepIndex: [Int: Int] = [:]
        for (t, d) in steps.enumerated() { stepIndex[d] = t }
        var out = [Double](repeating: 0, count: targetNumbers.count * s)
        for (t, d) in targetNumbers.enumerated() {
            guard let step = stepIndex[d] else { continue }
            for j in 0..<s {
                var z = 0.0, v = variance[j]
                for c in 0..<k {
                    z += futureScores[step * k + c] * vk[c, j]
                    v += scoreVariance[step * k + c] * vk[c, j] * vk[c, j]
                }
                out[t * s + j] = rootBack(z, variance: v)
            }
        }
        return out
    }
}

/// Runs a LinearAlgebra call, turning its error into ``ForecastingError/numerical(_:)``.
@inline(__always)
func numerical<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let e as LinearAlgebraError {
        throw ForecastingError.numerical(e.description)
    }
}
