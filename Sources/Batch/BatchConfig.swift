import CCPlanBase
import ContactHistory
import Foundation
import Planning
import Yams

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One assumption setting as written in the config, with where it was written.
public struct BatchSetting: Sendable, Hashable {
    public var key: String
    public var value: String
    public var line: Int
    public var column: Int
}

/// A `groups:` entry: settings (and optionally a scenario file) for every queue it matches.
public struct BatchGroup: Sendable, Hashable {
    public var name: String
    /// fnmatch(3) patterns on the queue name (any of them matches).
    public var queuePatterns: [String]
    /// The channel, or nil for every channel.
    public var channel: Channel?
    public var settings: [BatchSetting]
    /// A scenario file replacing the top-level one for these queues (absolute path).
    public var scenarioPath: String?

    public func matches(queue: String, channel: Channel) -> Bool {
        if let c = self.channel, c != channel { return false }
        return queuePatterns.contains { fnmatch($0, queue, 0) == 0 }
    }
}

/// The configuration of `ccplan batch` (YAML). See the README section "Unattended runs".
///
/// ```yaml
/// version: 1
/// inputs:
///   history: [ "history/*.csv" ]   # files or glob(3) patterns, relative to this file
///   timezone: Europe/Berlin
///   holidays: holidays.csv
///   events: events.csv
/// forecast: { horizon: 4w, model: auto, quantiles: [0.1, 0.9] }
/// assumptions: { target_sl: 80%, answer_within: 20s, shrinkage: 30% }
/// scenarios: scenarios.yaml
/// groups:
///   - { name: chat, match: "webchat*", channel: chat, assumptions: { concurrency: 2.5 } }
/// queues:
///   vip: { target_sl: 90%, answer_within: 10s }
/// outputs: { dir: batch-output }
/// ```
public struct BatchConfig: Sendable {
    /// The config file (as given) and its directory (relative paths resolve against it).
    public var path: String
    public var directory: String
    /// The raw bytes' SHA-256 (recorded in manifests; merges refuse mixed configs).
    public var sha256: String

    /// History patterns (absolute), or forecast patterns.
    public var historyPatterns: [String] = []
    public var forecastPatterns: [String] = []
    public var readOptions = HistoryReadOptions()
    public var holidaysPath: String?
    public var eventsPath: String?
    /// Every input file holds one queue (any channels): a shard then identifies a file by its
    /// first row instead of scanning it whole, and a file holding several queues fails.
    public var oneQueuePerFile = false

    public var horizonSeconds: Double = 4 * 7 * 86_400
    public var start: String?
    public var model: ModelChoice = .auto
    public var quantileLevels: [Double] = [0.1, 0.9]
    public var defaultAHT: Double?

    public var baseSettings: [BatchSetting] = []
    public var scenarioPath: String?
    public var groups: [BatchGroup] = []
    /// Per queue (`name` or `name/channel`) settings, applied last.
    public var queueSettings: [(key: String, settings: [BatchSetting], line: Int, column: Int)] = []

    public var outputDirectory: String?
    public var outputFiles: [String] = QueuePlanning.fileNames

    /// The keys known at the top level.
    static let topKeys = ["version", "inputs", "forecast", "assumptions", "scenarios", "groups", "queues", "outputs"]

    /// Reads and parses a config file.
    ///
    /// - Throws: ``FileIssue``.
    public static func load(_ path: String) throws(FileIssue) -> BatchConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileIssue(file: path, line: 0, column: 0, message: "cannot read the config file")
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), path: path, sha256: SHA256.hex(data))
    }

    /// Parses a config's text; relative paths resolve against the directory of `path`.
    ///
    /// - Throws: ``FileIssue`` naming the line and column.
    public static func parse(yaml text: String, path: String, sha256: String? = nil) throws(FileIssue) -> BatchConfig {
        let directory = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent().path
        var config = BatchConfig(path: path, directory: directory, sha256: sha256 ?? SHA256.hex(Array(text.utf8)))
        var p = NodeParser(path: path)
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            if let y = error as? YamlError {
                switch y {
                case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                    throw FileIssue(file: path, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
                default: break
                }
            }
            throw FileIssue(file: path, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw FileIssue(file: path, line: 1, column: 1, message: "expected a mapping with 'inputs', 'forecast', 'assumptions', …")
        }
        for (keyNode, value) in top {
            let key = try p.scalar(keyNode)
            switch key {
            case "version":
                let v = try p.scalar(value)
                guard v == "1" else { throw p.error(value, "unsupported config version '\(v)' (this ccplan reads version 1)") }
            case "inputs": try config.parseInputs(value, &p)
            case "forecast": try config.parseForecast(value, &p)
            case "assumptions": config.baseSettings = try p.settings(value, what: "assumptions")
            case "scenarios": config.scenarioPath = config.resolve(try p.scalar(value))
            case "groups": try config.parseGroups(value, &p)
            case "queues":
                let map = try p.mapping(value, "'queues' must map queue names (or name/channel) to settings")
                for (qNode, body) in map {
                    let name = try p.scalar(qNode)
                    if let slash = name.lastIndex(of: "/"), Channel(rawValue: String(name[name.index(after: slash)...])) == nil {
                        throw p.error(qNode, "unknown channel in '\(name)' (expected queue or queue/voice|chat|email)")
                    }
                    config.queueSettings.append((name, try p.settings(body, what: "queue '\(name)'"),
                                                 qNode.mark?.line ?? 1, qNode.mark?.column ?? 1))
                }
            case "outputs": try config.parseOutputs(value, &p)
            default:
                throw p.error(keyNode, "unknown key '\(key)' (expected \(topKeys.joined(separator: ", ")))")
            }
        }
        if config.historyPatterns.isEmpty && config.forecastPatterns.isEmpty {
            throw FileIssue(file: path, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1,
                                   message: "'inputs' must name 'history' or 'forecasts' files")
        }
        // Every combination a queue can get must be a valid set of assumptions.
        let nodeForBase = top.first { (try? p.scalar($0.key)) == "assumptions" }?.key ?? root
        do { _ = try config.assumptions(queue: nil, channel: nil) } catch {
            throw p.error(nodeForBase, "\(error)")
        }
        for g in config.groups {
            var a = PlanAssumptions()
            do { a = try config.apply(config.baseSettings + g.settings, to: a); try a.validate() } catch {
                throw FileIssue(file: path, line: g.settings.first?.line ?? 1, column: g.settings.first?.column ?? 1,
                                       message: "group '\(g.name)': \(error)")
            }
        }
        for q in config.queueSettings {
            let (name, channel) = splitQueueKey(q.key)
            do { _ = try config.assumptions(queue: name, channel: channel ?? .voice) } catch {
                throw FileIssue(file: path, line: q.line, column: q.column, message: "queue '\(q.key)': \(error)")
            }
        }
        for file in config.outputFiles where !QueuePlanning.fileNames.contains(file) {
            throw FileIssue(file: path, line: 0, column: 0, message: "unknown output file '\(file)'")
        }
        return config
    }

    /// `queue/channel` → (queue, channel); `queue` → (queue, nil).
    static func splitQueueKey(_ key: String) -> (String, Channel?) {
        if let slash = key.lastIndex(of: "/"), let c = Channel(rawValue: String(key[key.index(after: slash)...])) {
            return (String(key[..<slash]), c)
        }
        return (key, nil)
    }

    /// An absolute path for a path written in the config.
    func resolve(_ p: String) -> String {
        if p.hasPrefix("/") { return p }
        if p.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { return home + p.dropFirst(1) }
        return URL(fileURLWithPath: p, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
    }

    private mutating func parseInputs(_ node: Node, _ p: inout NodeParser) throws(FileIssue) {
        let map = try p.mapping(node, "'inputs' must be a mapping (history, forecasts, timezone, …)")
        var zone: TimeZone = TimeZone(identifier: "UTC")!
        var profile: VendorProfile?
        var mappings: [CanonicalField: String] = [:]
        var duplicates = DuplicatePolicy.error
        var dstGap = DSTGapPolicy.error
        var outliers = OutlierPolicy.refuse
        for (keyNode, value) in map {
            let key = try p.scalar(keyNode)
            switch key {
            case "history": historyPatterns = try p.strings(value).map(resolve)
            case "forecasts": forecastPatterns = try p.strings(value).map(resolve)
            case "timezone":
                let z = try p.scalar(value)
                guard let tz = TimeZone(identifier: z) else { throw p.error(value, "unknown time zone '\(z)' (expected an IANA name such as Europe/Berlin)") }
                zone = tz
            case "profile":
                let v = try p.scalar(value)
                guard let pr = VendorProfile(rawValue: v) else {
                    throw p.error(value, "unknown profile '\(v)' (known: \(VendorProfile.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                profile = pr
            case "map":
                for (fNode, hNode) in try p.mapping(value, "'map' must map canonical fields to headers") {
                    switch HistoryReadOptions.parseMapping("\(try p.scalar(fNode))=\(try p.scalar(hNode))") {
                    case .success(let (field, header)): mappings[field] = header
                    case .failure(let e): throw p.error(fNode, e.message)
                    }
                }
            case "on_duplicate":
                let v = try p.scalar(value)
                guard let d = DuplicatePolicy(rawValue: v) else { throw p.error(value, "expected error, sum or last, got '\(v)'") }
                duplicates = d
            case "dst_gap":
                let v = try p.scalar(value)
                guard let g = DSTGapPolicy(rawValue: v) else { throw p.error(value, "expected error or shift, got '\(v)'") }
                dstGap = g
            case "accept_outliers":
                let v = try p.scalar(value).lowercased()
                guard ["true", "false", "yes", "no"].contains(v) else { throw p.error(value, "expected true or false, got '\(v)'") }
                outliers = v == "true" || v == "yes" ? .accept : .refuse
            case "one_queue_per_file":
                let v = try p.scalar(value).lowercased()
                guard ["true", "false", "yes", "no"].contains(v) else { throw p.error(value, "expected true or false, got '\(v)'") }
                oneQueuePerFile = v == "true" || v == "yes"
            case "holidays": holidaysPath = resolve(try p.scalar(value))
            case "events": eventsPath = resolve(try p.scalar(value))
            default:
                throw p.error(keyNode, "unknown key '\(key)' in inputs (expected history, forecasts, timezone, profile, map, on_duplicate, dst_gap, accept_outliers, one_queue_per_file, holidays, events)")
            }
        }
        if !historyPatterns.isEmpty && !forecastPatterns.isEmpty {
            throw p.error(node, "give 'history' or 'forecasts', not both")
        }
        readOptions = HistoryReadOptions(
            timeZone: zone, profile: profile, mappings: mappings, onDuplicate: duplicates, dstGap: dstGap, outliers: outliers)
    }

    private mutating func parseForecast(_ node: Node, _ p: inout NodeParser) throws(FileIssue) {
        for (keyNode, value) in try p.mapping(node, "'forecast' must be a mapping (horizon, model, …)") {
            let key = try p.scalar(keyNode)
            switch key {
            case "horizon":
                let d = try p.duration(value)
                if let reason = ForecastRequest.checkHorizon(d) { throw p.error(value, "horizon: \(reason)") }
                horizonSeconds = d
            case "start":
                let s = try p.scalar(value)
                guard Timestamps.parse(s, timeZone: readOptions.timeZone) != nil || Timestamps.parse(s, timeZone: TimeZone(identifier: "UTC")!) != nil else {
                    throw p.error(value, "'\(s)' is not an ISO 8601 time such as 2026-11-02T00:00")
                }
                start = s
            case "model":
                let m = try p.scalar(value)
                guard let choice = ModelChoice(rawValue: m) else {
                    throw p.error(value, "unknown model '\(m)' (known: \(ModelChoice.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                model = choice
            case "quantiles":
                var levels: [Double] = []
                for item in try p.sequenceOrScalarNodes(value) {
                    let t = try p.scalar(item)
                    guard let q = Double(t), q > 0, q < 1 else { throw p.error(item, "a quantile level must be between 0 and 1, got '\(t)'") }
                    levels.append(q)
                }
                guard !levels.isEmpty else { throw p.error(value, "expected at least one quantile level") }
                quantileLevels = Array(Set(levels)).sorted()
            case "aht":
                let d = try p.duration(value)
                guard d > 0 else { throw p.error(value, "the default AHT must be positive") }
                defaultAHT = d
            default:
                throw p.error(keyNode, "unknown key '\(key)' in forecast (expected horizon, start, model, quantiles, aht)")
            }
        }
    }

    private mutating func parseGroups(_ node: Node, _ p: inout NodeParser) throws(FileIssue) {
        guard case .sequence(let items) = node else { throw p.error(node, "'groups' must be a list of {name, match, channel, assumptions, scenarios}") }
        for item in items {
            let map = try p.mapping(item, "a group must be a mapping {name, match, channel, assumptions, scenarios}")
            var group = BatchGroup(name: "group \(groups.count + 1)", queuePatterns: [], channel: nil, settings: [], scenarioPath: nil)
            for (keyNode, value) in map {
                let key = try p.scalar(keyNode)
                switch key {
                case "name": group.name = try p.scalar(value)
                case "match": group.queuePatterns = try p.strings(value)
                case "channel":
                    let c = try p.scalar(value)
                    guard let ch = Channel(rawValue: c) else { throw p.error(value, "unknown channel '\(c)' (expected voice, chat or email)") }
                    group.channel = ch
                case "assumptions": group.settings = try p.settings(value, what: "group '\(group.name)'")
                case "scenarios": group.scenarioPath = resolve(try p.scalar(value))
                default: throw p.error(keyNode, "unknown key '\(key)' in a group (expected name, match, channel, assumptions, scenarios)")
                }
            }
            if group.queuePatterns.isEmpty && group.channel == nil { throw p.error(item, "group '\(group.name)' needs 'match' (queue name patterns) or 'channel'") }
            if group.queuePatterns.isEmpty { group.queuePatterns = ["*"] }
            groups.append(group)
        }
    }

    private mutating func parseOutputs(_ node: Node, _ p: inout NodeParser) throws(FileIssue) {
        for (keyNode, value) in try p.mapping(node, "'outputs' must be a mapping (dir, files)") {
            let key = try p.scalar(keyNode)
            switch key {
            case "dir": outputDirectory = resolve(try p.scalar(value))
            case "files":
                var files: [String] = []
                for item in try p.sequenceOrScalarNodes(value) {
                    let f = try p.scalar(item)
                    guard QueuePlanning.fileNames.contains(f) else {
                        throw p.error(item, "unknown output file '\(f)' (known: \(QueuePlanning.fileNames.joined(separator: ", ")))")
                    }
                    if !files.contains(f) { files.append(f) }
                }
                // Always in the canonical order, whatever order the config lists them in.
                outputFiles = QueuePlanning.fileNames.filter(files.contains)
            default: throw p.error(keyNode, "unknown key '\(key)' in outputs (expected dir, files)")
            }
        }
    }

    // MARK: Resolution per queue

    func apply(_ settings: [BatchSetting], to a: PlanAssumptions) throws(FileIssue) -> PlanAssumptions {
        var result = a
        // As in `ccplan plan`: an ASA or abandonment target without an SL target replaces 80/20.
        let keys = Set(settings.map(\.key))
        if !keys.contains("target_sl") && (keys.contains("target_asa") || keys.contains("max_abandon")) && a == PlanAssumptions() {
            result.targetServiceLevel = nil
        }
        for s in settings {
            do { try result.set(s.key, to: s.value) } catch {
                throw FileIssue(file: path, line: s.line, column: s.column, message: error.description)
            }
        }
        return result
    }

    /// The settings that apply to one queue: base, then every matching group in order, then the
    /// queue's own (`name`, then `name/channel`).
    public func settings(queue: String, channel: Channel) -> [BatchSetting] {
        var all = baseSettings
        for g in groups where g.matches(queue: queue, channel: channel) { all += g.settings }
        for q in queueSettings where q.key == queue { all += q.settings }
        for q in queueSettings where q.key == "\(queue)/\(channel.rawValue)" { all += q.settings }
        return all
    }

    /// The assumptions of one queue (nil queue: the base).
    public func assumptions(queue: String?, channel: Channel?) throws(FileIssue) -> PlanAssumptions {
        let settings: [BatchSetting]
        if let queue, let channel {
            settings = self.settings(queue: queue, channel: channel)
        } else {
            settings = baseSettings
        }
        let a = try apply(settings, to: PlanAssumptions())
        do { try a.validate() } catch { throw FileIssue(file: path, line: 0, column: 0, message: error.description) }
        return a
    }

    /// The scenario file of one queue: the last matching group's, else the top-level one.
    public func scenarioPath(queue: String, channel: Channel) -> String? {
        groups.last { $0.matches(queue: queue, channel: channel) && $0.scenarioPath != nil }?.scenarioPath ?? scenarioPath
    }

    /// Every scenario file the config refers to.
    public var scenarioPaths: [String] {
        var out: [String] = []
        for p in [scenarioPath].compactMap({ $0 }) + groups.compactMap(\.scenarioPath) where !out.contains(p) { out.append(p) }
        return out
    }
}

/// Reads Yams nodes, turning shape errors into ``FileIssue`` at the node's mark.
struct NodeParser {
    let path: String

    func error(_ node: Node, _ message: String) -> FileIssue {
        FileIssue(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    func scalar(_ node: Node) throws(FileIssue) -> String {
        guard case .scalar(let s) = node else { throw error(node, "expected a single value") }
        return s.string
    }

    func mapping(_ node: Node, _ message: String) throws(FileIssue) -> Node.Mapping {
        guard case .mapping(let m) = node else { throw error(node, message) }
        return m
    }

    func sequenceOrScalarNodes(_ node: Node) throws(FileIssue) -> [Node] {
        switch node {
        case .sequence(let s): return Array(s)
        case .scalar: return [node]
        default: throw error(node, "expected a value or a list of values")
        }
    }

    func strings(_ node: Node) throws(FileIssue) -> [String] {
        var out: [String] = []
        for n in try sequenceOrScalarNodes(node) { out.append(try scalar(n)) }
        return out
    }

    func duration(_ node: Node) throws(FileIssue) -> Double {
        let text = try scalar(node)
        do { return try DurationText.seconds(text) } catch { throw self.error(node, error.description) }
    }

    /// Assumption settings, each checked now so that the error points at its value.
    func settings(_ node: Node, what: String) throws(FileIssue) -> [BatchSetting] {
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" { return [] }
        let map = try mapping(node, "the settings of \(what) must be a mapping such as { target_sl: 80%, shrinkage: 30% }")
        var out: [BatchSetting] = []
        for (keyNode, value) in map {
            let key = try scalar(keyNode)
            guard PlanAssumptions.settingKeys.contains(key) else {
                throw error(keyNode, "unknown setting '\(key)' in \(what) (known: \(PlanAssumptions.settingKeys.joined(separator: ", ")))")
            }
            let text = try scalar(value)
            var probe = PlanAssumptions()
            do { try probe.set(key, to: text) } catch { throw self.error(value, error.description) }
            out.append(BatchSetting(key: key, value: text, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1))
        }
        return out
    }
}
