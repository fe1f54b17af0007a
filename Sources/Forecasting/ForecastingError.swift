/// Why a forecast could not be made. Models never trap on input; they throw one of these.
public enum ForecastingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The series' shape is inconsistent (array lengths, slot counts, unsorted dates).
    case invalidSeries(String)
    /// A value is negative or infinite where a count is expected.
    case invalidValue(String)
    /// There is too little history for the requested model or backtest.
    case insufficientHistory(String)
    /// A parameter is out of range (e.g. a quantile level outside (0, 1)).
    case invalidParameter(String)
    /// The linear algebra underneath failed (the message of the `LinearAlgebraError`).
    case numerical(String)

    public var description: String {
        switch self {
        case .invalidSeries(let s): return "invalid series: \(s)"
        case .invalidValue(let s): return "invalid value: \(s)"
        case .insufficientHistory(let s): return "insufficient history: \(s)"
        case .invalidParameter(let s): return "invalid parameter: \(s)"
        case .numerical(let s): return "numerical failure: \(s)"
        }
    }
}
