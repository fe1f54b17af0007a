import CCPlanBase
import ContactHistory
import Yams

/// One setting as written in a scenario file, with where it was written.
public struct ScenarioSetting: Sendable, Hashable {
    public var key: String
    public var value: String
    public var line: Int
    public var column: Int
}

/// A block of a scenario file: the `base` block or one named scenario.
public struct ScenarioSpec: Sendable, Hashable {
    /// `base` for the base block, otherwise the scenario's name.
    public var name: String
    public var description: String?
    /// Settings for every queue.
    public var settings: [ScenarioSetting] = []
    /// Settings for one queue (by queue name), applied after ``settings``.
    public var queueSettings: [String: [ScenarioSetting]] = [:]
    /// Extra volume events.
    public var events: [VolumeEvent] = []

    /// Applies this block's settings for `queue` on top of `assumptions`.
    ///
    /// - Throws: ``PlanError/badScenarioFile(_:)`` at the setting's position.
    public func apply(to assumptions: PlanAssumptions, queue: String?, path: String) throws(PlanError) -> PlanAssumptions {
        var result = assumptions
        let all = settings + (queue.flatMap { queueSettings[$0] } ?? [])
        for setting in all {
            do { try result.set(setting.key, to: setting.value) } catch {
                throw .badScenarioFile(FileIssue(file: path, line: setting.line, column: setting.column, message: error.description))
            }
        }
        return result
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
/// Every error names the file, line and column.
public struct ScenarioFile: Sendable, Hashable {
    public var path: String
    public var base: ScenarioSpec
    public var scenarios: [ScenarioSpec]

    /// Parses a scenario file's text.
    ///
    /// - Throws: ``PlanError/badScenarioFile(_:)``.
    /// - Complexity: O(size of the file).
    public static func parse(yaml text: String, path: String) throws(PlanError) -> ScenarioFile {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            if let y = error as? YamlError {
                switch y {
                case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                    throw .badScenarioFile(FileIssue(file: path, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)"))
                default: break
                }
            }
            throw .badScenarioFile(FileIssue(file: path, line: 1, column: 1, message: "not valid YAML: \(error)"))
        }
        guard let root, case .mapping(let top) = root else {
            throw .badScenarioFile(FileIssue(file: path, line: root?.mark?.line ?? 1, column: root?.mark?.column ?? 1,
                                             message: "expected a mapping with 'base' and 'scenarios'"))
        }
        var file = ScenarioFile(path: path, base: ScenarioSpec(name: "base"), scenarios: [])
        for (keyNode, value) in top {
            let key = try scalar(keyNode, path: path)
            switch key {
            case "base": file.base = try spec(named: "base", value, path: path)
            case "scenarios":
                guard case .mapping(let named) = value else { throw error(value, path, "'scenarios' must map scenario names to their settings") }
                var seen = Set<String>()
                for (nameNode, body) in named {
                    let name = try scalar(nameNode, path: path)
                    guard name != "base" else { throw error(nameNode, path, "'base' is reserved for the base block") }
                    guard seen.insert(name).inserted else { throw error(nameNode, path, "scenario '\(name)' is defined twice") }
                    file.scenarios.append(try spec(named: name, body, path: path))
                }
            default:
                throw error(keyNode, path, "unknown key '\(key)' (expected 'base' and 'scenarios')")
            }
        }
        return file
    }

    private static func spec(named name: String, _ node: Node, path: String) throws(PlanError) -> ScenarioSpec {
        var spec = ScenarioSpec(name: name)
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" { return spec }
        guard case .mapping(let map) = node else { throw error(node, path, "'\(name)' must be a mapping of settings") }
        for (keyNode, value) in map {
            let key = try scalar(keyNode, path: path)
            switch key {
            case "description": spec.description = try scalar(value, path: path)
            case "queues":
                guard case .mapping(let queues) = value else { throw error(value, path, "'queues' must map queue names to settings") }
                for (queueNode, settingsNode) in queues {
                    let queue = try scalar(queueNode, path: path)
                    guard case .mapping(let settings) = settingsNode else {
                        throw error(settingsNode, path, "settings of queue '\(queue)' must be a mapping")
                    }
                    spec.queueSettings[queue, default: []] += try parseSettings(settings, path: path)
                }
            case "events":
                guard case .sequence(let items) = value else { throw error(value, path, "'events' must be a list of {start, end, queue, factor}") }
                for item in items { spec.events.append(try event(item, path: path)) }
            default:
                spec.settings += try parseSettings([(keyNode, value)], path: path)
            }
        }
        return spec
    }

    private static func parseSettings<S: Sequence>(_ pairs: S, path: String) throws(PlanError) -> [ScenarioSetting]
    where S.Element == (key: Node, value: Node) {
        var out: [ScenarioSetting] = []
        for (keyNode, value) in pairs {
            let key = try scalar(keyNode, path: path)
            guard PlanAssumptions.settingKeys.contains(key) else {
                throw error(keyNode, path, "unknown setting '\(key)' (known: \(PlanAssumptions.settingKeys.joined(separator: ", ")), description, queues, events)")
            }
            let text = try scalar(value, path: path)
            let setting = ScenarioSetting(key: key, value: text, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1)
            // Check the value now, so that the error points at it even if no queue uses it.
            var probe = PlanAssumptions()
            do { try probe.set(key, to: text) } catch {
                throw .badScenarioFile(FileIssue(file: path, line: setting.line, column: setting.column, message: error.description))
            }
            out.append(setting)
        }
        return out
    }

    private static func parseSettings(_ map: Node.Mapping, path: String) throws(PlanError) -> [ScenarioSetting] {
        try parseSettings(map.map { (key: $0.key, value: $0.value) }, path: path)
    }

    private static func event(_ node: Node, path: String) throws(PlanError) -> VolumeEvent {
        guard case .mapping(let map) = node else { throw error(node, path, "an event must be {start, end, queue, factor}") }
        var start: CivilDate?, end: CivilDate?, queue: String?, factor: Double?
        for (keyNode, value) in map {
            let key = try scalar(keyNode, path: path)
            let text = try scalar(value, path: path)
            switch key {
            case "start", "end":
                guard let d = CivilDate(text) else { throw error(value, path, "'\(key)' must be a date YYYY-MM-DD, got '\(text)'") }
                if key == "start" { start = d } else { end = d }
            case "queue": queue = text.isEmpty || text == "*" ? nil : text
            case "factor":
                guard let f = Double(text), f.isFinite, f >= 0 else { throw error(value, path, "'factor' must be a number ≥ 0, got '\(text)'") }
                factor = f
            default: throw error(keyNode, path, "unknown event key '\(key)' (expected start, end, queue, factor)")
            }
        }
        guard let start, let factor else { throw error(node, path, "an event needs at least 'start' and 'factor'") }
        let last = end ?? start
        guard last >= start else { throw error(node, path, "the event ends (\(last)) before it starts (\(start))") }
        return VolumeEvent(start: start, end: last, queue: queue, factor: factor)
    }

    private static func scalar(_ node: Node, path: String) throws(PlanError) -> String {
        guard case .scalar(let s) = node else { throw error(node, path, "expected a single value") }
        return s.string
    }

    private static func error(_ node: Node, _ path: String, _ message: String) -> PlanError {
        .badScenarioFile(FileIssue(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message))
    }
}
