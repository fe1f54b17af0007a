import CCPlanBase
import ContactHistory
import Foundation

/// What happened to one contact that was offered to a queue.
public enum ContactOutcome: String, Sendable, Hashable {
    case answered, abandoned
}

/// The columns of a per-contact file (one row per contact, as call-detail records and ACD
/// "contact trace" exports list them), by their canonical names.
public enum ContactField: String, Sendable, Hashable, CaseIterable {
    /// When the contact entered the queue (ISO 8601, local or with an offset). Required.
    case arrival
    /// The queue (default `default`).
    case queue
    /// `voice`, `chat` or `email` (default `voice`).
    case channel
    /// Seconds waited in the queue until answer or abandon. Required.
    case waitSeconds = "wait_seconds"
    /// Seconds of handling (talk, hold and wrap-up) of an answered contact.
    case handleSeconds = "handle_seconds"
    /// `answered` or `abandoned` (see ``ContactRecordOptions/outcomes``). Required.
    case outcome
    /// 1 when the contact was offered to an agent queue, 0 when it never was (it hung up in the
    /// IVR): rows with 0 are skipped. Optional.
    case offered

    /// Header names recognised without `--map` (lowercase).
    var aliases: [String] {
        switch self {
        case .arrival: return ["arrival", "arrival_ts", "arrival_time", "arrived_at", "queue_start", "timestamp"]
        case .queue: return ["queue", "queue_name", "skill"]
        case .channel: return ["channel", "media", "media_type"]
        case .waitSeconds: return ["wait_seconds", "wait", "queue_seconds", "queue_sec", "queue_time"]
        case .handleSeconds: return ["handle_seconds", "handle_sec", "handle_time", "handle"]
        case .outcome: return ["outcome", "result", "disposition"]
        case .offered: return ["offered"]
        }
    }
}

/// How to read per-contact files.
public struct ContactRecordOptions: Sendable {
    /// The zone of timestamps written without an offset.
    public var timeZone: TimeZone
    /// Canonical field → header name, overriding the aliases (`--map wait_seconds=queue_sec`).
    public var mappings: [ContactField: String] = [:]
    /// Outcome texts (lowercase) → outcome; texts mapped to nil are skipped (e.g. `transfer`).
    /// Built in: answered, handled, agent, served, connected; abandoned, abandon, hang, hangup,
    /// hung_up, lost.
    public var outcomes: [String: ContactOutcome?] = ContactRecordOptions.builtInOutcomes

    public static let builtInOutcomes: [String: ContactOutcome?] = [
        "answered": .answered, "handled": .answered, "agent": .answered, "served": .answered, "connected": .answered,
        "abandoned": .abandoned, "abandon": .abandoned, "hang": .abandoned, "hangup": .abandoned,
        "hung_up": .abandoned, "lost": .abandoned,
    ]

    public init(timeZone: TimeZone) { self.timeZone = timeZone }
}

/// Contacts of one queue and channel aggregated into the intervals of their arrival.
public struct ContactIntervals: Sendable {
    public var queue: String
    public var channel: Channel
    /// The interval length, seconds.
    public var intervalSeconds: Int64
    /// Per interval start (UTC seconds): the counts.
    public var intervals: [Int64: Counts]
    /// Σ waits of every queued contact (answered, abandoned, zero waits included), seconds.
    public var totalWaitSeconds: Double
    /// Abandoned contacts.
    public var abandons: Int

    /// The counts of one interval.
    public struct Counts: Sendable, Hashable {
        public var offered = 0
        public var answered = 0
        public var abandoned = 0
        /// Answered within the threshold (wait ≤ t).
        public var answeredWithin = 0
        /// Abandoned within the threshold (wait ≤ t).
        public var abandonedWithin = 0
        /// Σ handle seconds of answered contacts.
        public var handleSeconds = 0.0

        public init() {}
    }

    /// The callers' mean patience by the exponential maximum-likelihood estimate with censoring:
    /// served callers are right-censored at their wait, so θ̂ = Σ abandons / Σ waits of all queued
    /// callers and the mean patience is 1/θ̂ (Mandelbaum & Zeltyn; `shared/docs` monitoring §4).
    /// nil without abandons.
    public var patienceSeconds: Double? { abandons > 0 ? totalWaitSeconds / Double(abandons) : nil }

    /// The standard error of the patience estimate by the delta method: SE(θ̂) ≈ θ̂/√abandons, so
    /// SE(1/θ̂) ≈ (1/θ̂)/√abandons.
    public var patienceStandardError: Double? { patienceSeconds.map { $0 / Double(abandons).squareRoot() } }
}

/// Reads per-contact files and aggregates them into intervals by arrival.
public enum ContactRecords {
    /// The threshold and interval length for a queue, from the plan being monitored.
    public typealias Grid = (_ queue: String, _ channel: Channel) -> (intervalSeconds: Int64, answerWithin: Double)

    /// Reads `paths` (each with a header) and aggregates every offered contact into the interval
    /// of its arrival, on the grid the plan gives for its queue.
    ///
    /// Every row is checked: an unreadable timestamp, a negative or non-numeric wait or handle
    /// time, an unknown outcome or channel is an issue at `file:line:column`, and nothing is
    /// returned when there is any (at most 20 listed).
    ///
    /// - Complexity: O(rows), memory O(intervals with contacts).
    public static func aggregate(_ paths: [String], options: ContactRecordOptions, grid: Grid) throws(HistoryError)
        -> [ContactIntervals]
    {
        var issues: [FileIssue] = []
        var issueCount = 0
        func add(_ issue: FileIssue) {
            issueCount += 1
            if issues.count < HistoryError.listedLimit { issues.append(issue) }
        }
        struct Key: Hashable { var queue: String; var channel: Channel }
        var groups: [Key: ContactIntervals] = [:]
        var gridCache: [Key: (Int64, Double)] = [:]
        for path in paths {
            var reader: CSVRecordReader
            do {
                reader = try CSVRecordReader(path: path)
                try reader.detectFormat()
            } catch {
                add(error.issue(in: path))
                continue
            }
            var columns: [ContactField: Int]?
            var clock = ZoneClock(options.timeZone)
            let decimalComma = reader.delimiter == UInt8(ascii: ";")
            var sawRow = false
            do {
                try reader.forEachRecord { record in
                    guard let map = columns else {
                        let names = (0..<record.count).map { record.trimmedString($0).lowercased() }
                        var found: [ContactField: Int] = [:]
                        for field in ContactField.allCases {
                            let wanted = options.mappings[field].map { [$0.lowercased()] } ?? field.aliases
                            if let c = names.firstIndex(where: { wanted.contains($0) }) { found[field] = c }
                        }
                        for required in [ContactField.arrival, .waitSeconds, .outcome] where found[required] == nil {
                            let how =
                                options.mappings[required].map { "'\($0)'" }
                                ?? "'\(required.rawValue)' (or --map \(required.rawValue)=HEADER)"
                            add(FileIssue(file: path, line: record.line, column: 1, message: "missing column \(how)"))
                        }
                        columns = found
                        return issueCount == 0
                    }
                    sawRow = true
                    func issue(_ field: ContactField, _ message: String) {
                        let c = map[field] ?? 0
                        add(FileIssue(file: path, line: record.line, column: record.column(of: c), message: message))
                    }
                    func text(_ field: ContactField) -> String? {
                        guard let c = map[field], c < record.count else { return nil }
                        return record.trimmedString(c)
                    }
                    if let c = map[.offered], c < record.count {
                        switch record.number(c, decimalComma: false) {
                        case .value(0): return true
                        case .value(1), .empty: break
                        default: issue(.offered, "expected 0 or 1, found \(record.quoted(c))"); return true
                        }
                    }
                    let outcomeText = (text(.outcome) ?? "").lowercased()
                    guard let mapped = options.outcomes[outcomeText] else {
                        issue(
                            .outcome,
                            "unknown outcome \(record.quoted(map[.outcome]!)) (expected answered or abandoned; map others with --outcome TEXT=answered|abandoned|skip)"
                        )
                        return true
                    }
                    guard let outcome = mapped else { return true }
                    guard let arrivalColumn = map[.arrival], arrivalColumn < record.count else {
                        issue(.arrival, "missing arrival time"); return true
                    }
                    let instant: Int64
                    switch record.timestampParts(arrivalColumn) {
                    case .failure(let error):
                        issue(.arrival, "\(error), found \(record.quoted(arrivalColumn))"); return true
                    case .success(let parts):
                        if let t = parts.instant {
                            instant = t
                        } else {
                            switch clock.resolve(local: parts.local) {
                            case .unique(let t), .ambiguous(let t, _): instant = t
                            case .gap:
                                issue(
                                    .arrival,
                                    "\(record.quoted(arrivalColumn)) does not exist in \(options.timeZone.identifier) (daylight-saving gap)"
                                )
                                return true
                            }
                        }
                    }
                    func seconds(_ field: ContactField, required: Bool) -> Double? {
                        guard let c = map[field], c < record.count else { return required ? nil : 0 }
                        switch record.number(c, decimalComma: decimalComma, allowDuration: true) {
                        case .value(let v) where v >= 0: return v
                        case .empty where !required: return 0
                        default:
                            issue(field, "expected seconds ≥ 0 for \(field.rawValue), found \(record.quoted(c))")
                            return nil
                        }
                    }
                    guard let wait = seconds(.waitSeconds, required: true),
                        let handle = seconds(.handleSeconds, required: false)
                    else { return true }
                    let queue = CSVInjection.restored(text(.queue).flatMap { $0.isEmpty ? nil : $0 } ?? "default")
                    let channelText = (text(.channel) ?? "").lowercased()
                    guard let channel = channelText.isEmpty ? .voice : Channel(rawValue: channelText) else {
                        issue(
                            .channel, "unknown channel \(record.quoted(map[.channel]!)) (expected voice, chat or email)"
                        )
                        return true
                    }
                    let key = Key(queue: queue, channel: channel)
                    let (step, threshold): (Int64, Double)
                    if let cached = gridCache[key] {
                        (step, threshold) = cached
                    } else {
                        let g = grid(queue, channel)
                        (step, threshold) = (max(60, g.intervalSeconds), g.answerWithin)
                        gridCache[key] = (step, threshold)
                    }
                    let start = floorDiv(instant, step) * step
                    var group =
                        groups[key]
                        ?? ContactIntervals(
                            queue: queue, channel: channel, intervalSeconds: step, intervals: [:], totalWaitSeconds: 0,
                            abandons: 0)
                    var counts = group.intervals[start] ?? ContactIntervals.Counts()
                    counts.offered += 1
                    switch outcome {
                    case .answered:
                        counts.answered += 1
                        counts.handleSeconds += handle
                        if wait <= threshold { counts.answeredWithin += 1 }
                    case .abandoned:
                        counts.abandoned += 1
                        if wait <= threshold { counts.abandonedWithin += 1 }
                        group.abandons += 1
                    }
                    group.totalWaitSeconds += wait
                    group.intervals[start] = counts
                    groups[key] = group
                    return true
                }
            } catch let error as CSVSyntaxError {
                add(error.issue(in: path))
            } catch {
                add(FileIssue(file: path, message: "\(error)"))
            }
            if columns == nil {
                add(FileIssue(file: path, message: "the file is empty (no header line)"))
            } else if !sawRow && issueCount == 0 {
                add(FileIssue(file: path, line: 1, column: 1, message: "the file has a header but no contacts"))
            }
        }
        if issueCount > 0 { throw HistoryError(issues: issues, totalCount: issueCount) }
        return groups.values.sorted { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
    }
}

extension ContactRecordOptions {
    /// Parses one `--map` value for per-contact files, `field=Header`; nil with a message when the
    /// field is not one of ``ContactField``.
    public static func parseMapping(_ text: String) -> Result<(ContactField, String), FileIssue> {
        func bad(_ m: String) -> Result<(ContactField, String), FileIssue> {
            .failure(FileIssue(file: "--map", message: m))
        }
        guard let eq = text.firstIndex(of: "=") else { return bad("expected field=Header, found \"\(text)\"") }
        let name = String(text[..<eq]).trimmingSpaces.lowercased()
        let header = String(text[text.index(after: eq)...]).trimmingSpaces
        guard let field = ContactField(rawValue: name) else {
            return bad(
                "unknown per-contact field \"\(name)\"; expected one of \(ContactField.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        guard !header.isEmpty else { return bad("expected a header name after \"\(name)=\"") }
        return .success((field, header))
    }

    /// Parses one `--outcome` value, `TEXT=answered|abandoned|skip`.
    public static func parseOutcome(_ text: String) -> Result<(String, ContactOutcome?), FileIssue> {
        guard let eq = text.lastIndex(of: "=") else {
            return .failure(
                FileIssue(file: "--outcome", message: "expected TEXT=answered|abandoned|skip, found \"\(text)\""))
        }
        let value = String(text[..<eq]).trimmingSpaces.lowercased()
        switch String(text[text.index(after: eq)...]).trimmingSpaces.lowercased() {
        case "answered": return .success((value, .answered))
        case "abandoned": return .success((value, .abandoned))
        case "skip": return .success((value, nil))
        default:
            return .failure(
                FileIssue(file: "--outcome", message: "expected TEXT=answered|abandoned|skip, found \"\(text)\""))
        }
    }
}
