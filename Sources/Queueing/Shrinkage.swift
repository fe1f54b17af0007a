/// Shrinkage: the share of paid time in which agents are not available to handle contacts
/// (breaks, training, meetings, absence).
public enum Shrinkage {
    /// Scheduled agents `⌈n / (1 − s)⌉`: agents to roster so that n are on the phones.
    ///
    /// The quotient is snapped to the nearest integer when it is within 1e-9 (relative) of it,
    /// so that float noise does not add an agent: ⌈21 / (1 − 0.3)⌉ = 30, not 31.
    ///
    /// - Parameters:
    ///   - agents: net agents n ≥ 0.
    ///   - shrinkage: s in [0, 1).
    /// - Complexity: O(1).
    public static func scheduledAgents(_ agents: Int, shrinkage s: Double) -> Int {
        precondition(s >= 0 && s < 1, "shrinkage must be in [0, 1)")
        let exact = Double(agents) / (1 - s)
        let nearest = exact.rounded()
        if abs(exact - nearest) <= 1e-9 * max(1, nearest) { return Int(nearest) }
        return Int(exact.rounded(.up))
    }

    /// Scheduled fractional agents `x / (1 − s)` (no rounding).
    ///
    /// - Complexity: O(1).
    public static func scheduledAgents(_ agents: Double, shrinkage s: Double) -> Double {
        precondition(s >= 0 && s < 1, "shrinkage must be in [0, 1)")
        return agents / (1 - s)
    }
}
