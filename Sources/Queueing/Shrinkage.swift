/// Shrinkage: the share of paid time in which agents are not available to handle contacts
/// (breaks, training, meetings, absence).
public enum Shrinkage {
    /// Scheduled agents `⌈n / (1 − s)⌉`: agents to roster so that n are on the phones.
    ///
    /// The quotient is snapped to the nearest integer when it is within 1e-9 (relative) of it,
    /// so that float noise does not add an agent: ⌈21 / (1 − 0.3)⌉ = 30, not 31. The result
    /// saturates at ``QueueingLimits/maximumScheduledAgents`` (s → 1; s ≥ 1 gives the cap):
    /// ``validate(_:)`` keeps s in [0, 0.99], where it is never reached.
    ///
    /// - Parameters:
    ///   - agents: net agents n ≥ 0.
    ///   - shrinkage: s in [0, 1).
    /// - Complexity: O(1).
    public static func scheduledAgents(_ agents: Int, shrinkage s: Double) -> Int {
        QueueingLimits.ceilingCount(
            scheduledAgents(Double(agents), shrinkage: s),
            limit: QueueingLimits.maximumScheduledAgents)
    }

    /// Scheduled fractional agents `x / (1 − s)` (no rounding), at most
    /// ``QueueingLimits/maximumScheduledAgents`` (s ≥ 1 gives the cap; s < 0 counts as 0).
    ///
    /// - Complexity: O(1).
    public static func scheduledAgents(_ agents: Double, shrinkage s: Double) -> Double {
        let cap = Double(QueueingLimits.maximumScheduledAgents)
        let exact = agents / (1 - max(0, s))
        return exact >= 0 && exact < cap ? exact : (agents > 0 ? cap : 0)
    }
}
