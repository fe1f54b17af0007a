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

    /// Other header names that mean this field in every file.
    public var aliases: [String] {
        self == .offered ? ["volume", "calls", "contacts"] : []
    }

    /// Whether the field holds a handle time (which may be written `[h:]mm:ss`).
    var isHandleTime: Bool {
        switch self {
        case .ahtSeconds, .handleSeconds, .talkSeconds, .holdSeconds, .acwSeconds,
             .avgTalkSeconds, .avgHoldSeconds, .avgAcwSeconds, .waitSeconds:
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
            ]
        case .connect:
            return [
                .intervalStart: ["startinterval", "start interval", "interval_start"],
                .queue: ["queue"], .channel: ["channel"], .offered: ["contacts_queued", "contacts queued"],
                .handled: ["contacts_handled", "contacts handled"],
                .abandoned: ["contacts_abandoned", "contacts abandoned"],
                .ahtSeconds: ["avg_handle_time", "average handle time"],
            ]
        case .nice:
            return [
                .intervalStart: ["interval start", "intervalstart"],
                .queue: ["skill name", "skillname", "skill"], .channel: ["media type", "mediatype"],
                .offered: ["offeredcontacts", "offered contacts"],
                .handled: ["answeredcontacts", "answered contacts"],
                .abandoned: ["abandonedcontacts", "abandoned contacts"],
                .ahtSeconds: ["averagehandletime", "average handle time"],
            ]
        case .avayaCMS:
            return [
                .intervalStart: ["interval start", "date time"],
                .queue: ["split/skill", "split", "skill"], .offered: ["calls offered"],
                .handled: ["acd calls"], .abandoned: ["aban calls"],
                .avgTalkSeconds: ["avg talk time"], .avgHoldSeconds: ["avg hold time"],
                .avgAcwSeconds: ["avg after call"],
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

/// How to read history files.
public struct HistoryReadOptions: Sendable {
    /// The IANA time zone of local timestamps and of the series (default UTC).
    public var timeZone: TimeZone
    /// The vendor profile whose headers are understood besides the canonical ones.
    public var profile: VendorProfile?
    /// Explicit header names for canonical fields; they win over every other match.
    public var mappings: [CanonicalField: String]
    /// What to do with duplicate rows.
    public var onDuplicate: DuplicatePolicy

    /// Creates options; the defaults read canonical files in UTC and refuse duplicates.
    public init(
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        profile: VendorProfile? = nil,
        mappings: [CanonicalField: String] = [:],
        onDuplicate: DuplicatePolicy = .error
    ) {
        self.timeZone = timeZone
        self.profile = profile
        self.mappings = mappings
        self.onDuplicate = onDuplicate
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
