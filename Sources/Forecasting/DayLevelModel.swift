import CCPlanBase

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The day-level model for long horizons (weeks to 18 months): day totals from a regression with
/// a damped trend or a flat local level (exponential smoothing), yearly seasonality, weekday
/// effects and calendar effects (``DayRegression``), spread over the intervals by an
/// ``IntradayProfile``:
///
///     N̂(d, s) = Ŷ_d · p_{weekday(d)}(s).
///
/// Structure chosen inside the model, never by constants fitted to one data set:
/// - scale: log y when the median open day of the last year has at least 50 contacts and no open
///   day is empty, else √(y + ¼);
/// - yearly Fourier pairs K ∈ {2, 4, 6, 8, 10} by AICc (fpp3 §7.5),
///   AICc = n log σ̂² + 2(p + 2) + 2(p + 2)(p + 3)/(n − p − 3); none below a year of history,
///   shrunk below two years;
/// - the trend hypotheses (flat at the local level, damped) and the combination with "same day
///   last year × growth" are averaged (``DailyMethod/regressionCombination``, the default);
///   offered several ``DailyMethod``s, the model picks one by the ``LongHorizonBacktest`` at the
///   requested lead.
public struct DayLevelModel: ForecastModel {
    /// The methods competing (one: no backtest).
    public var methods: [DailyMethod]
    /// The model's name in reports.
    public var name: String { methods.count == 1 ? methods[0].description : "day-level(best of \(methods.count))" }

    /// A model choosing among `methods` by backtest (default: one, the combined regression).
    ///
    /// - Complexity: O(1).
    public init(methods: [DailyMethod] = [.regressionCombination]) {
        self.methods = methods.isEmpty ? [.regressionCombination] : methods
    }

    /// A model with one method.
    public init(_ method: DailyMethod) { self.methods = [method] }

    /// A model with one method and a fixed structure (no AICc search: for refits on holdouts).
    init(_ method: DailyMethod, harmonics: Int, logScale: Bool) {
        self.methods = [method]
        self.fixedStructure = (harmonics, logScale)
    }

    /// The structure when fixed in advance.
    var fixedStructure: (harmonics: Int, logScale: Bool)?

    /// What the model chose and how the candidates scored.
    public struct Selection: Sendable {
        /// The method chosen.
        public var method: DailyMethod
        /// Every method's backtest score (empty with one method).
        public var scores: [LongHorizonScore]
        var errors: LongHorizonBacktest.DayErrors
        /// Yearly Fourier pairs (by AICc).
        public var harmonics: Int
        /// Whether the regression works on log totals (else √).
        public var logScale: Bool
    }

    /// Chooses the structure and the method on a context's history.
    ///
    /// - Complexity: as ``forecast(_:)`` without the final fit.
    public func select(_ context: ForecastContext) throws -> Selection {
        try select(context, totals: DailyTotals(grid: context.grid))
    }

    /// - Complexity: O(AICc fits + folds · fits + targets · slots); a fit is O(days · columns²).
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        let totals = DailyTotals(grid: context.grid)
        let selection = try select(context, totals: totals)
        return try forecast(
            context, totals: totals, method: selection.method, harmonics: selection.harmonics,
            logScale: selection.logScale)
    }

    /// Chooses the scale, K and (with several methods) the method.
    func select(_ context: ForecastContext, totals: DailyTotals) throws -> Selection {
        let (harmonics, logScale) =
            try fixedStructure ?? DayLevelModel.structure(totals: totals, closedDays: closedDays(context))
        guard methods.count > 1 else {
            return Selection(method: methods[0], scores: [], errors: .init(), harmonics: harmonics, logScale: logScale)
        }
        let lead = max(
            1,
            (context.targetDates.last?.dayNumber ?? totals.firstDay + totals.days)
                - (totals.firstDay + totals.days - 1))
        let backtest = try LongHorizonBacktest(
            totals: totals, closedDays: closedDays(context), methods: methods,
            horizonDays: lead, harmonics: harmonics, logScale: logScale)
        let chosen = backtest.best.map { methods[$0] } ?? methods[0]
        return Selection(
            method: chosen, scores: backtest.scores, errors: backtest.bestErrors, harmonics: harmonics,
            logScale: logScale)
    }

    /// The long-horizon backtest's day-total errors of this model (its chosen method) at the
    /// context's lead, for ranges.
    func backtestErrors(_ context: ForecastContext) throws -> LongHorizonBacktest.DayErrors {
        let totals = DailyTotals(grid: context.grid)
        let selection = try select(context, totals: totals)
        if !selection.errors.lead.isEmpty { return selection.errors }
        let backtest = try LongHorizonBacktest(
            totals: totals, closedDays: closedDays(context), methods: [selection.method],
            horizonDays: context.leadDays ?? 1, harmonics: selection.harmonics,
            logScale: selection.logScale)
        return backtest.bestErrors
    }

    /// Interval forecasts of one method.
    func forecast(
        _ context: ForecastContext, totals: DailyTotals, method: DailyMethod, harmonics: Int,
        logScale: Bool
    ) throws -> [Double] {
        let engine = try DailyEngine(
            totals: totals, trainCount: totals.days, closedDays: closedDays(context),
            harmonics: harmonics, logScale: logScale, needsRegression: method.isRegression)
        let targets = context.targetDates.map { $0.dayNumber - totals.firstDay }
        let days = engine.forecast(method, targets: targets)
        let g = context.grid
        let profile = IntradayProfile(grid: g, closedMask: g.closedIntervalMask(weeks: 4))
        let s = g.slots
        var out = [Double](repeating: 0, count: targets.count * s)
        for (t, date) in context.targetDates.enumerated() {
            let w = CivilDate.weekdayIndex(dayNumber: date.dayNumber)
            for j in 0..<s { out[t * s + j] = days[t] * profile.share(weekday: w, slot: j) }
        }
        return out
    }

    func closedDays(_ context: ForecastContext) -> Set<Int> { Set(context.calendar.closedDates.map(\.dayNumber)) }

    /// The scale and the number of yearly harmonics (see the type's documentation).
    static func structure(totals: DailyTotals, closedDays: Set<Int>) throws -> (harmonics: Int, logScale: Bool) {
        let indices = totals.trainingIndices()
        let recent = indices.filter { $0 >= totals.days - 364 }.map { totals.total[$0] }
        let logScale = !recent.isEmpty && median(recent) >= 50 && !indices.contains { totals.total[$0] <= 0 }
        guard let first = indices.first, let last = indices.last, last - first + 1 >= 365, indices.count >= 300 else {
            return (0, logScale)
        }
        var best = (harmonics: 2, aicc: Double.infinity)
        for k in [2, 4, 6, 8, 10] {
            let fit = try DayRegression(
                totals: totals, indices: indices,
                structure: .init(harmonics: k, logScale: logScale, specialDays: []),
                closedDays: closedDays)
            let n = Double(indices.count), p = Double(fit.columnCount)
            guard n - p - 3 > 0, fit.residualVariance > 0 else { continue }
            let aicc = n * log(fit.residualVariance) + 2 * (p + 2) + 2 * (p + 2) * (p + 3) / (n - p - 3)
            if aicc < best.aicc { best = (k, aicc) }
        }
        return (best.harmonics, logScale)
    }
}
