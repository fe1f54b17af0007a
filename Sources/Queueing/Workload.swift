/// The contacts offered to one queue in one interval: an arrival rate and a mean handle time.
///
/// The offered load in Erlangs is `A = λ·AHT`. All times are in seconds.
public struct Workload: Sendable, Hashable {
    /// λ, contacts per second (≥ 0).
    public var arrivalRate: Double
    /// AHT = 1/μ, the mean handle time in seconds (> 0).
    public var averageHandleTime: Double

    /// A workload from an arrival rate (contacts per second) and a mean handle time (seconds).
    public init(arrivalRate: Double, averageHandleTime: Double) {
        self.arrivalRate = arrivalRate
        self.averageHandleTime = averageHandleTime
    }

    /// A workload from a volume of contacts arriving over an interval of `interval` seconds.
    ///
    /// `λ = contacts / interval`.
    public init(contacts: Double, interval: Double, averageHandleTime: Double) {
        self.init(arrivalRate: contacts / interval, averageHandleTime: averageHandleTime)
    }

    /// The offered load `A = λ·AHT` in Erlangs.
    public var trafficIntensity: Double { arrivalRate * averageHandleTime }

    /// Whether the rates are usable: finite, λ ≥ 0 and AHT > 0.
    public var isValid: Bool {
        arrivalRate.isFinite && arrivalRate >= 0 && averageHandleTime.isFinite && averageHandleTime > 0
            && trafficIntensity.isFinite
    }
}
