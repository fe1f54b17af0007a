/// Forecast accuracy over a set of scored intervals (those with an observed actual).
///
///     WAPE = Σ|f − y| / Σy          MAPE = mean over y > 0 of |f − y| / y
///     RMSE = √(mean (f − y)²)       bias = Σ(f − y) / Σy   (positive: over-forecast)
///     MASE = mean|f − y| / mean|y_t − y_{t−1 week}|   (Hyndman & Koehler 2006; in-sample seasonal-naive scale)
///
/// All are fractions (0.058 = 5.8 %). A metric that is undefined (no actuals, Σy = 0) is `NaN`
/// here and only here, so a report can show it as "n/a"; forecasts themselves never contain NaN.
public struct AccuracyMetrics: Sendable, Equatable {
    /// Weighted absolute percentage error Σ|f − y| / Σy.
    public var wape: Double
    /// Mean absolute percentage error over intervals with y > 0.
    public var mape: Double
    /// Root mean squared error, in contacts.
    public var rmse: Double
    /// Σ(f − y) / Σy; positive when the forecast is too high.
    public var bias: Double
    /// Mean absolute scaled error against the in-sample weekly seasonal-naive error.
    public var mase: Double
    /// Number of intervals scored.
    public var count: Int

    /// Metrics from their values.
    ///
    /// - Complexity: O(1).
    public init(wape: Double, mape: Double, rmse: Double, bias: Double, mase: Double, count: Int) {
        self.wape = wape; self.mape = mape; self.rmse = rmse; self.bias = bias; self.mase = mase; self.count = count
    }

    /// Metrics of `forecast` against `actual` (same layout; `NaN` actuals are skipped).
    ///
    /// - Parameter naiveScale: the MASE denominator (in-sample mean absolute weekly difference).
    /// - Complexity: O(count).
    public init(forecast: [Double], actual: [Double], naiveScale: Double = .nan) {
        var absSum = 0.0, ySum = 0.0, errSum = 0.0, sq = 0.0, ape = 0.0
        var n = 0, nPositive = 0
        for i in 0..<min(forecast.count, actual.count) {
            let y = actual[i]
            if y.isNaN { continue }
            let e = forecast[i] - y
            absSum += abs(e); ySum += y; errSum += e; sq += e * e; n += 1
            if y > 0 { ape += abs(e) / y; nPositive += 1 }
        }
        wape = ySum > 0 ? absSum / ySum : .nan
        mape = nPositive > 0 ? ape / Double(nPositive) : .nan
        rmse = n > 0 ? (sq / Double(n)).squareRoot() : .nan
        bias = ySum > 0 ? errSum / ySum : .nan
        mase = n > 0 && naiveScale > 0 ? absSum / Double(n) / naiveScale : .nan
        count = n
    }

    /// The mean of each metric over several evaluations (NaNs skipped), the protocol's summary.
    ///
    /// - Complexity: O(metrics.count).
    public static func mean(_ metrics: [AccuracyMetrics]) -> AccuracyMetrics {
        func avg(_ key: KeyPath<AccuracyMetrics, Double>) -> Double {
            let v = metrics.map { $0[keyPath: key] }.filter { !$0.isNaN }
            return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
        }
        return AccuracyMetrics(
            wape: avg(\.wape), mape: avg(\.mape), rmse: avg(\.rmse), bias: avg(\.bias),
            mase: avg(\.mase), count: metrics.reduce(0) { $0 + $1.count })
    }
}
