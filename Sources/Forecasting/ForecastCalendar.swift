import CCPlanBase

/// Special days and events: what a planner knows about the calendar that the history cannot show.
///
/// - `closedDates`: the centre is closed (public holidays). Excluded from training; forecast
///   exactly 0. The day right after a closed date gets its own effect in the regression and SVD
///   models (the catch-up of deferred calls, e.g. the Tuesday after Labor Day), learnt from past
///   closures in the history.
/// - `specialDays`: open but unusual days, labelled (e.g. "christmas-eve"). Excluded from training
///   by every model except ``FixedEffectsRegression``, which estimates one effect per label and
///   applies it to future days with that label.
/// - `events`: date ranges with a multiplicative factor on the forecast (campaigns, mailings).
public struct ForecastCalendar: Sendable, Equatable {
    /// Days on which the centre is closed.
    public var closedDates: Set<CivilDate>
    /// Open but unusual days and their label.
    public var specialDays: [CivilDate: String]
    /// Multiplicative adjustments applied to the forecast.
    public var events: [ForecastEvent]

    /// A calendar; every part defaults to empty.
    public init(closedDates: Set<CivilDate> = [], specialDays: [CivilDate: String] = [:], events: [ForecastEvent] = [])
    {
        self.closedDates = closedDates
        self.specialDays = specialDays
        self.events = events
    }

    /// An empty calendar.
    public static let none = ForecastCalendar()

    /// The product of the factors of all events covering (date, slot); 1 when none does.
    ///
    /// - Complexity: O(events.count).
    public func eventFactor(date: CivilDate, slot: Int) -> Double {
        var f = 1.0
        for e in events where e.dates.contains(date) && (e.slots?.contains(slot) ?? true) { f *= e.factor }
        return f
    }
}

/// A campaign, mailing or billing run: the forecast on `dates` (and `slots`, if given) is
/// multiplied by `factor`.
public struct ForecastEvent: Sendable, Equatable {
    /// A name for reports.
    public var name: String
    /// The dates covered, inclusive.
    public var dates: ClosedRange<CivilDate>
    /// The slots covered; `nil` for the whole day.
    public var slots: Range<Int>?
    /// The multiplicative factor (1.2 = 20 % more contacts); must be finite and non-negative.
    public var factor: Double

    /// An event.
    public init(name: String, dates: ClosedRange<CivilDate>, slots: Range<Int>? = nil, factor: Double) {
        self.name = name
        self.dates = dates
        self.slots = slots
        self.factor = factor
    }
}
