import Batch
import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// One interval of the plan being monitored, as `intervals.csv` records it.
public struct PlannedInterval: Sendable, Hashable {
    /// Start, seconds since 1970 UTC.
    public var start: Int64
    /// The UTC offset written with the start, seconds.
    public var utcOffset: Int
    /// Forecast contacts (after the scenario's adjustments).
    public var volume: Double
    /// Forecast AHT, seconds.
    public var ahtSeconds: Double
    /// Agents the plan requires on the floor.
    public var agents: Int
    /// Agents the plan schedules (after shrinkage).
    public var scheduledAgents: Int
    /// The SL the plan expects from `agents` at the forecast (nil for deferred work).
    public var serviceLevel: Double?
}

/// One queue and channel of the plan being monitored.
public struct PlannedQueue: Sendable {
    public var queue: String
    public var channel: Channel
    public var timeZone: TimeZone
    public var intervalMinutes: Int
    /// The assumptions the queue was planned under (model, targets, shrinkage…).
    public var assumptions: PlanAssumptions
    /// The intervals, in time order.
    public var intervals: [PlannedInterval]
}

/// A plan directory written by `ccplan plan`, read for monitoring.
public struct PlanDirectory: Sendable {
    /// The directory.
    public var path: String
    /// The scenario being monitored.
    public var scenario: String
    /// The plan's title.
    public var title: String
    /// The planned queues of that scenario, sorted by queue and channel.
    public var queues: [PlannedQueue]
    /// SHA-256 of the file that describes the plan (`plan.json`).
    public var descriptionSHA256: String
    /// SHA-256 of `intervals.csv`.
    public var intervalsSHA256: String

    /// Reads `plan.json` and the scenario's rows of `intervals.csv`.
    ///
    /// - Throws: a ``FileIssue``: the directory is not a plan or lacks a file (naming it), a
    ///   malformed row (file:line:column), or the scenario does not exist (listing those that do).
    /// - Complexity: O(rows of intervals.csv).
    public static func read(path: String, scenario: String) throws(FileIssue) -> PlanDirectory {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw FileIssue(file: path, message: "is not a directory (expected a plan written by ccplan plan)")
        }
        let jsonPath = path + "/plan.json", intervalsPath = path + "/intervals.csv"
        if !FileManager.default.fileExists(atPath: jsonPath),
            FileManager.default.fileExists(atPath: path + "/manifest.json")
        {
            return try readBatch(path: path, scenario: scenario)
        }
        for (file, what) in [(jsonPath, "plan.json"), (intervalsPath, "intervals.csv")]
        where !FileManager.default.fileExists(atPath: file) {
            throw FileIssue(file: path, message: "is not a complete ccplan plan: \(what) is missing")
        }
        let description = try PlanDescription.read(path: jsonPath)
        guard description.scenarios[scenario] != nil else {
            throw FileIssue(
                file: jsonPath,
                message:
                    "the plan has no scenario '\(scenario)' (it has: \(description.scenarioNames.joined(separator: ", ")))"
            )
        }
        var byKey: [String: PlannedQueue] = [:]
        for q in description.queues {
            guard let a = description.assumptions(scenario: scenario, queue: q.queue, channel: q.channel) else {
                continue
            }
            byKey["\(q.queue)\u{1F}\(q.channel.rawValue)"] = PlannedQueue(
                queue: q.queue, channel: q.channel, timeZone: q.timeZone, intervalMinutes: q.intervalMinutes,
                assumptions: a, intervals: [])
        }
        try readIntervals(intervalsPath, scenario: scenario, into: &byKey)
        guard let jsonDigest = fileSHA256(jsonPath), let intervalsDigest = fileSHA256(intervalsPath) else {
            throw FileIssue(file: path, message: "cannot read the plan's files")
        }
        var queues = Array(byKey.values)
        for i in queues.indices { queues[i].intervals.sort { $0.start < $1.start } }
        queues.sort { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
        return PlanDirectory(
            path: path, scenario: scenario, title: description.title, queues: queues,
            descriptionSHA256: jsonDigest.hex, intervalsSHA256: intervalsDigest.hex)
    }

    /// Reads a directory written by `ccplan batch` or `ccplan merge`: its `manifest.json` (which
    /// must say `complete`) gives each planned queue's assumptions per scenario; the interval
    /// length of each queue is the spacing of its rows.
    ///
    /// - Throws: a ``FileIssue`` naming what is missing or damaged.
    /// - Complexity: O(rows of intervals.csv).
    static func readBatch(path: String, scenario: String) throws(FileIssue) -> PlanDirectory {
        let manifestPath = path + "/manifest.json", intervalsPath = path + "/intervals.csv"
        let manifest: BatchManifest
        switch BatchManifest.load(manifestPath) {
        case .missing: throw FileIssue(file: path, message: "is not a complete ccplan plan: manifest.json is missing")
        case .damaged(let why): throw FileIssue(file: manifestPath, message: why)
        case .manifest(let m): manifest = m
        }
        guard manifest.status == .complete else {
            throw FileIssue(
                file: manifestPath,
                message: "the batch is not complete (status \(manifest.status.rawValue)); review a complete run")
        }
        guard manifest.outputFiles.contains("intervals.csv"), FileManager.default.fileExists(atPath: intervalsPath)
        else {
            throw FileIssue(
                file: path,
                message:
                    "is not a complete ccplan plan: intervals.csv is missing (add it to the config's outputs.files)")
        }
        var byKey: [String: PlannedQueue] = [:]
        var scenarios = Set<String>()
        for q in manifest.queues where q.status == .planned {
            guard let channel = Channel(rawValue: q.channel) else { continue }
            for a in q.assumptions { scenarios.insert(a.scenario) }
            guard let a = q.assumptions.first(where: { $0.scenario == scenario })?.assumptions else { continue }
            byKey["\(q.queue)\u{1F}\(q.channel)"] = PlannedQueue(
                queue: q.queue, channel: channel, timeZone: TimeZone(identifier: "UTC")!, intervalMinutes: 0,
                assumptions: a, intervals: [])
        }
        guard !byKey.isEmpty else {
            let known = scenarios.sorted().joined(separator: ", ")
            throw FileIssue(
                file: manifestPath,
                message: scenarios.isEmpty
                    ? "the manifest records no queue's assumptions (written by a ccplan before 0.2: run the batch again)"
                    : "the plan has no scenario '\(scenario)' (it has: \(known))")
        }
        try readIntervals(intervalsPath, scenario: scenario, into: &byKey)
        guard let manifestDigest = fileSHA256(manifestPath), let intervalsDigest = fileSHA256(intervalsPath) else {
            throw FileIssue(file: path, message: "cannot read the plan's files")
        }
        var queues = Array(byKey.values)
        for i in queues.indices {
            queues[i].intervals.sort { $0.start < $1.start }
            var step = Int64.max
            for k in queues[i].intervals.indices.dropFirst() {
                step = min(step, queues[i].intervals[k].start - queues[i].intervals[k - 1].start)
            }
            queues[i].intervalMinutes = step == .max ? 30 : Int(step / 60)
        }
        queues.sort { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
        return PlanDirectory(
            path: path, scenario: scenario, title: "Batch plan (\(manifest.configPath))", queues: queues,
            descriptionSHA256: manifestDigest.hex, intervalsSHA256: intervalsDigest.hex)
    }

    /// The columns of `intervals.csv` monitoring needs.
    static let requiredColumns = [
        "scenario", "queue", "channel", "interval_start", "volume", "aht_seconds", "agents",
        "scheduled_agents", "service_level",
    ]

    static func readIntervals(_ path: String, scenario: String, into byKey: inout [String: PlannedQueue])
        throws(FileIssue)
    {
        var reader: CSVRecordReader
        do {
            reader = try CSVRecordReader(path: path)
            try reader.detectFormat()
        } catch { throw error.issue(in: path) }
        var column: [String: Int] = [:]
        var failure: FileIssue?
        var lastKey = "", lastQueue: String?
        do {
            try reader.forEachRecord { record in
                if column.isEmpty {
                    for c in 0..<record.count { column[record.trimmedString(c)] = c }
                    if let missing = requiredColumns.first(where: { column[$0] == nil }) {
                        failure = FileIssue(
                            file: path, line: record.line, column: 1,
                            message: "not a ccplan intervals.csv: column '\(missing)' is missing")
                        return false
                    }
                    return true
                }
                func fail(_ name: String, _ message: String) -> Bool {
                    let c = column[name]!
                    failure = FileIssue(file: path, line: record.line, column: record.column(of: c), message: message)
                    return false
                }
                guard record.count >= column.count else {
                    failure = FileIssue(
                        file: path, line: record.line, column: record.endColumn,
                        message: "expected \(column.count) fields, found \(record.count)")
                    return false
                }
                guard CSVInjection.restored(record.trimmedString(column["scenario"]!)) == scenario else { return true }
                let queue = CSVInjection.restored(record.trimmedString(column["queue"]!))
                let channel = record.trimmedString(column["channel"]!)
                let key = queue + "\u{1F}" + channel
                if key != lastKey {
                    guard byKey[key] != nil else {
                        return fail("queue", "queue \(queue)/\(channel) is not in plan.json")
                    }
                    lastKey = key
                    lastQueue = key
                }
                let start: Int64, offset: Int
                switch record.timestampParts(column["interval_start"]!) {
                case .success(let parts) where parts.offset != nil:
                    start = parts.instant!
                    offset = Int(parts.offset!)
                default: return fail("interval_start", "expected an ISO 8601 time with its offset")
                }
                func number(_ name: String) -> Double? {
                    if case .value(let v) = record.number(column[name]!, decimalComma: false) { return v }
                    return nil
                }
                guard let volume = number("volume"), let aht = number("aht_seconds"),
                    let agents = number("agents"), let scheduled = number("scheduled_agents")
                else { return fail("volume", "expected numbers in volume, aht_seconds, agents and scheduled_agents") }
                byKey[lastQueue!]!.intervals.append(
                    PlannedInterval(
                        start: start, utcOffset: offset, volume: volume, ahtSeconds: aht, agents: Int(agents),
                        scheduledAgents: Int(scheduled), serviceLevel: number("service_level")))
                return true
            }
        } catch let error as CSVSyntaxError {
            throw error.issue(in: path)
        } catch {
            throw FileIssue(file: path, message: "\(error)")
        }
        if let failure { throw failure }
    }
}
