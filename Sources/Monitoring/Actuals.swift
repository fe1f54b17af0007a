import CCPlanBase
import ContactHistory

/// What happened in one interval of one queue, as the platform reports it.
public struct ActualInterval: Sendable, Hashable {
    /// Start, seconds since 1970 UTC.
    public var start: Int64
    /// Contacts offered.
    public var offered: Double
    /// Contacts handled (answered); nil when the export does not say.
    public var handled: Double?
    /// Contacts abandoned; nil when the export does not say.
    public var abandoned: Double?
    /// Total handle time of the interval, seconds; nil when unknown.
    public var handleSeconds: Double?
    /// Contacts answered within the plan's service-level threshold; nil when unknown.
    public var answeredWithin: Double?
    /// The service level as the platform reports it (a fraction); nil when not reported.
    public var reportedServiceLevel: Double?
    /// Mean agents available to take contacts during the interval; nil when unknown.
    public var staffedAgents: Double?

    public init(
        start: Int64, offered: Double, handled: Double? = nil, abandoned: Double? = nil,
        handleSeconds: Double? = nil, answeredWithin: Double? = nil, reportedServiceLevel: Double? = nil,
        staffedAgents: Double? = nil
    ) {
        self.start = start
        self.offered = offered
        self.handled = handled
        self.abandoned = abandoned
        self.handleSeconds = handleSeconds
        self.answeredWithin = answeredWithin
        self.reportedServiceLevel = reportedServiceLevel
        self.staffedAgents = staffedAgents
    }

    /// Mean handle time per handled contact; without a handled count, per offered contact that
    /// did not abandon (the rule `ccplan inspect` and the forecast follow). nil when unknown or
    /// when nothing was handled.
    public var ahtSeconds: Double? {
        guard let total = handleSeconds else { return nil }
        let served = handled ?? (offered - (abandoned ?? 0))
        return served > 0 ? total / served : nil
    }
}

/// The actuals of one queue and channel.
public struct ActualQueue: Sendable {
    public var queue: String
    public var channel: Channel
    /// The interval length, seconds.
    public var intervalSeconds: Int64
    /// The intervals by start.
    public var intervals: [Int64: ActualInterval]
    /// The callers' mean patience estimated from per-contact records (with its standard error).
    public var patience: (seconds: Double, standardError: Double)?

    public init(
        queue: String, channel: Channel, intervalSeconds: Int64, intervals: [Int64: ActualInterval],
        patience: (seconds: Double, standardError: Double)? = nil
    ) {
        self.queue = queue
        self.channel = channel
        self.intervalSeconds = intervalSeconds
        self.intervals = intervals
        self.patience = patience
    }

    /// Per-contact records aggregated into intervals: every count is exact, answered within the
    /// threshold included.
    public init(_ contacts: ContactIntervals) {
        var intervals: [Int64: ActualInterval] = [:]
        for (start, c) in contacts.intervals {
            intervals[start] = ActualInterval(
                start: start, offered: Double(c.offered), handled: Double(c.answered), abandoned: Double(c.abandoned),
                handleSeconds: c.handleSeconds, answeredWithin: Double(c.answeredWithin))
        }
        self.init(
            queue: contacts.queue, channel: contacts.channel, intervalSeconds: contacts.intervalSeconds,
            intervals: intervals,
            patience: contacts.patienceSeconds.map { ($0, contacts.patienceStandardError ?? 0) })
    }
}

extension ActualQueue {
    /// The actuals on a coarser grid whose length is a multiple of theirs (15-minute actuals for
    /// a 30-minute plan): counts and handle time add up, staffed agents average over time, and a
    /// reported service level is re-weighted by offered contacts. nil when `seconds` is not a
    /// multiple of the actuals' length.
    ///
    /// - Complexity: O(intervals).
    public func regridded(to seconds: Int64) -> ActualQueue? {
        if seconds == intervalSeconds { return self }
        guard seconds > intervalSeconds, seconds % intervalSeconds == 0 else { return nil }
        let parts = Double(seconds / intervalSeconds)
        func add(_ a: Double?, _ b: Double?) -> Double? { a.flatMap { x in b.map { x + $0 } } }
        var out: [Int64: ActualInterval] = [:]
        var slWeight: [Int64: Double] = [:]
        var staffedParts: [Int64: Int] = [:]
        for start in intervals.keys.sorted() {
            let i = intervals[start]!
            let s = floorDiv(start, seconds) * seconds
            var o =
                out[s]
                ?? ActualInterval(
                    start: s, offered: 0, handled: 0, abandoned: 0, handleSeconds: 0,
                    answeredWithin: 0, reportedServiceLevel: 0, staffedAgents: 0)
            o.offered += i.offered
            o.handled = add(o.handled, i.handled)
            o.abandoned = add(o.abandoned, i.abandoned)
            o.handleSeconds = add(o.handleSeconds, i.handleSeconds)
            o.answeredWithin = add(o.answeredWithin, i.answeredWithin)
            o.reportedServiceLevel = add(o.reportedServiceLevel, i.reportedServiceLevel.map { $0 * i.offered })
            slWeight[s, default: 0] += i.offered
            o.staffedAgents = add(o.staffedAgents, i.staffedAgents.map { $0 / parts })
            staffedParts[s, default: 0] += 1
            out[s] = o
        }
        for (s, var o) in out {
            let w = slWeight[s] ?? 0
            o.reportedServiceLevel = o.reportedServiceLevel.flatMap { w > 0 ? $0 / w : nil }
            // A coarse interval with parts missing has unknown staffing.
            if staffedParts[s] != Int(parts) { o.staffedAgents = nil }
            out[s] = o
        }
        var result = self
        result.intervalSeconds = seconds
        result.intervals = out
        return result
    }
}

extension ActualQueue {
    /// An interval export read by `ContactHistory`: every observed interval (absent ones are not
    /// actuals), with answered within, the reported service level and the staffed agents where
    /// the export has them. Unknown counts (empty cells) stay unknown.
    ///
    /// - Complexity: O(intervals).
    public init(_ series: IntervalSeries) {
        var intervals: [Int64: ActualInterval] = [:]
        func known(_ x: Double) -> Double? { x.isNaN ? nil : x }
        for i in series.indices where series.states[i] == .observed {
            let start = series.intervalStart(i)
            intervals[start] = ActualInterval(
                start: start, offered: series.offered[i], handled: known(series.handled[i]),
                abandoned: known(series.abandoned[i]), handleSeconds: known(series.handleSeconds[i]),
                answeredWithin: series.answeredWithin(i), reportedServiceLevel: series.reportedServiceLevel(i),
                staffedAgents: series.staffedAgents(i))
        }
        self.init(queue: series.queue, channel: series.channel, intervalSeconds: series.step, intervals: intervals)
    }
}
