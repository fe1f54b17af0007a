/// A combination of models: the median, the mean or a weighted mean, interval by interval, of
/// the members' forecasts. Combining forecasts is one of the most reliable ways to reduce error
/// (Bates & Granger 1969; Makridakis et al. 2020, M4 competition).
public struct EnsembleModel: ForecastModel {
    /// How member forecasts are combined.
    public enum Combination: Sendable, Equatable {
        /// The interval-wise median (robust to one bad member).
        case median
        /// The interval-wise mean.
        case mean
        /// The weighted mean with these weights (one per member, normalised to sum 1), e.g.
        /// inverse backtest errors as ``AutoModel`` uses.
        case weighted([Double])

        var label: String {
            switch self {
            case .median: return "median"
            case .mean: return "mean"
            case .weighted: return "weighted"
            }
        }
    }

    /// The members.
    public var members: [any ForecastModel]
    /// The combination rule.
    public var combination: Combination
    /// The model's name in reports.
    public var name: String { "ensemble-\(combination.label)(\(members.map(\.name).joined(separator: "+")))" }

    /// An ensemble of `members` (at least one).
    public init(members: [any ForecastModel], combination: Combination = .median) {
        self.members = members
        self.combination = combination
    }

    /// - Complexity: the members' cost plus O(members · intervals · log members).
    public func forecast(_ context: ForecastContext) throws -> [Double] {
        guard !members.isEmpty else { throw ForecastingError.invalidParameter("an ensemble needs at least one member") }
        if case .weighted(let w) = combination,
            w.count != members.count || !w.allSatisfy({ $0.isFinite && $0 >= 0 }) || !(w.reduce(0, +) > 0)
        {
            throw ForecastingError.invalidParameter(
                "an ensemble needs one finite non-negative weight per member, not all zero")
        }
        return combine(try batchForecasts(members, context).map { try $0.get() })
    }

    /// Combines member forecasts already computed (all of the same length).
    func combine(_ forecasts: [[Double]]) -> [Double] {
        guard let first = forecasts.first else { return [] }
        var out = [Double](repeating: 0, count: first.count)
        var buffer = [Double](repeating: 0, count: forecasts.count)
        var weights = [Double](repeating: 1 / Double(forecasts.count), count: forecasts.count)
        if case .weighted(let w) = combination, w.count == forecasts.count {
            let total = w.reduce(0, +)
            if total > 0 { weights = w.map { $0 / total } }
        }
        for i in 0..<first.count {
            for m in 0..<forecasts.count { buffer[m] = forecasts[m][i] }
            switch combination {
            case .mean: out[i] = buffer.reduce(0, +) / Double(buffer.count)
            case .weighted:
                var v = 0.0
                for m in 0..<buffer.count { v += weights[m] * buffer[m] }
                out[i] = v
            case .median:
                buffer.sort()
                let c = buffer.count
                out[i] = c % 2 == 1 ? buffer[c / 2] : (buffer[c / 2 - 1] + buffer[c / 2]) / 2
            }
        }
        return out
    }
}
