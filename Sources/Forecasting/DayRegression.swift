import CCPlanBase
import LinearAlgebra

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The regression of the day-level model: day totals on a log (or, for small queues, √) scale,
///
///     z_d = β₀ + Σ_w γ_w·1[weekday(d) = w] + Σ_{k=1..K} (a_k sin 2πk t_d/365.25 + b_k cos 2πk t_d/365.25)
///           + b·(t_d − T)/365.25 + Σ_j c_j·(t_d − κ_j)₊/365.25 + Σ_e η_e·x_e(d) + ε_d,
///
/// with a piecewise-linear trend (hinges κ_j every 91 days, none in the last 91 days of history:
/// a late change point cannot be extrapolated), calendar effects x_e (the day before and the day
/// after a closed date, and learnt special days, see ``SpecialDayKey``), solved as one augmented
/// least-squares problem by LAPACK dgelsd,
///
///     [ √W X ; √Λ D ] β = [ √W z ; 0 ],
///
/// where Λ puts ridge penalties on the hinge slopes (λ_h = 100 n/365: slope changes are rare),
/// on the calendar effects (λ_e = 0.1: a day effect seen three times keeps 95 % of its size) and, with less than two years of history, on the yearly
/// terms (shrinkage factor f = years − 1, λ_F = (n/2)(1/f − 1); no yearly terms below one year).
/// W = recency weights ½^((T − t_d)/730) (a day two years old counts half: the yearly and weekday
/// shapes drift) times Huber weights (c = 1.345 σ̂, σ̂ = 1.4826·MAD of the residuals) from two
/// reweighting passes.
struct DayRegression: Sendable {
    /// The structure of one fit.
    struct Structure: Sendable, Hashable {
        /// Yearly Fourier pairs K.
        var harmonics: Int
        /// Whether z = log y (else z = √(y + ¼)).
        var logScale: Bool
        /// Learnt special days included as effects.
        var specialDays: [SpecialDayKey]
    }

    /// The half-life of the recency weights, days.
    static let halfLifeDays = 730.0
    /// The Huber tuning constant: residuals beyond `huberTuning · σ̂` are down-weighted (95 %
    /// efficiency at the normal), here and in ``localLevel(firstDay:)``'s clip.
    static let huberTuning = 1.345

    let structure: Structure
    /// The column layout.
    let layout: DayDesign
    /// Coefficients in column order.
    let beta: [Double]
    /// Robust residual variance σ̂² on the model scale, with a degrees-of-freedom correction.
    let residualVariance: Double
    /// Residuals of the training days (index into the totals, residual), for learning special days.
    let residuals: [(index: Int, value: Double)]
    /// The day number of the last training day (T).
    var endDay: Int { layout.endDay }
    /// The number of columns.
    var columnCount: Int { layout.columnCount }

    /// Fits the regression to `totals` on the days `indices` (increasing).
    ///
    /// - Throws: ``ForecastingError/numerical(_:)`` when LAPACK fails.
    /// - Complexity: O(passes · n · p²) for n days and p columns.
    init(totals: DailyTotals, indices: [Int], structure: Structure, closedDays: Set<Int>) throws {
        self.structure = structure
        let first = totals.firstDay
        let spanYears = Double((indices.last ?? 0) - (indices.first ?? 0) + 1) / 365.25
        let shrink = min(1, max(0, spanYears - 1))
        let layout = DayDesign(
            totals: totals, indices: indices, harmonics: shrink < 0.05 ? 0 : structure.harmonics,
            specialDays: structure.specialDays, closedDays: closedDays)
        self.layout = layout
        let p = layout.columnCount
        let n = indices.count
        let z = indices.map { DayRegression.transform(totals.total[$0], log: structure.logScale) }
        // Penalty rows: hinges, calendar effects, yearly terms under two years.
        var penalties: [(column: Int, weight: Double)] = []
        let hingePenalty = (100 * Double(n) / 365).squareRoot()
        for j in 0..<layout.knots.count { penalties.append((layout.trendColumn + 1 + j, hingePenalty)) }
        for j in layout.calendarColumn..<p { penalties.append((j, 0.1.squareRoot())) }
        if layout.harmonics > 0, shrink < 1 {
            let lambda = Double(n) / 2 * (1 / shrink - 1)
            for j in 0..<(2 * layout.harmonics) { penalties.append((layout.fourierColumn + j, lambda.squareRoot())) }
        }
        var x = [Double](repeating: 0, count: p)
        var columns = [Double](repeating: 0, count: n * p)  // column-major n × p
        for (i, index) in indices.enumerated() {
            layout.fill(dayNumber: first + index, into: &x)
            for c in 0..<p { columns[i + c * n] = x[c] }
        }
        let design = try numerical { try Matrix(rows: n, columns: p, columnMajor: columns) }
        // Recency weights: a day two years old counts half (the yearly and weekday shapes drift).
        let recency = indices.map { pow(0.5, Double(layout.endDay - first - $0) / DayRegression.halfLifeDays) }
        var weights = recency
        var beta = [Double](repeating: 0, count: p)
        var resid = [Double](repeating: 0, count: n)
        var sigma = 0.0
        for pass in 0..<3 {
            beta = try DayRegression.solve(design: design, z: z, weights: weights, penalties: penalties)
            let fitted = try numerical { try design.multiply(beta) }
            for i in 0..<n { resid[i] = z[i] - fitted[i] }
            sigma = 1.4826 * median(resid.map { abs($0) })
            if pass == 2 || !(sigma > 0) { break }
            let c = DayRegression.huberTuning * sigma
            for i in 0..<n { weights[i] = recency[i] * (abs(resid[i]) <= c ? 1 : c / abs(resid[i])) }
        }
        self.beta = beta
        // σ̂² with a degrees-of-freedom correction (n / (n − p)) so that the back-transform is not
        // biased low by an overfitted residual variance.
        let dof = Double(n) / Double(max(1, n - p))
        residualVariance = sigma * sigma * dof
        residuals = zip(indices, resid).map { ($0, $1) }
    }

    /// The penalised weighted least-squares solution: the normal equations (XᵀWX + Λ)β = XᵀWz by
    /// Cholesky (LAPACK dposv; the penalties and the O(1) scale of every column keep them well
    /// conditioned), or the augmented problem by dgelsd when they are not positive definite.
    private static func solve(
        design: Matrix, z: [Double], weights: [Double], penalties: [(column: Int, weight: Double)]
    ) throws -> [Double] {
        let (n, p) = (design.rows, design.columns)
        // √W X and √W z with room for the penalty rows below them (used only by the fallback).
        let m = n + penalties.count
        var augmented = Matrix(rows: m, columns: p)
        var rhs = [Double](repeating: 0, count: m)
        let sw = weights.map { $0.squareRoot() }
        let x = design.elements
        augmented.withUnsafeMutableElements { e in
            for c in 0..<p {
                for i in 0..<n { e[i + c * m] = sw[i] * x[i + c * n] }
            }
        }
        for i in 0..<n { rhs[i] = sw[i] * z[i] }
        // XᵀWX + Λ from the weighted rows (dsyrk over the first n rows: half a dgemm's work, and
        // the normal equations are the fits' main cost).
        if var normal = try? augmented.gram(rows: n),
            let right = try? augmented.multiply(rhs, transposed: true)
        {
            normal.withUnsafeMutableElements { e in
                for pen in penalties { e[pen.column + pen.column * p] += pen.weight * pen.weight }
            }
            if let beta = try? normal.solveSymmetricPositiveDefinite(right), beta.allSatisfy(\.isFinite) { return beta }
        }
        augmented.withUnsafeMutableElements { e in
            for (r, pen) in penalties.enumerated() { e[n + r + pen.column * m] = pen.weight }
        }
        return try numerical { try augmented.leastSquares(rhs, rcond: 1e-10).solution }
    }

    /// z of a total (log, or √(y + ¼)).
    @inline(__always) static func transform(_ y: Double, log useLog: Bool) -> Double {
        useLog ? log(max(y, 0.5)) : (y + 0.25).squareRoot()
    }

    /// The mean of y given ẑ and the variance of z around it: exp(ẑ + σ²/2), or ẑ² + σ² − ¼.
    @inline(__always) func mean(_ z: Double) -> Double {
        let v: Double
        if structure.logScale {
            v = exp(z + residualVariance / 2)
        } else {
            let zz = max(0, z)
            v = zz * zz + residualVariance - 0.25
        }
        return v.isFinite && v > 0 ? v : 0
    }

    /// The trend at day `d` ≤ T as fitted (in-sample).
    func trend(at d: Int) -> Double {
        var v = beta[layout.trendColumn] * Double(d - endDay) / 365.25
        for (j, knot) in layout.knots.enumerated() where d > knot {
            v += beta[layout.trendColumn + 1 + j] * Double(d - knot) / 365.25
        }
        return v
    }

    /// The slope of the trend at the end of history, per day.
    var endSlope: Double {
        var s = beta[layout.trendColumn]
        for j in layout.knots.indices { s += beta[layout.trendColumn + 1 + j] }
        return s / 365.25
    }

    /// ẑ without the trend (intercept, weekday, yearly and calendar effects) for day `d`.
    func seasonal(at d: Int, buffer x: inout [Double]) -> Double {
        layout.fill(dayNumber: d, into: &x)
        var v = 0.0
        for c in 0..<layout.columnCount where c < layout.trendColumn || c >= layout.calendarColumn {
            v += x[c] * beta[c]
        }
        return v
    }
}

/// The columns of ``DayRegression``: intercept, weekday dummies (open weekdays but the first),
/// 2K yearly Fourier terms, linear trend and hinges (in years), then the day after and the day
/// before a closed date, then the learnt special days.
struct DayDesign: Sendable {
    let endDay: Int
    let harmonics: Int
    let weekdayColumn: [Int]
    let fourierColumn: Int
    let trendColumn: Int
    let knots: [Int]
    let calendarColumn: Int
    let columnCount: Int
    let specialDays: [SpecialDayKey]
    let closedDays: Set<Int>

    init(totals: DailyTotals, indices: [Int], harmonics: Int, specialDays: [SpecialDayKey], closedDays: Set<Int>) {
        let first = totals.firstDay
        endDay = first + (indices.last ?? 0)
        self.harmonics = harmonics
        self.specialDays = specialDays
        self.closedDays = closedDays
        var wc = [Int](repeating: -1, count: 7)
        var p = 1
        var reference = true
        for w in 0..<7 where totals.openWeekday[w] {
            if reference { reference = false; continue }
            wc[w] = p; p += 1
        }
        weekdayColumn = wc
        fourierColumn = p; p += 2 * harmonics
        trendColumn = p; p += 1
        var kn: [Int] = []
        if let firstIndex = indices.first {
            var knot = first + firstIndex + 91
            while knot <= endDay - 91 { kn.append(knot); knot += 91 }
        }
        knots = kn
        p += kn.count
        calendarColumn = p
        p += 2 + specialDays.count
        columnCount = p
    }

    /// The regressors of day `d` into `x` (length ``columnCount``).
    func fill(dayNumber d: Int, into x: inout [Double]) {
        for c in x.indices { x[c] = 0 }
        x[0] = 1
        let w = CivilDate.weekdayIndex(dayNumber: d)
        if weekdayColumn[w] > 0 { x[weekdayColumn[w]] = 1 }
        if harmonics > 0 {
            // 2πk·d/365.25 = 2π·(4k·d mod 1461)/1461: a table lookup instead of sin and cos of an
            // angle of thousands of radians (exact in the period, and cheaper: the fits fill these
            // rows tens of thousands of times per forecast).
            let step = (4 * d) % YearlyFourier.period
            var m = step < 0 ? step + YearlyFourier.period : step
            let base = m
            for h in 0..<harmonics {
                x[fourierColumn + 2 * h] = YearlyFourier.sine[m]
                x[fourierColumn + 2 * h + 1] = YearlyFourier.cosine[m]
                m += base
                if m >= YearlyFourier.period { m -= YearlyFourier.period }
            }
        }
        x[trendColumn] = Double(d - endDay) / 365.25
        for (j, knot) in knots.enumerated() where d > knot { x[trendColumn + 1 + j] = Double(d - knot) / 365.25 }
        if !closedDays.isEmpty, !closedDays.contains(d) {
            if closedDays.contains(d - 1) { x[calendarColumn] = 1 }
            if closedDays.contains(d + 1) { x[calendarColumn + 1] = 1 }
        }
        if !specialDays.isEmpty {
            let date = CivilDate(dayNumber: d)
            for (j, key) in specialDays.enumerated() where key.matches(date) { x[calendarColumn + 2 + j] = 1 }
        }
    }
}

/// sin and cos of 2π·m/1461 for m = 0..<1461: four years of 365.25 days in quarter days, so that
/// the yearly Fourier terms of day d, sin and cos of 2πk·d/365.25, are entries (4k·d mod 1461).
enum YearlyFourier {
    /// Quarter days in four years.
    static let period = 1461
    static let sine: [Double] = (0..<period).map { sin(2 * Double.pi * Double($0) / Double(period)) }
    static let cosine: [Double] = (0..<period).map { cos(2 * Double.pi * Double($0) / Double(period)) }
}
