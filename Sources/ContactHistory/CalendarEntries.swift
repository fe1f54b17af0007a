import CCPlanBase

/// A day on which a queue (or every queue) is closed or special: a public holiday, a site
/// closure. Holidays files have the columns `date,name[,queue]`.
public struct Holiday: Sendable, Hashable {
    /// The local date.
    public var date: CivilDate
    /// Its name.
    public var name: String
    /// The queue it applies to; nil for every queue.
    public var queue: String?

    public init(date: CivilDate, name: String, queue: String? = nil) {
        self.date = date
        self.name = name
        self.queue = queue
    }
}

/// A period in which a queue's volume (or every queue's) is multiplied by a factor: a campaign,
/// a mailing, a launch. Events files have the columns `start,end,queue,factor`.
public struct VolumeEvent: Sendable, Hashable {
    /// The first and last local dates, inclusive.
    public var start: CivilDate, end: CivilDate
    /// The queue it applies to; nil for every queue.
    public var queue: String?
    /// The volume multiplier.
    public var factor: Double

    public init(start: CivilDate, end: CivilDate, queue: String?, factor: Double) {
        self.start = start
        self.end = end
        self.queue = queue
        self.factor = factor
    }

    /// Whether the event applies to `queue` on `date`.
    public func applies(to queue: String, on date: CivilDate) -> Bool {
        (self.queue == nil || self.queue == queue) && date >= start && date <= end
    }
}
