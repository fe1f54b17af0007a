import CCPlanBase

/// Keyed reading of a config file for a module with its own error type: every value comes back
/// checked against its range, and every mistake is a ``FileIssue`` at the offending node (the key
/// named in the message) turned into the module's error by `wrap`.
///
/// Capacity's staff and scenario files and scheduling's shifts file read through one of these, so
/// that the same mistake gets the same message whichever file it is in:
///
/// ```swift
/// let fields = ConfigFields(path: path, wrap: ScheduleError.badShiftFile)
/// let root = try fields.root(text)
/// for (key, _, value) in try fields.mapping(root, "the shifts file", known: ["groups"]) { … }
/// ```
public struct ConfigFields<Failure: Error>: Sendable {
    /// One entry of a mapping: its key, the key's node (where an unknown key is reported) and the value.
    public typealias Entry = (key: String, keyNode: ConfigNode, value: ConfigNode)

    /// The file as it is named in messages.
    public let path: String
    /// Turns an issue into the reader's error.
    public let wrap: @Sendable (FileIssue) -> Failure

    /// Creates a reader of the file at `path` whose issues become `wrap(issue)`.
    public init(path: String, wrap: @escaping @Sendable (FileIssue) -> Failure) {
        self.path = path
        self.wrap = wrap
    }

    /// The error for `message` at `node`.
    public func error(_ node: ConfigNode, _ message: String) -> Failure {
        wrap(FileIssue(file: path, line: node.line, column: node.column, message: message))
    }

    /// Parses `text` (``ConfigFile/parse(_:path:)``); a syntax error points at its position and an
    /// empty file is an error at 1:1.
    public func root(_ text: String) throws(Failure) -> ConfigNode {
        let root: ConfigNode
        do { root = try ConfigFile.parse(text, path: path) } catch { throw wrap(error) }
        guard !root.isNull else { throw wrap(FileIssue(file: path, line: 1, column: 1, message: "the file is empty")) }
        return root
    }

    /// A mapping's entries in file order; a key outside `known` is an error at the key, listing
    /// the known ones (repeated keys are refused by the parser).
    ///
    /// - Complexity: O(*n*·*k*) for *n* entries and *k* known keys.
    public func mapping(_ node: ConfigNode, _ what: String, known: [String]) throws(Failure) -> [Entry] {
        guard case .mapping(let map) = node.value else { throw error(node, "\(what) must be a mapping") }
        for entry in map.entries where !known.contains(entry.key) {
            throw error(
                entry.keyNode, "unknown key '\(entry.key)' in \(what) (expected \(known.joined(separator: ", ")))")
        }
        return map.entries.map { ($0.key, $0.keyNode, $0.value) }
    }

    /// Fails at `node` (the mapping) when one of `keys` is missing from `entries`.
    public func require(_ keys: [String], in entries: [Entry], at node: ConfigNode, _ what: String) throws(Failure) {
        for key in keys where !entries.contains(where: { $0.key == key }) {
            throw error(node, "\(what) needs '\(key)'")
        }
    }

    /// A list's items.
    public func list(_ node: ConfigNode, _ what: String) throws(Failure) -> [ConfigNode] {
        guard case .list(let items) = node.value else { throw error(node, "\(what) must be a list") }
        return items
    }

    /// A single value, spaces trimmed.
    public func scalar(_ node: ConfigNode) throws(Failure) -> String {
        guard case .scalar(let s) = node.value else { throw error(node, "expected a single value") }
        return s.trimmingSpaces
    }

    /// A non-empty name.
    public func name(_ node: ConfigNode, _ key: String) throws(Failure) -> String {
        let text = try scalar(node)
        guard !text.isEmpty else { throw error(node, "'\(key)' is empty") }
        return text
    }

    /// One name or a list of distinct names (at least one).
    public func names(_ node: ConfigNode, _ key: String) throws(Failure) -> [String] {
        var out: [String] = []
        for item in (try? list(node, key)) ?? [node] {
            let n = try name(item, key)
            guard !out.contains(n) else { throw error(item, "'\(n)' is listed twice") }
            out.append(n)
        }
        guard !out.isEmpty else { throw error(node, "'\(key)' lists nothing") }
        return out
    }

    /// `true`/`yes`/`on` or `false`/`no`/`off`, any case.
    public func bool(_ node: ConfigNode, _ key: String) throws(Failure) -> Bool {
        switch try scalar(node).lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let text: throw error(node, "'\(key)' must be true or false, got '\(text)'")
        }
    }

    /// A finite decimal number (``DecimalText``: no hexadecimal, `inf` or `nan`) within `range`.
    public func number(
        _ node: ConfigNode, _ key: String, _ range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude
    ) throws(Failure) -> Double {
        let text = try scalar(node)
        guard let x = DecimalText.value(text) else { throw error(node, "'\(key)' must be a number, got '\(text)'") }
        guard range.contains(x) else { throw error(node, "'\(key)' must be in \(Self.describe(range)), got \(text)") }
        return x
    }

    /// A whole number within `range`.
    public func integer(_ node: ConfigNode, _ key: String, _ range: ClosedRange<Int>) throws(Failure) -> Int {
        let text = try scalar(node)
        guard let x = Int(text) else { throw error(node, "'\(key)' must be a whole number, got '\(text)'") }
        guard range.contains(x) else {
            throw error(node, "'\(key)' must be in \(range.lowerBound)…\(range.upperBound), got \(x)")
        }
        return x
    }

    /// A fraction written `0.03` or `3%` (``FractionText``) within `range`, excluding its upper
    /// bound when `openAbove`.
    public func fraction(
        _ node: ConfigNode, _ key: String, _ range: ClosedRange<Double> = 0...1, openAbove: Bool = false
    ) throws(Failure) -> Double {
        let text = try scalar(node)
        guard let value = try? FractionText.value(text) else {
            throw error(node, "'\(key)' must be a fraction such as 0.03 or 3%, got '\(text)'")
        }
        guard range.contains(value), !(openAbove && value == range.upperBound) else {
            let excluded = openAbove ? " (excluding \(shortestNumber(range.upperBound)))" : ""
            throw error(node, "'\(key)' must be in \(Self.describe(range))\(excluded), got \(text)")
        }
        return value
    }

    /// A duration with its unit (``DurationText``: `20s`, `2.5m`, `1h`, `7d`, `13w`) in seconds.
    public func duration(_ node: ConfigNode, _ key: String) throws(Failure) -> Double {
        let text = try scalar(node)
        do { return try DurationText.seconds(text) } catch { throw self.error(node, "'\(key)': \(error.description)") }
    }

    /// A date `YYYY-MM-DD`.
    public func date(_ node: ConfigNode, _ key: String) throws(Failure) -> CivilDate {
        let text = try scalar(node)
        guard let d = CivilDate(text) else { throw error(node, "'\(key)' must be a date YYYY-MM-DD, got '\(text)'") }
        return d
    }

    /// `≥ a` for an unbounded range, `[a, b]` otherwise.
    static func describe(_ range: ClosedRange<Double>) -> String {
        range.upperBound == .greatestFiniteMagnitude
            ? "≥ \(shortestNumber(range.lowerBound))"
            : "[\(shortestNumber(range.lowerBound)), \(shortestNumber(range.upperBound))]"
    }
}
