import CCPlanBase
import ConfigFiles
import ContactHistory

/// A block of a scenario file: the `base` block or one named scenario.
public struct ScenarioSpec: Sendable, Hashable {
    /// `base` for the base block, otherwise the scenario's name.
    public var name: String
    public var description: String?
    /// Settings for every queue.
    public var settings: [AssumptionSetting] = []
    /// Settings for one queue (by queue name), applied after ``settings``.
    public var queueSettings: [String: [AssumptionSetting]] = [:]
    /// Extra volume events.
    public var events: [VolumeEvent] = []

    /// Applies this block's settings for `queue` on top of `assumptions`.
    ///
    /// - Throws: ``PlanError/badScenarioFile(_:)`` at the setting's position.
    public func apply(to assumptions: PlanAssumptions, queue: String?) throws(PlanError) -> PlanAssumptions {
        do {
            return try AssumptionSetting.apply(settings + (queue.flatMap { queueSettings[$0] } ?? []), to: assumptions)
        } catch {
            throw .badScenarioFile(error)
        }
    }
}

/// A what-if scenario file (YAML):
///
/// ```yaml
/// base:                      # assumptions of every scenario (override the command line's)
///   target_sl: 80%
///   answer_within: 20s
///   shrinkage: 30%
///   queues:                  # per-queue settings
///     chat: { concurrency: 2.5 }
/// scenarios:
///   volume +10%:
///     description: Marketing's high case
///     volume_factor: 1.1
///   new IVR:
///     aht_delta: -15s
///     events:
///       - { start: 2026-12-01, end: 2026-12-05, queue: billing, factor: 1.4 }
/// ```
///
/// Read by ``ConfigFiles``: every error names the file, line and column.
public struct ScenarioFile: Sendable, Hashable {
    public var path: String
    public var base: ScenarioSpec
    public var scenarios: [ScenarioSpec]

    /// The keys of a scenario block besides the settings (``PlanAssumptions/settingKeys``).
    static let blockKeys = ["description", "queues", "events"]

    /// Reads and parses a scenario file.
    ///
    /// - Throws: ``PlanError/badScenarioFile(_:)`` (line 0 when the file cannot be read).
    /// - Complexity: O(size of the file).
    public static func load(_ path: String) throws(PlanError) -> ScenarioFile {
        do { return try parse(ConfigFile.read(path).root) } catch { throw .badScenarioFile(error) }
    }

    /// Parses a scenario file's text.
    ///
    /// - Throws: ``PlanError/badScenarioFile(_:)``.
    /// - Complexity: O(size of the file).
    public static func parse(yaml text: String, path: String) throws(PlanError) -> ScenarioFile {
        do { return try parse(ConfigFile.parse(text, path: path)) } catch { throw .badScenarioFile(error) }
    }

    /// Parses a scenario file's root node.
    static func parse(_ root: ConfigNode) throws(FileIssue) -> ScenarioFile {
        let top = try root.mapping("expected a mapping with 'base' and 'scenarios'")
        try top.checkKeys(["base", "scenarios"])
        var file = ScenarioFile(path: root.file, base: ScenarioSpec(name: "base"), scenarios: [])
        if let base = top["base"] { file.base = try spec(named: "base", base) }
        if let named = top["scenarios"] {
            for entry in try named.mapping("'scenarios' must map scenario names to their settings").entries {
                guard entry.key != "base" else { throw entry.keyNode.issue("'base' is reserved for the base block") }
                file.scenarios.append(try spec(named: entry.key, entry.value))
            }
        }
        return file
    }

    private static func spec(named name: String, _ node: ConfigNode) throws(FileIssue) -> ScenarioSpec {
        var spec = ScenarioSpec(name: name)
        for entry in try node.mapping("'\(name)' must be a mapping of settings").entries {
            switch entry.key {
            case "description": spec.description = try entry.value.optionalString()
            case "queues":
                for queue in try entry.value.mapping("'queues' must map queue names to settings").entries {
                    let settings = try queue.value.mapping("settings of queue '\(queue.key)' must be a mapping")
                    spec.queueSettings[queue.key, default: []] += try AssumptionSetting.read(settings.entries)
                }
            case "events":
                for item in try entry.value.list("'events' must be a list of {start, end, queue, factor}") {
                    spec.events.append(try event(item))
                }
            default:
                spec.settings += try AssumptionSetting.read([entry], otherKeys: blockKeys)
            }
        }
        return spec
    }

    private static func event(_ node: ConfigNode) throws(FileIssue) -> VolumeEvent {
        let map = try node.mapping("an event must be {start, end, queue, factor}")
        try map.checkKeys(["start", "end", "queue", "factor"], in: "an event")
        guard let startNode = map["start"], let factorNode = map["factor"] else {
            throw node.issue("an event needs at least 'start' and 'factor'")
        }
        let start = try startNode.date()
        let end = try map["end"]?.date() ?? start
        let queue = try map["queue"]?.string()
        let factor = try factorNode.number()
        guard factor >= 0 else {
            throw factorNode.issue("'factor' must be a number ≥ 0, got \(shortestNumber(factor))")
        }
        guard end >= start else { throw node.issue("the event ends (\(end)) before it starts (\(start))") }
        return VolumeEvent(start: start, end: end, queue: queue == "*" || queue == "" ? nil : queue, factor: factor)
    }

    /// Points an assumption that fails as a whole (``PlanAssumptions/validate()``) at the last
    /// setting of `key` in `specs` for `queue`, so that a combination refused while planning
    /// names the file, line and column that set it.
    ///
    /// - Returns: ``PlanError/badScenarioFile(_:)`` at that setting, or nil when no block set `key`.
    public func locate(_ key: String, reason: String, specs: [ScenarioSpec], queue: String?) -> PlanError? {
        for spec in specs.reversed() {
            let settings = spec.settings + (queue.flatMap { spec.queueSettings[$0] } ?? [])
            if let s = settings.last(where: { $0.key == key }) { return .badScenarioFile(s.issue("\(key): \(reason)")) }
        }
        return nil
    }
}
