import CCPlanBase
import Foundation

/// Whether an interval of a series was reported.
public enum IntervalState: UInt8, Sendable, Hashable {
    /// No row for the interval: its values are unknown (they are NaN in the arrays).
    case absent = 0
    /// A row reported the interval; offered 0 makes it a *zero* interval, not a missing one.
    case observed = 1
}

/// The position of an interval in local wall-clock time, for indexing by (date, slot of day).
public struct LocalSlot: Hashable, Sendable {
    /// The local calendar date of the interval's start.
    public var date: CivilDate
    /// The same date as days since 1970-01-01 (for array indexing).
    public var dayNumber: Int
    /// Minutes since local midnight of the interval's wall-clock start, divided by the interval
    /// length: 0 … (1440 / length) − 1. On a spring-forward day the skipped slots do not occur;
    /// on a fall-back day the slots of the repeated hour occur twice.
    public var slot: Int
    /// 0, or 1 for the second occurrence of a wall-clock slot in the repeated hour of a fall-back.
    public var occurrence: Int
    /// The UTC offset in seconds at the interval's start.
    public var utcOffset: Int
}

/// The history of one queue and channel on a regular grid of UTC instants.
///
/// Interval `i` starts at `start + i × intervalMinutes × 60` seconds since 1970 UTC. Every
/// interval between the first and the last reported one has a slot; `states[i]` says whether it
/// was reported. Absent intervals hold NaN in every value array, so a sum that forgets to check
/// the state shows up as NaN rather than as a silent zero. Observed intervals may still hold NaN
/// in `handled`, `abandoned` or `handleSeconds` when the file did not report them.
public struct IntervalSeries: Sendable {
    /// The queue name as written in the file (`default` when the file has no queue column).
    public var queue: String
    /// The channel.
    public var channel: Channel
    /// The interval length in minutes: 5, 6, 10, 15, 30 or 60.
    public var intervalMinutes: Int
    /// The IANA time zone in which the series is planned and shown.
    public var timeZone: TimeZone
    /// The start of the first interval, in seconds since 1970-01-01T00:00:00Z.
    public var start: Int64
    /// Contacts offered per interval.
    public var offered: [Double]
    /// Contacts handled per interval (NaN when not reported).
    public var handled: [Double]
    /// Contacts abandoned per interval (NaN when not reported).
    public var abandoned: [Double]
    /// Total handle time in seconds of the contacts handled in the interval (NaN when not reported).
    public var handleSeconds: [Double]
    /// Observed or absent, per interval.
    public var states: [IntervalState]
    /// The optional measures the file reported (waits, answered within the threshold, service
    /// level, staffing), one value per interval, NaN where not reported; a measure no row
    /// reported has no array.
    public var measures: [IntervalMeasure: [Double]] = [:]

    /// Total seconds the offered contacts of the interval waited in queue (answered or not), when
    /// the history reports waits (`wait_seconds`); nil otherwise. With `abandoned` it estimates
    /// the callers' patience.
    public var waitSeconds: [Double]? {
        get { measures[.waitSeconds] }
        set { measures[.waitSeconds] = newValue }
    }
    /// What the reader dropped, moved or let through while building the series (for the quality
    /// report); not part of the data, so not compared by `==`.
    public var readNotes = ReadNotes()

    /// Creates a series; all arrays must have the same length.
    public init(
        queue: String, channel: Channel, intervalMinutes: Int, timeZone: TimeZone, start: Int64,
        offered: [Double], handled: [Double], abandoned: [Double], handleSeconds: [Double],
        states: [IntervalState], waitSeconds: [Double]? = nil, measures: [IntervalMeasure: [Double]] = [:]
    ) {
        var measures = measures
        if let waitSeconds { measures[.waitSeconds] = waitSeconds }
        precondition(
            ([handled.count, abandoned.count, handleSeconds.count, states.count] + measures.values.map(\.count))
                .allSatisfy { $0 == offered.count },
            "IntervalSeries: arrays of different lengths")
        self.measures = measures
        self.queue = queue
        self.channel = channel
        self.intervalMinutes = intervalMinutes
        self.timeZone = timeZone
        self.start = start
        self.offered = offered
        self.handled = handled
        self.abandoned = abandoned
        self.handleSeconds = handleSeconds
        self.states = states
    }

    /// The number of intervals from the first to the last reported one.
    public var count: Int { states.count }

    /// The interval length in seconds.
    public var step: Int64 { Int64(intervalMinutes) * 60 }

    /// The start of interval `i` in seconds since 1970 UTC.
    ///
    /// - Complexity: O(1).
    public func intervalStart(_ i: Int) -> Int64 { start + Int64(i) * step }

    /// The start of the last interval in seconds since 1970 UTC.
    public var end: Int64 { intervalStart(count - 1) }

    /// The index of the interval that starts at `instant`, or `nil` when it is off the grid.
    ///
    /// - Complexity: O(1).
    public func index(of instant: Int64) -> Int? {
        let d = instant - start
        guard d >= 0, d % step == 0, d / step < Int64(count) else { return nil }
        return Int(d / step)
    }

    /// The contacts the handle time of interval `i` is spread over, so that AHT is
    /// `handleSeconds[i] / handleTimeBase(i)`: the handled contacts, or without a handled count
    /// the offered ones less the abandoned (when reported). The reader turns a mean handle time
    /// into a total with the same rule, so `inspect` and the forecast agree.
    ///
    /// - Complexity: O(1).
    public func handleTimeBase(_ i: Int) -> Double {
        if !handled[i].isNaN { return handled[i] }
        return abandoned[i].isNaN ? offered[i] : offered[i] - abandoned[i]
    }

    /// Whether interval `i` was reported with offered 0.
    ///
    /// - Complexity: O(1).
    public func isZero(_ i: Int) -> Bool { states[i] == .observed && offered[i] == 0 }

    /// The number of reported intervals.
    ///
    /// - Complexity: O(*n*).
    public var observedCount: Int { states.reduce(0) { $0 + ($1 == .observed ? 1 : 0) } }

    /// The number of reported intervals with offered 0.
    ///
    /// - Complexity: O(*n*).
    public var zeroCount: Int { indices.reduce(0) { $0 + (isZero($1) ? 1 : 0) } }

    /// The number of intervals inside the range without a row.
    ///
    /// - Complexity: O(*n*).
    public var absentCount: Int { count - observedCount }

    /// The interval indices, `0..<count`.
    public var indices: Range<Int> { 0..<count }

    /// The local date and slot of day of interval `i` (a few Foundation calls; use
    /// `localSlots()` for the whole series).
    ///
    /// - Complexity: O(1).
    public func localSlot(_ i: Int) -> LocalSlot {
        var clock = ZoneClock(timeZone)
        return localSlot(i, &clock)
    }

    /// The local date and slot of day of every interval, in order.
    ///
    /// - Complexity: O(*n*), with Foundation calls once per day only.
    public func localSlots() -> [LocalSlot] {
        var clock = ZoneClock(timeZone)
        return indices.map { localSlot($0, &clock) }
    }

    private func localSlot(_ i: Int, _ clock: inout ZoneClock) -> LocalSlot {
        let t = intervalStart(i)
        let offset = clock.offset(at: t)
        // After a fall-back the offset drops; the wall-clock time occurred before when the instant
        // that showed the same time under the earlier offset still had that offset.
        let earlier = clock.offset(at: t - 3600)
        let repeated = offset < earlier && clock.offset(at: t - (earlier - offset)) == earlier
        let local = t + offset
        let day = floorDiv(local, 86_400)
        let minuteOfDay = Int(local - day * 86_400) / 60
        return LocalSlot(
            date: CivilDate(dayNumber: Int(day)), dayNumber: Int(day), slot: minuteOfDay / intervalMinutes,
            occurrence: repeated ? 1 : 0, utcOffset: Int(offset))
    }

    /// The ISO 8601 text of interval `i`'s start with the series' UTC offset.
    ///
    /// - Complexity: O(1).
    public func isoStart(_ i: Int) -> String {
        var clock = ZoneClock(timeZone)
        let t = intervalStart(i)
        return iso8601(t, offset: Int(clock.offset(at: t)))
    }
}

/// What the reader did to a series besides placing its rows (see `HistoryReadOptions`).
public struct ReadNotes: Sendable, Equatable {
    /// Rows in a spring-forward gap without contacts, dropped.
    public var droppedGapRows = 0
    /// Rows in a spring-forward gap with contacts, moved later by the gap (`--dst-gap shift`).
    public var shiftedGapRows = 0
    /// Outliers kept under `OutlierPolicy.accept`, in file order.
    public var outliers: [Outlier] = []

    public init() {}
}

/// An interval whose offered count is absurd for its series (see `OutlierRule`).
public struct Outlier: Sendable, Equatable {
    /// The interval's start, seconds since 1970 UTC.
    public var start: Int64
    /// The offered count.
    public var offered: Double
    /// The median offered count of the series' intervals with contacts.
    public var seriesMedian: Double
    /// The robust z-score of the count.
    public var robustZ: Double

    public init(start: Int64, offered: Double, seriesMedian: Double, robustZ: Double) {
        self.start = start
        self.offered = offered
        self.seriesMedian = seriesMedian
        self.robustZ = robustZ
    }
}

extension IntervalSeries: Equatable {
    /// Series are equal when every field of data is, treating NaN as equal to NaN (`readNotes`
    /// are not compared).
    public static func == (a: IntervalSeries, b: IntervalSeries) -> Bool {
        func same(_ x: [Double], _ y: [Double]) -> Bool {
            x.count == y.count && zip(x, y).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
        }
        return a.queue == b.queue && a.channel == b.channel && a.intervalMinutes == b.intervalMinutes
            && a.timeZone.identifier == b.timeZone.identifier && a.start == b.start && a.states == b.states
            && same(a.offered, b.offered) && same(a.handled, b.handled) && same(a.abandoned, b.abandoned)
            && same(a.handleSeconds, b.handleSeconds)
            && Set(a.measures.keys) == Set(b.measures.keys)
            && a.measures.allSatisfy { same($0.value, b.measures[$0.key]!) }
    }
}

/// Every series read from a set of history files.
public struct ContactHistory: Sendable {
    /// The series, sorted by queue, then channel.
    public var series: [IntervalSeries]
    /// The number of data rows read (after the header lines).
    public var rowCount: Int
    /// The number of bytes read.
    public var byteCount: Int
    /// The time zone of the series.
    public var timeZone: TimeZone
    /// The zone's name as the user gave it (`HistoryReadOptions.timeZoneName`).
    public var timeZoneName: String

    /// Creates a history.
    public init(
        series: [IntervalSeries], rowCount: Int, byteCount: Int, timeZone: TimeZone, timeZoneName: String? = nil
    ) {
        self.series = series
        self.rowCount = rowCount
        self.byteCount = byteCount
        self.timeZone = timeZone
        self.timeZoneName = timeZoneName ?? timeZone.identifier
    }

    /// The series of a queue and channel, if present.
    ///
    /// - Complexity: O(*n*) in the number of series.
    public func series(queue: String, channel: Channel = .voice) -> IntervalSeries? {
        series.first { $0.queue == queue && $0.channel == channel }
    }
}

/// An optional per-interval measure of an export, stored as a total that adds up when intervals
/// or duplicate rows are summed.
public enum IntervalMeasure: String, CaseIterable, Sendable, Hashable {
    /// Seconds the offered contacts waited in total (mean wait × offered).
    case waitSeconds = "wait_seconds"
    /// Contacts answered within the service-level threshold.
    case answeredWithin = "answered_within"
    /// The reported service level × offered (so that it is re-weighted by contacts when summed).
    case serviceLevelContacts = "service_level_contacts"
    /// Agent-seconds available to take contacts (staffed agents × interval length).
    case staffedSeconds = "staffed_seconds"
}

extension IntervalSeries {
    /// The service level the platform reported for interval `i`, when it did.
    public func reportedServiceLevel(_ i: Int) -> Double? {
        guard let v = measures[.serviceLevelContacts]?[i], !v.isNaN, offered[i] > 0 else { return nil }
        return v / offered[i]
    }

    /// The mean agents available in interval `i`, when the file reported staffing.
    public func staffedAgents(_ i: Int) -> Double? {
        guard let v = measures[.staffedSeconds]?[i], !v.isNaN else { return nil }
        return v / Double(step)
    }

    /// Contacts answered within the threshold in interval `i`, when the file reported them.
    public func answeredWithin(_ i: Int) -> Double? {
        guard let v = measures[.answeredWithin]?[i], !v.isNaN else { return nil }
        return v
    }
}
