import Foundation

/// How a local wall-clock time maps onto UTC in a time zone.
public enum LocalTimeResolution: Equatable, Sendable {
    /// One instant (seconds since 1970 UTC).
    case unique(Int64)
    /// The repeated hour of a fall-back change: the earlier (summer-time) and the later instant.
    case ambiguous(Int64, Int64)
    /// The skipped hour of a spring-forward change: the local time does not exist.
    case gap
}

/// UTC offsets of one IANA time zone, cached per day so that hot loops make no Foundation calls.
///
/// Foundation's `TimeZone` is asked once per local (or UTC) day: for the offset at the start of
/// the day and for the next transition. Days without a transition (all but two or so a year)
/// then resolve every time of the day with one addition. Assumes at most one transition a day.
///
/// Keep one `ZoneClock` per loop (it is a value: copies cache separately).
public struct ZoneClock: Sendable {
    /// The time zone.
    public let timeZone: TimeZone

    /// The offsets that apply during one day, and the transition inside it, if any.
    private struct Day {
        var offsetBefore: Int64
        var offsetAfter: Int64
        /// The UTC instant of the transition; `Int64.max` when the day has none.
        var transition: Int64
    }

    private var localDays: [Int64: Day] = [:]
    private var utcDays: [Int64: Day] = [:]
    private var lastLocalKey: Int64 = .min
    private var lastLocal = Day(offsetBefore: 0, offsetAfter: 0, transition: .max)
    private var lastUTCKey: Int64 = .min
    private var lastUTC = Day(offsetBefore: 0, offsetAfter: 0, transition: .max)

    /// Creates a clock for a time zone, with an empty cache.
    public init(_ timeZone: TimeZone) { self.timeZone = timeZone }

    /// The offsets in the UTC window [from, to], assuming at most one transition inside it.
    private func window(from: Int64, to: Int64) -> Day {
        let before = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(from))))
        guard
            let next = timeZone.nextDaylightSavingTimeTransition(
                after: Date(timeIntervalSince1970: Double(from)))
        else { return Day(offsetBefore: before, offsetAfter: before, transition: .max) }
        let t = Int64(next.timeIntervalSince1970.rounded())
        guard t <= to else { return Day(offsetBefore: before, offsetAfter: before, transition: .max) }
        let after = Int64(timeZone.secondsFromGMT(for: next))
        return Day(offsetBefore: before, offsetAfter: after, transition: t)
    }

    /// Resolves a local wall-clock time, given as seconds since 1970-01-01T00:00 local
    /// (`CivilDate.dayNumber × 86,400 + seconds since local midnight`).
    ///
    /// - Complexity: O(1) amortized: one dictionary look-up when the local day changes.
    public mutating func resolve(local: Int64) -> LocalTimeResolution {
        let key = floorDiv(local, 86_400)
        if key != lastLocalKey {
            if let cached = localDays[key] {
                lastLocal = cached
            } else {
                // Local times of this day are UTC instants in [day − 14 h, day + 1 d + 12 h].
                lastLocal = window(from: key * 86_400 - 14 * 3600 - 1, to: key * 86_400 + 36 * 3600 + 1)
                localDays[key] = lastLocal
            }
            lastLocalKey = key
        }
        let day = lastLocal
        if day.transition == .max { return .unique(local - day.offsetBefore) }
        let early = local - day.offsetBefore, late = local - day.offsetAfter
        let earlyValid = early < day.transition, lateValid = late >= day.transition
        switch (earlyValid, lateValid) {
        case (true, true): return early == late ? .unique(early) : .ambiguous(min(early, late), max(early, late))
        case (true, false): return .unique(early)
        case (false, true): return .unique(late)
        case (false, false): return .gap
        }
    }

    /// The UTC offset in seconds at an instant (seconds since 1970 UTC); local time is
    /// `instant + offset(at: instant)`.
    ///
    /// - Complexity: O(1) amortized: one dictionary look-up when the UTC day changes.
    public mutating func offset(at instant: Int64) -> Int64 {
        let key = floorDiv(instant, 86_400)
        if key != lastUTCKey {
            if let cached = utcDays[key] {
                lastUTC = cached
            } else {
                lastUTC = window(from: key * 86_400 - 1, to: key * 86_400 + 86_400)
                utcDays[key] = lastUTC
            }
            lastUTCKey = key
        }
        return instant < lastUTC.transition ? lastUTC.offsetBefore : lastUTC.offsetAfter
    }
}
