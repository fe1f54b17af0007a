import CCPlanBase
import Foundation

/// A shift that may be worked: one shift type starting at one time on one day of the week.
public struct CandidateShift: Sendable, Hashable {
    /// Index into ``ShiftRules/shiftTypes``.
    public var type: Int
    /// 0 = Monday … 6 = Sunday.
    public var day: Int
    /// Time of day of the start, minutes after midnight.
    public var startMinute: Int
    /// The start instant (seconds since 1970 UTC).
    public var start: Int64
    /// The first slot worked, counted from Monday 00:00.
    public var startSlot: Int
    /// Slots from start to end.
    public var lengthSlots: Int
}

/// The week cut into slots of equal length, and every shift that may be worked in it.
///
/// **Time.** The slot length is the greatest common divisor of the plan's interval, the hour
/// (clock changes), and every start time, start step, length, break length and break offset
/// of the shift types in use, so that every shift and break starts and ends on a slot boundary.
/// Slots run in elapsed time from Monday 00:00 local to the next Monday 00:00 local (a week
/// with a clock change has an hour more or less). A shift lasts its length in elapsed time: on
/// the night the clocks change it ends an hour earlier or later on the wall clock. A start time
/// that does not exist that day (skipped by a clock change) is not offered; one that occurs
/// twice is taken at its first occurrence.
///
/// **The week repeats.** Slot `s ≥ slotCount` (the part of a Sunday shift that runs into the
/// next Monday) is slot `s − slotCount` of the same week: the schedule is a weekly pattern.
public struct WeekGrid: Sendable {
    public var slotMinutes: Int
    public var slotCount: Int
    public var slotsPerInterval: Int
    /// Indices into ``ShiftRules/shiftTypes`` the group may use.
    public var types: [Int]
    /// Candidates by day, shift type (file order) and start.
    public var candidates: [CandidateShift]

    /// - Complexity: O(days × starts).
    public init(demand: WeekDemand, rules: ShiftRules) {
        types = rules.shiftTypes.indices.filter { demand.group.shiftTypes?.contains(rules.shiftTypes[$0].name) ?? true }
        var g = gcd(demand.intervalMinutes, 60)
        for j in types {
            let s = rules.shiftTypes[j]
            for v in [s.earliestStart, s.startStep, s.length] { g = gcd(g, v) }
            for b in s.breaks { for v in [b.length, b.earliestOffset, b.latestOffset] { g = gcd(g, v) } }
        }
        slotMinutes = g
        let slotSeconds = Int64(g * 60)
        slotCount = Int((demand.end - demand.start) / slotSeconds)
        slotsPerInterval = demand.intervalMinutes / g
        var clock = ZoneClock(demand.timeZone)
        var out: [CandidateShift] = []
        for day in 0..<7 {
            let date = demand.monday.adding(days: day)
            for j in types where rules.shiftTypes[j].days.contains(day + 1) {
                let s = rules.shiftTypes[j]
                for minute in s.startTimes {
                    let instant: Int64
                    switch clock.resolve(local: Int64(date.dayNumber) * 86_400 + Int64(minute) * 60) {
                    case .unique(let t), .ambiguous(let t, _): instant = t
                    case .gap: continue
                    }
                    let offset = instant - demand.start
                    guard offset >= 0, offset < demand.end - demand.start, offset % slotSeconds == 0 else { continue }
                    out.append(
                        CandidateShift(
                            type: j, day: day, startMinute: minute, start: instant,
                            startSlot: Int(offset / slotSeconds), lengthSlots: s.length / g))
                }
            }
        }
        candidates = out
    }

    /// The interval of the week that slot `s` (possibly past the week's end) falls in.
    public func interval(ofSlot s: Int) -> Int { (s % slotCount) / slotsPerInterval }

    /// Slots → interval → count: how many slots of `[first, first + count)` fall in each interval
    /// (wrapping past the week's end), in slot order.
    ///
    /// - Complexity: O(count).
    public func intervalSpans(first: Int, count: Int) -> [(interval: Int, slots: Int)] {
        var out: [(interval: Int, slots: Int)] = []
        for s in first..<(first + count) {
            let i = interval(ofSlot: s)
            if let last = out.last, last.interval == i { out[out.count - 1].slots += 1 } else { out.append((i, 1)) }
        }
        return out
    }
}

func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
