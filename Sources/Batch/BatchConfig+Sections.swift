import CCPlanBase
import ConfigFiles
import ContactHistory
import Foundation
import Planning

/// The sections of a batch config: `inputs`, `forecast`, `groups`, `queues`, `outputs`.
extension BatchConfig {
    static let inputKeys = [
        "history", "forecasts", "timezone", "profile", "map", "on_duplicate", "dst_gap", "accept_outliers",
        "one_queue_per_file", "holidays", "events",
    ]

    mutating func readInputs(_ node: ConfigNode) throws(FileIssue) {
        let map = try node.mapping("'inputs' must be a mapping (history, forecasts, timezone, …)")
        try map.checkKeys(Self.inputKeys, in: "inputs")
        history = try patterns(map["history"])
        forecasts = try patterns(map["forecasts"])
        if !history.isEmpty && !forecasts.isEmpty { throw node.issue("give 'history' or 'forecasts', not both") }
        var zone = TimeZone(identifier: "UTC")!
        if let z = map["timezone"] {
            let name = try z.string()
            guard let tz = TimeZone(identifier: name) else {
                throw z.issue("unknown time zone '\(name)' (expected an IANA name such as Europe/Berlin)")
            }
            zone = tz
        }
        let profile = try map["profile"]?.choice(VendorProfile.self, "profile")
        var mappings: [CanonicalField: String] = [:]
        for entry in try map["map"]?.mapping("'map' must map canonical fields to headers").entries ?? [] {
            switch HistoryReadOptions.parseMapping("\(entry.key)=\(try entry.value.string())") {
            case .success(let (field, header)): mappings[field] = header
            case .failure(let e): throw entry.keyNode.issue(e.message)
            }
        }
        var duplicates = DuplicatePolicy.error
        if let d = map["on_duplicate"] {
            let text = try d.string()
            guard let policy = DuplicatePolicy(rawValue: text) else {
                throw d.issue("expected error, sum or last, got '\(text)'")
            }
            duplicates = policy
        }
        var dstGap = DSTGapPolicy.error
        if let g = map["dst_gap"] {
            let text = try g.string()
            guard let policy = DSTGapPolicy(rawValue: text) else {
                throw g.issue("expected error or shift, got '\(text)'")
            }
            dstGap = policy
        }
        let outliers: OutlierPolicy = try map["accept_outliers"]?.bool() == true ? .accept : .refuse
        oneQueuePerFile = try map["one_queue_per_file"]?.bool() ?? false
        holidays = try map.path("holidays", relativeTo: directory)
        events = try map.path("events", relativeTo: directory)
        readOptions = HistoryReadOptions(
            timeZone: zone, profile: profile, mappings: mappings, onDuplicate: duplicates, dstGap: dstGap,
            outliers: outliers)
    }

    /// Input patterns, each resolved and named at its own position.
    private func patterns(_ node: ConfigNode?) throws(FileIssue) -> [ConfigPath] {
        var out: [ConfigPath] = []
        for item in try node?.values() ?? [] {
            if let p = try item.path(relativeTo: directory) { out.append(p) }
        }
        return out
    }

    mutating func readForecast(_ node: ConfigNode) throws(FileIssue) {
        let map = try node.mapping("'forecast' must be a mapping (horizon, model, …)")
        try map.checkKeys(["horizon", "start", "model", "quantiles", "aht"], in: "forecast")
        if let h = map["horizon"] {
            let d = try h.duration()
            if let reason = ForecastRequest.checkHorizon(d) { throw h.issue("horizon: \(reason)") }
            horizonSeconds = d
        }
        if let s = map["start"] {
            let text = try s.string()
            guard
                Timestamps.parse(text, timeZone: readOptions.timeZone) != nil
                    || Timestamps.parse(text, timeZone: TimeZone(identifier: "UTC")!) != nil
            else { throw s.issue("'\(text)' is not an ISO 8601 time such as 2026-11-02T00:00") }
            start = text
        }
        if let m = map["model"] { model = try m.choice(ModelChoice.self, "model") }
        if let q = map["quantiles"] {
            var levels: [Double] = []
            for item in try q.values() {
                let level = try item.number()
                guard level > 0, level < 1 else {
                    throw item.issue("a quantile level must be between 0 and 1, got '\(try item.string())'")
                }
                levels.append(level)
            }
            guard !levels.isEmpty else { throw q.issue("expected at least one quantile level") }
            quantileLevels = Array(Set(levels)).sorted()
        }
        if let a = map["aht"] {
            let d = try a.duration()
            guard d > 0 else { throw a.issue("the default AHT must be positive") }
            defaultAHT = d
        }
    }

    mutating func readGroups(_ node: ConfigNode) throws(FileIssue) {
        for item in try node.list("'groups' must be a list of {name, match, channel, assumptions, scenarios}") {
            let map = try item.mapping("a group must be a mapping {name, match, channel, assumptions, scenarios}")
            try map.checkKeys(["name", "match", "channel", "assumptions", "scenarios"], in: "a group")
            var group = BatchGroup(
                name: "group \(groups.count + 1)", queuePatterns: [], channel: nil, settings: [], scenarios: nil)
            if let name = map["name"] { group.name = try name.string() }
            group.queuePatterns = try map["match"]?.strings() ?? []
            group.channel = try map["channel"]?.choice(Channel.self, "channel")
            if let settings = map["assumptions"] {
                group.settings = try AssumptionSetting.read(
                    settings.mapping(
                        "the settings of group '\(group.name)' must be a mapping such as { target_sl: 80%, shrinkage: 30% }"
                    )
                    .entries)
            }
            group.scenarios = try map.path("scenarios", relativeTo: directory)
            if group.queuePatterns.isEmpty && group.channel == nil {
                throw item.issue("group '\(group.name)' needs 'match' (queue name patterns) or 'channel'")
            }
            if group.queuePatterns.isEmpty { group.queuePatterns = ["*"] }
            groups.append(group)
        }
    }

    mutating func readQueues(_ node: ConfigNode) throws(FileIssue) {
        for entry in try node.mapping("'queues' must map queue names (or name/channel) to settings").entries {
            let name = entry.key
            if let slash = name.lastIndex(of: "/"), Channel(rawValue: String(name[name.index(after: slash)...])) == nil
            {
                throw entry.keyNode.issue("unknown channel in '\(name)' (expected queue or queue/voice|chat|email)")
            }
            let settings = try AssumptionSetting.read(
                entry.value.mapping(
                    "the settings of queue '\(name)' must be a mapping such as { target_sl: 80%, shrinkage: 30% }"
                )
                .entries)
            queueSettings.append(
                BatchQueueSettings(
                    key: name, settings: settings, line: entry.keyNode.line, column: entry.keyNode.column))
        }
    }

    mutating func readOutputs(_ node: ConfigNode) throws(FileIssue) {
        let map = try node.mapping("'outputs' must be a mapping (dir, files)")
        try map.checkKeys(["dir", "files"], in: "outputs")
        outputDirectory = try map["dir"]?.path(relativeTo: directory)?.path
        if let list = map["files"] {
            var files: [String] = []
            for item in try list.values() {
                let f = try item.string()
                guard QueuePlanning.fileNames.contains(f) else {
                    throw item.issue(
                        "unknown output file '\(f)' (known: \(QueuePlanning.fileNames.joined(separator: ", ")))")
                }
                if !files.contains(f) { files.append(f) }
            }
            // Always in the canonical order, whatever order the config lists them in.
            outputFiles = QueuePlanning.fileNames.filter(files.contains)
        }
    }
}
