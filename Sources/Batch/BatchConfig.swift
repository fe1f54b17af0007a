import CCPlanBase
import ConfigFiles
import ContactHistory
import Foundation
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A `groups:` entry: settings (and optionally a scenario file) for every queue it matches.
public struct BatchGroup: Sendable, Hashable {
    public var name: String
    /// fnmatch(3) patterns on the queue name (any of them matches).
    public var queuePatterns: [String]
    /// The channel, or nil for every channel.
    public var channel: Channel?
    public var settings: [AssumptionSetting]
    /// A scenario file replacing the top-level one for these queues.
    public var scenarios: ConfigPath?

    /// The scenario file's absolute path.
    public var scenarioPath: String? { scenarios?.path }

    public func matches(queue: String, channel: Channel) -> Bool {
        if let c = self.channel, c != channel { return false }
        return queuePatterns.contains { fnmatch($0, queue, 0) == 0 }
    }
}

/// Per-queue settings: `billing: {…}` (every channel) or `billing/chat: {…}`.
public struct BatchQueueSettings: Sendable, Hashable {
    /// `name` or `name/channel`, as written.
    public var key: String
    public var settings: [AssumptionSetting]
    /// Where the key is written.
    public var line: Int
    public var column: Int
}

/// The configuration of `ccplan batch` (YAML, read by ``ConfigFiles``). See docs/batch.md.
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
///
/// Every error names the file, line and column; a file the config names (holidays, events,
/// scenarios) that does not exist is reported at the key that names it (``load(_:)``).
public struct BatchConfig: Sendable {
    /// The config file (as given) and its directory (relative paths resolve against it).
    public var path: String
    public var directory: String
    /// The raw bytes' SHA-256 (recorded in manifests; merges refuse mixed configs).
    public var sha256: String

    /// History patterns, or forecast patterns (absolute, with where they are written).
    public var history: [ConfigPath] = []
    public var forecasts: [ConfigPath] = []
    public var readOptions = HistoryReadOptions()
    public var holidays: ConfigPath?
    public var events: ConfigPath?
    /// Every input file holds one queue (any channels): a shard then identifies a file by its
    /// first row instead of scanning it whole, and a file holding several queues fails.
    public var oneQueuePerFile = false

    public var horizonSeconds: Double = 4 * 7 * 86_400
    public var start: String?
    public var model: ModelChoice = .auto
    public var quantileLevels: [Double] = [0.1, 0.9]
    public var defaultAHT: Double?

    public var baseSettings: [AssumptionSetting] = []
    public var scenarios: ConfigPath?
    public var groups: [BatchGroup] = []
    /// Per queue (`name` or `name/channel`) settings, applied last.
    public var queueSettings: [BatchQueueSettings] = []

    public var outputDirectory: String?
    public var outputFiles: [String] = QueuePlanning.fileNames

    /// The history patterns' absolute paths.
    public var historyPatterns: [String] { history.map(\.path) }
    /// The forecast patterns' absolute paths.
    public var forecastPatterns: [String] { forecasts.map(\.path) }
    /// The input patterns that are read: history, else forecasts.
    public var inputPatterns: [ConfigPath] { history.isEmpty ? forecasts : history }
    public var holidaysPath: String? { holidays?.path }
    public var eventsPath: String? { events?.path }
    public var scenarioPath: String? { scenarios?.path }

    /// The keys known at the top level.
    static let topKeys = ["version", "inputs", "forecast", "assumptions", "scenarios", "groups", "queues", "outputs"]

    /// Reads and parses a config file, and checks that the files it names exist.
    ///
    /// - Throws: ``FileIssue`` naming the line and column (line 0: the config cannot be read).
    public static func load(_ path: String) throws(FileIssue) -> BatchConfig {
        let contents = try ConfigFile.read(path)
        let config = try parse(contents.root, sha256: SHA256.hex(contents.bytes))
        try config.checkNamedFiles()
        return config
    }

    /// Parses a config's text; relative paths resolve against the directory of `path`. The files
    /// it names are not checked (``load(_:)`` does).
    ///
    /// - Throws: ``FileIssue`` naming the line and column.
    public static func parse(yaml text: String, path: String, sha256: String? = nil) throws(FileIssue) -> BatchConfig {
        try parse(ConfigFile.parse(text, path: path), sha256: sha256 ?? SHA256.hex(Array(text.utf8)))
    }

    static func parse(_ root: ConfigNode, sha256: String) throws(FileIssue) -> BatchConfig {
        let path = root.file
        var config = BatchConfig(path: path, directory: ConfigPath.directory(of: path), sha256: sha256)
        guard case .mapping(let top) = root.value else {
            throw root.issue("expected a mapping with 'inputs', 'forecast', 'assumptions', …")
        }
        try top.checkKeys(topKeys)
        if let v = top["version"] {
            let version = try v.string()
            guard version == "1" else {
                throw v.issue("unsupported config version '\(version)' (this ccplan reads version 1)")
            }
        }
        if let inputs = top["inputs"] { try config.readInputs(inputs) }
        if let forecast = top["forecast"] { try config.readForecast(forecast) }
        if let base = top["assumptions"] {
            config.baseSettings = try AssumptionSetting.read(
                base.mapping("the settings of assumptions must be a mapping such as { target_sl: 80%, shrinkage: 30% }")
                    .entries)
        }
        config.scenarios = try top.path("scenarios", relativeTo: config.directory)
        if let groups = top["groups"] { try config.readGroups(groups) }
        if let queues = top["queues"] { try config.readQueues(queues) }
        if let outputs = top["outputs"] { try config.readOutputs(outputs) }
        guard !config.history.isEmpty || !config.forecasts.isEmpty else {
            throw (top.entry("inputs")?.keyNode ?? root).issue("'inputs' must name 'history' or 'forecasts' files")
        }
        try config.checkCombinations(top.entry("assumptions")?.keyNode ?? root)
        return config
    }

    /// Checks that the holidays, events and scenario files the config names exist.
    ///
    /// - Throws: ``FileIssue`` at the key naming a missing file.
    public func checkNamedFiles() throws(FileIssue) {
        try holidays?.checkReadableFile("the holidays file")
        try events?.checkReadableFile("the events file")
        for s in [scenarios].compactMap({ $0 }) + groups.compactMap(\.scenarios) {
            try s.checkReadableFile("the scenario file")
        }
    }

    /// `queue/channel` → (queue, channel); `queue` → (queue, nil).
    static func splitQueueKey(_ key: String) -> (String, Channel?) {
        if let slash = key.lastIndex(of: "/"), let c = Channel(rawValue: String(key[key.index(after: slash)...])) {
            return (String(key[..<slash]), c)
        }
        return (key, nil)
    }
}
