import CCPlanBase
import Reporting

/// Everything `report.html` shows, as plain values: the renderer does no planning arithmetic
/// beyond scaling, aggregating for display and formatting.
///
/// Conventions used throughout:
/// - Times are epoch seconds (`Int64`) for positioning plus a ready-made, local-time display
///   label (the renderer never converts time zones).
/// - Service levels are fractions in 0...1 (0.8 is shown as "80.0%").
/// - Percent deltas are percentages (4.2 is shown as "+4.2%").
/// - Absent or non-finite numbers are shown as "–" and skipped in charts; "nan"/"inf" never appear.
/// - Order is significant: rows, sections, series and scenarios appear in the order given.
public struct PlanReportDocument: Sendable, Equatable {
    /// Main heading, e.g. "Capacity plan — Acme Contact Centre".
    public var title: String
    /// Second heading line, e.g. "History 2026-01-05 – 2026-03-01 · Horizon 13 weeks from 2026-03-02".
    public var subtitle: String
    /// The ccplan version that produced the plan, e.g. "0.4.0".
    public var ccplanVersion: String
    /// When the plan was generated, already formatted, e.g. "2026-03-01 18:04 UTC".
    public var generatedAt: String
    /// Headline figures shown as cards in the header (e.g. total FTE next month, expected SL, horizon).
    public var keyFigures: [KeyFigure]
    /// Per queue, channel and month totals.
    public var summary: [SummaryRow]
    /// One section per queue and channel.
    public var sections: [QueueSection]
    /// Scenario comparison; the base scenario has `isBase == true`.
    public var scenarios: [Scenario]
    /// Currency shown with scenario costs, e.g. "EUR" (empty: plain numbers).
    public var currency: String
    /// Assumptions and definitions used by the plan.
    public var assumptions: [Assumption]
    /// Data-quality summary per input series.
    public var dataQuality: [DataQualityEntry]
    /// Plan-level warnings, in display order.
    public var warnings: [String]

    /// Creates a document; every collection may be empty.
    public init(
        title: String,
        subtitle: String = "",
        ccplanVersion: String = "",
        generatedAt: String = "",
        keyFigures: [KeyFigure] = [],
        summary: [SummaryRow] = [],
        sections: [QueueSection] = [],
        scenarios: [Scenario] = [],
        currency: String = "",
        assumptions: [Assumption] = [],
        dataQuality: [DataQualityEntry] = [],
        warnings: [String] = []
    ) {
        self.title = title
        self.subtitle = subtitle
        self.ccplanVersion = ccplanVersion
        self.generatedAt = generatedAt
        self.keyFigures = keyFigures
        self.summary = summary
        self.sections = sections
        self.scenarios = scenarios
        self.currency = currency
        self.assumptions = assumptions
        self.dataQuality = dataQuality
        self.warnings = warnings
    }
}

extension PlanReportDocument {
    /// A headline figure in the report header, e.g. label "FTE next month", value "123.4",
    /// detail "April 2026, all queues" (the toolkit's ``ReportPage/KeyFigure``).
    public typealias KeyFigure = ReportPage.KeyFigure

    /// One row of the summary table: totals for a queue and channel in one month.
    public struct SummaryRow: Sendable, Equatable {
        public var queue: String
        public var channel: String
        /// Month label, e.g. "Apr 2026".
        public var month: String
        /// Forecast contacts offered in the month.
        public var volume: Double?
        /// Average FTE required in the month.
        public var fte: Double?
        /// Expected service level as a fraction (0...1).
        public var serviceLevel: Double?

        public init(queue: String, channel: String, month: String, volume: Double?, fte: Double?, serviceLevel: Double?)
        {
            self.queue = queue
            self.channel = channel
            self.month = month
            self.volume = volume
            self.fte = fte
            self.serviceLevel = serviceLevel
        }
    }

    /// A section for one queue and channel.
    public struct QueueSection: Sendable, Equatable {
        public var queue: String
        public var channel: String
        /// Optional one-line note under the heading, e.g. the forecasting model used.
        public var note: String
        /// Unit of the time series values, e.g. "Contacts per day".
        public var volumeUnit: String
        /// Daily history and forecast (daily totals are what the report charts), in time order.
        public var series: [SeriesPoint]
        /// Where the forecast starts; when nil, the first point without an actual value.
        public var forecastStart: Int64?
        /// Typical week, one point per interval (7 × intervals per day, closed intervals may be
        /// omitted or given as zeros), in display order.
        public var typicalWeek: [WeekInterval]
        /// Daily FTE over the horizon; the first series is the base, further series are scenarios.
        public var dailyFTE: [FTESeries]

        public init(
            queue: String,
            channel: String,
            note: String = "",
            volumeUnit: String = "Contacts per day",
            series: [SeriesPoint] = [],
            forecastStart: Int64? = nil,
            typicalWeek: [WeekInterval] = [],
            dailyFTE: [FTESeries] = []
        ) {
            self.queue = queue
            self.channel = channel
            self.note = note
            self.volumeUnit = volumeUnit
            self.series = series
            self.forecastStart = forecastStart
            self.typicalWeek = typicalWeek
            self.dailyFTE = dailyFTE
        }
    }

    /// One point of a history + forecast series.
    public struct SeriesPoint: Sendable, Equatable {
        /// Start of the period, epoch seconds (used for positioning only).
        public var time: Int64
        /// Local-time display label, e.g. "2026-03-02" or "Mon 2 Mar 2026".
        public var label: String
        /// Observed value, nil in the forecast horizon or when missing.
        public var actual: Double?
        /// Forecast (point) value, nil where there is none. Forecast values and the band are drawn
        /// from the section's forecast start on (in-sample fitted values before it are not shown).
        public var forecast: Double?
        /// Lower bound of the prediction band (p10).
        public var low: Double?
        /// Upper bound of the prediction band (p90).
        public var high: Double?

        public init(
            time: Int64, label: String, actual: Double? = nil, forecast: Double? = nil, low: Double? = nil,
            high: Double? = nil
        ) {
            self.time = time
            self.label = label
            self.actual = actual
            self.forecast = forecast
            self.low = low
            self.high = high
        }
    }

    /// One interval of the typical week.
    public struct WeekInterval: Sendable, Equatable {
        /// Weekday label, e.g. "Mon"; a change of label starts a new day in the chart.
        public var weekday: String
        /// Interval start label, e.g. "08:30".
        public var time: String
        /// Agents required to meet the target.
        public var required: Double
        /// Agents scheduled, nil when no schedule is known.
        public var scheduled: Double?

        public init(weekday: String, time: String, required: Double, scheduled: Double? = nil) {
            self.weekday = weekday
            self.time = time
            self.required = required
            self.scheduled = scheduled
        }
    }

    /// A daily FTE series (base or one scenario).
    public struct FTESeries: Sendable, Equatable {
        public var name: String
        public var points: [FTEPoint]

        public init(name: String, points: [FTEPoint]) {
            self.name = name
            self.points = points
        }
    }

    /// FTE required on one day.
    public struct FTEPoint: Sendable, Equatable {
        /// Start of the day, epoch seconds.
        public var time: Int64
        /// Date label, e.g. "2026-03-02".
        public var label: String
        public var fte: Double

        public init(time: Int64, label: String, fte: Double) {
            self.time = time
            self.label = label
            self.fte = fte
        }
    }

    /// One scenario in the comparison.
    public struct Scenario: Sendable, Equatable {
        public var name: String
        /// Optional short description, e.g. "+10% volume, AHT unchanged".
        public var description: String
        /// Average FTE over the horizon.
        public var fte: Double?
        /// Agent hours over the horizon.
        public var hours: Double?
        /// Cost over the horizon (in the document's currency), nil when unknown.
        public var cost: Double?
        /// Expected service level as a fraction (0...1).
        public var serviceLevel: Double?
        /// FTE change versus the base scenario, in percent (nil for the base itself).
        public var deltaVsBasePercent: Double?
        /// Whether this is the base scenario.
        public var isBase: Bool

        public init(
            name: String,
            description: String = "",
            fte: Double?,
            hours: Double?,
            cost: Double? = nil,
            serviceLevel: Double?,
            deltaVsBasePercent: Double? = nil,
            isBase: Bool = false
        ) {
            self.name = name
            self.description = description
            self.fte = fte
            self.hours = hours
            self.cost = cost
            self.serviceLevel = serviceLevel
            self.deltaVsBasePercent = deltaVsBasePercent
            self.isBase = isBase
        }
    }

    /// An assumption with its definition, e.g. ("Service level target", "80% within 20 s",
    /// "answered within threshold ÷ all offered; abandons count as misses").
    public struct Assumption: Sendable, Equatable {
        public var label: String
        public var value: String
        public var definition: String

        public init(label: String, value: String, definition: String = "") {
            self.label = label
            self.value = value
            self.definition = definition
        }
    }

    /// Data-quality figures for one input series.
    public struct DataQualityEntry: Sendable, Equatable {
        /// Series name, e.g. "Support · voice".
        public var series: String
        public var intervalsObserved: Int
        public var intervalsMissing: Int
        public var intervalsZero: Int
        /// First and last observed interval, display labels.
        public var first: String
        public var last: String
        public var warnings: [String]

        public init(
            series: String,
            intervalsObserved: Int,
            intervalsMissing: Int,
            intervalsZero: Int,
            first: String,
            last: String,
            warnings: [String] = []
        ) {
            self.series = series
            self.intervalsObserved = intervalsObserved
            self.intervalsMissing = intervalsMissing
            self.intervalsZero = intervalsZero
            self.first = first
            self.last = last
            self.warnings = warnings
        }
    }
}
