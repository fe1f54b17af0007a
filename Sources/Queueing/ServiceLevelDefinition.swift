/// How a service level "X % of contacts answered within t seconds" counts its contacts.
///
/// Without abandonment (Erlang C) the three coincide.
public enum ServiceLevelDefinition: String, Sendable, Hashable, CaseIterable {
    /// Answered within t over all offered contacts; abandoned contacts are misses (default).
    case offered
    /// Answered within t over answered contacts only: `SL_offered / (1 − P(abandon))`.
    case answered
    /// P(virtual wait ≤ t): the wait a contact with infinite patience would see.
    case virtual
}
