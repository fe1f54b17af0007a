import CCPlanBase
import Foundation

/// The contact channel of a series.
public enum Channel: String, CaseIterable, Comparable, Hashable, Sendable {
    case voice
    case chat
    case email

    public static func < (a: Channel, b: Channel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The columns ccplan understands, by their canonical (lowercase) header names.
///
/// Header names match case-insensitively and in any order; `offered` also answers to `volume`,
/// `calls` and `contacts`. Handle time is given once: as `aht_seconds` (mean per handled
/// contact), as `handle_seconds` (total), or as component totals (`talk_seconds`,
/// `hold_seconds`, `acw_seconds`) or component means (`avg_talk_seconds`, `avg_hold_seconds`,
/// `avg_acw_seconds`, per handled contact).
public enum CanonicalField: String, CaseIterable, Hashable, Sendable, Comparable {
    case intervalStart = "interval_start"
    case queue
    case channel
    case intervalMinutes = "interval_minutes"
    case offered
    case handled
    case abandoned
    case ahtSeconds = "aht_seconds"
    case handleSeconds = "handle_seconds"
    case talkSeconds = "talk_seconds"
    case holdSeconds = "hold_seconds"
    case acwSeconds = "acw_seconds"
    case avgTalkSeconds = "avg_talk_seconds"
    case avgHoldSeconds = "avg_hold_seconds"
    case avgAcwSeconds = "avg_acw_seconds"
    /// Mean time offered contacts waited in queue (answered or abandoned), seconds: with
    /// `abandoned`, it lets a plan estimate the callers' patience (Erlang A).
    case waitSeconds = "wait_seconds"
    /// Contacts answered within the service-level threshold (actuals for `ccplan monitor`).
    case answeredWithin = "answered_within"
    /// The service level as the platform reports it: a fraction (`0.85`) or a percentage (`85%`).
    case serviceLevel = "service_level"
    /// Mean agents available to take contacts during the interval.
    case staffedAgents = "staffed_agents"
    /// Their total time in the interval, seconds (or `[h:]mm:ss`): staffed agents × interval length.
    case staffedSeconds = "staffed_seconds"

    /// Other header names that mean this field in every file.
    public var aliases: [String] {
        self == .offered ? ["volume", "calls", "contacts"] : []
    }

    /// Whether the field holds a handle time (which may be written `[h:]mm:ss`).
    var isHandleTime: Bool {
        switch self {
        case .ahtSeconds, .handleSeconds, .talkSeconds, .holdSeconds, .acwSeconds,
            .avgTalkSeconds, .avgHoldSeconds, .avgAcwSeconds, .waitSeconds, .staffedSeconds:
            return true
        default:
            return false
        }
    }

    public static func < (a: CanonicalField, b: CanonicalField) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The export header names of a contact-centre platform, mapped onto canonical fields.
public enum VendorProfile: String, CaseIterable, Sendable {
    /// Genesys Cloud WFM historical import: `Interval Start UTC Date`, `Queue`, `Media Type`,
    /// `Offered`, `Interactions Handled`, `Total Handle Time (Seconds)`. Media types `callback`
    /// count as voice and `message` as chat.
    case genesys
    /// Amazon Connect historical metrics: `StartInterval`, `Queue`, `Channel`,
    /// `CONTACTS_HANDLED`, `CONTACTS_ABANDONED`, `AVG_HANDLE_TIME`, optionally `CONTACTS_QUEUED`
    /// as offered; without it, offered = handled + abandoned.
    case connect
    /// NICE CXone: `Interval Start`, `Skill Name`, `Media Type`, `OfferedContacts`,
    /// `AnsweredContacts`, `AbandonedContacts`, `AverageHandleTime` (seconds or `[h:]mm:ss`).
    case nice
    /// Avaya CMS split/skill interval report: `Interval Start`, `Split/Skill`, `ACD CALLS`,
    /// `ABAN CALLS`, `AVG TALK TIME`, `AVG AFTER CALL` (seconds or `mm:ss`), optionally
    /// `CALLS OFFERED`; without it, offered = ACD calls + abandoned calls.
    case avayaCMS = "avaya-cms"

    /// The export headers (lowercase) of each canonical field.
    public var headers: [CanonicalField: [String]] {
        switch self {
        case .genesys:
            return [
                .intervalStart: ["interval start utc date", "interval start"],
                .queue: ["queue", "queue name"], .channel: ["media type"], .offered: ["offered"],
                .handled: ["interactions handled"], .abandoned: ["abandoned"],
                .handleSeconds: ["total handle time (seconds)"],
                .serviceLevel: ["service level %", "service level"],
            ]
        case .connect:
            return [
                .intervalStart: ["startinterval", "start interval", "interval_start"],
                .queue: ["queue"], .channel: ["channel"], .offered: ["contacts_queued", "contacts queued"],
                .handled: ["contacts_handled", "contacts handled"],
                .abandoned: ["contacts_abandoned", "contacts abandoned"],
                .ahtSeconds: ["avg_handle_time", "average handle time"],
                .serviceLevel: ["service_level", "service level"],
            ]
        case .nice:
            return [
                .intervalStart: ["interval start", "intervalstart"],
                .queue: ["skill name", "skillname", "skill"], .channel: ["media type", "mediatype"],
                .offered: ["offeredcontacts", "offered contacts"],
                .handled: ["answeredcontacts", "answered contacts"],
                .abandoned: ["abandonedcontacts", "abandoned contacts"],
                .ahtSeconds: ["averagehandletime", "average handle time"],
                .serviceLevel: ["servicelevel", "service level"],
            ]
        case .avayaCMS:
            return [
                .intervalStart: ["interval start", "date time"],
                .queue: ["split/skill", "split", "skill"], .offered: ["calls offered"],
                .handled: ["acd calls"], .abandoned: ["aban calls"],
                .avgTalkSeconds: ["avg talk time"], .avgHoldSeconds: ["avg hold time"],
                .avgAcwSeconds: ["avg after call"],
                .serviceLevel: ["% within service level", "within service level"],
                .staffedAgents: ["avg staffed", "staffed"],
            ]
        }
    }

    /// Whether offered is handled + abandoned when the export has no offered column.
    public var derivesOffered: Bool { self == .connect || self == .avayaCMS }

    /// Channel names of the platform that stand for a canonical channel.
    public var channelAliases: [String: Channel] {
        self == .genesys ? ["callback": .voice, "message": .chat] : [:]
    }
}

/// What to do with two rows for the same queue, channel and interval.
public enum DuplicatePolicy: String, CaseIterable, Sendable {
    /// Refuse the file (the default).
    case error
    /// Add the counts and handle times of the rows.
    case sum
    /// Keep the row that comes last in file order.
    case last
}

/// What to do with a row whose local interval start falls in a spring-forward gap (a time the
/// clocks skip, such as 02:30 on the night summer time starts) and that carries contacts.
///
/// Rows in the gap that carry no contacts (offered 0, handled and abandoned 0 or empty) are always
/// dropped and counted: many ACDs write a fixed 48 rows a day, so an export has such rows on every
/// spring-forward night.
public enum DSTGapPolicy: String, CaseIterable, Sendable {
    /// Refuse the row (the default): a time that does not exist cannot be placed.
    case error
    /// Read the row with the UTC offset in force before the change, which moves it later by the
    /// length of the gap (02:30 → 03:30 in Europe/Berlin), as java.time does; where that meets
    /// another row of the same interval, `DuplicatePolicy` decides.
    case shift
}

/// What to do with an absurd count (see `OutlierRule`).
public enum OutlierPolicy: String, CaseIterable, Sendable {
    /// Refuse the history, naming each outlier's row (the default).
    case refuse
    /// Keep the values and list them in the quality report (`--accept-outliers`).
    case accept
}

/// Bounds on the memory a history takes, so that a small file cannot claim gigabytes.
///
/// A series is a grid of every interval from its first to its last row; absent intervals cost as
/// much memory as observed ones (33 bytes each, 41 with waits). A few rows far apart in time (1960
/// and 2027 on a 1-minute grid: 35 million intervals from a 102-byte file) would take gigabytes,
/// so the total grid of a history is bounded by its number of rows.
public struct HistoryLimits: Sendable, Equatable {
    /// Grids of up to this many intervals in total are never refused for being sparse.
    public var sparseGridFloor: Int
    /// Beyond `sparseGridFloor`, the total grid may hold at most this many intervals per row read
    /// (32: at most 97 % of the grid absent).
    public var intervalsPerRow: Int
    /// The most intervals one series may span.
    public var maximumSeriesIntervals: Int
    /// The most intervals all series together may span.
    public var maximumTotalIntervals: Int

    /// The defaults: 1,000,000 intervals free, then 32 per row; 50 million per series and
    /// 200 million in total.
    public init(
        sparseGridFloor: Int = 1_000_000, intervalsPerRow: Int = 32,
        maximumSeriesIntervals: Int = 50_000_000, maximumTotalIntervals: Int = 200_000_000
    ) {
        self.sparseGridFloor = sparseGridFloor
        self.intervalsPerRow = intervalsPerRow
        self.maximumSeriesIntervals = maximumSeriesIntervals
        self.maximumTotalIntervals = maximumTotalIntervals
    }
}

/// How to read history files.
public struct HistoryReadOptions: Sendable {
    /// The IANA time zone of local timestamps and of the series (default UTC). Setting it also
    /// sets `timeZoneName` to the zone's identifier.
    public var timeZone: TimeZone {
        didSet { timeZoneName = timeZone.identifier }
    }
    /// The zone's name as the user gave it, for reports and messages (Foundation on Linux calls
    /// `UTC` "GMT").
    public var timeZoneName: String
    /// The vendor profile whose headers are understood besides the canonical ones.
    public var profile: VendorProfile?
    /// Explicit header names for canonical fields; they win over every other match.
    public var mappings: [CanonicalField: String]
    /// What to do with duplicate rows.
    public var onDuplicate: DuplicatePolicy
    /// What to do with rows that carry contacts inside a spring-forward gap.
    public var dstGap: DSTGapPolicy
    /// What to do with absurd counts.
    public var outliers: OutlierPolicy
    /// Memory bounds.
    public var limits: HistoryLimits

    /// Creates options; the defaults read canonical files in UTC and refuse duplicates, rows with
    /// contacts in a DST gap, and outliers.
    ///
    /// - Parameters:
    ///   - timeZone: the zone of local timestamps; nil for UTC.
    ///   - timeZoneName: its name as shown; by default "UTC" for nil, else the zone's identifier.
    public init(
        timeZone: TimeZone? = nil,
        timeZoneName: String? = nil,
        profile: VendorProfile? = nil,
        mappings: [CanonicalField: String] = [:],
        onDuplicate: DuplicatePolicy = .error,
        dstGap: DSTGapPolicy = .error,
        outliers: OutlierPolicy = .refuse,
        limits: HistoryLimits = HistoryLimits()
    ) {
        self.timeZone = timeZone ?? TimeZone(identifier: "UTC")!
        self.timeZoneName = timeZoneName ?? (timeZone == nil ? "UTC" : self.timeZone.identifier)
        self.profile = profile
        self.mappings = mappings
        self.onDuplicate = onDuplicate
        self.dstGap = dstGap
        self.outliers = outliers
        self.limits = limits
    }

    /// Parses one `--map` value, `canonical=Header`.
    ///
    /// - Returns: the field and the header, or a message saying what was expected.
    /// - Complexity: O(*n*) in the length of the text.
    public static func parseMapping(_ text: String) -> Result<(CanonicalField, String), MappingError> {
        guard let eq = text.firstIndex(of: "=") else {
            return .failure(MappingError(message: "expected canonical=Header, found \"\(text)\""))
        }
        let name = String(text[..<eq]).trimmingSpaces.lowercased()
        let header = String(text[text.index(after: eq)...])
        guard let field = CanonicalField(rawValue: name) else {
            let names = CanonicalField.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(MappingError(message: "unknown canonical field \"\(name)\"; expected one of \(names)"))
        }
        guard !header.trimmingSpaces.isEmpty else {
            return .failure(MappingError(message: "expected a header name after \"\(name)=\""))
        }
        return .success((field, header))
    }
}

/// A `--map` value that is not `canonical=Header`.
public struct MappingError: Error, Sendable, CustomStringConvertible {
    /// What was expected.
    public var message: String
    public var description: String { message }
}
