import CCPlanBase
import ConfigFiles
import ContactHistory
import Foundation
import Planning

/// Capacity's view of a YAML node: the one strict reader of ccplan (`ConfigFiles`: positions,
/// duplicate keys, anchors refused, `~` as absent).
typealias Node = ConfigNode

/// Reads values out of a staff or scenario file with their positions: every error is
/// ``CapacityError/badStaffFile(path:line:column:message:)`` at the offending node. The parsing
/// and the value checks are `ConfigFiles`'; this adds capacity's keys and ranges.
struct YAMLFields {
    let path: String

    /// Parses the text; a syntax error points at its position.
    func root(_ text: String) throws(CapacityError) -> Node {
        let root: Node
        do { root = try ConfigFile.parse(text, path: path) } catch { throw Self.wrap(error) }
        guard !root.isNull else { throw .badStaffFile(path: path, line: 1, column: 1, message: "the file is empty") }
        return root
    }

    static func wrap(_ issue: FileIssue) -> CapacityError {
        .badStaffFile(path: issue.file, line: issue.line, column: issue.column, message: issue.message)
    }

    func error(_ node: Node, _ message: String) -> CapacityError {
        .badStaffFile(path: path, line: node.line, column: node.column, message: message)
    }

    /// The entries of a mapping, keys checked against `known` (an unknown key is an error at the key).
    func mapping(_ node: Node, _ what: String, known: [String]) throws(CapacityError) -> [(
        key: String, keyNode: Node, value: Node
    )] {
        guard case .mapping(let map) = node.value else { throw error(node, "\(what) must be a mapping") }
        for entry in map.entries where !known.contains(entry.key) {
            throw error(
                entry.keyNode, "unknown key '\(entry.key)' in \(what) (expected \(known.joined(separator: ", ")))")
        }
        return map.entries.map { ($0.key, $0.keyNode, $0.value) }
    }

    /// Fails at `node` when a required key is missing.
    func require(
        _ keys: [String], in entries: [(key: String, keyNode: Node, value: Node)], at node: Node, _ what: String
    ) throws(CapacityError) {
        for key in keys where !entries.contains(where: { $0.key == key }) {
            throw error(node, "\(what) needs '\(key)'")
        }
    }

    func list(_ node: Node, _ what: String) throws(CapacityError) -> [Node] {
        guard case .list(let items) = node.value else { throw error(node, "\(what) must be a list") }
        return items
    }

    func scalar(_ node: Node) throws(CapacityError) -> String {
        guard case .scalar(let s) = node.value else { throw error(node, "expected a single value") }
        return s.trimmingSpaces
    }

    /// A finite number within `range`.
    func number(_ node: Node, _ key: String, _ range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude)
        throws(CapacityError) -> Double
    {
        let text = try scalar(node)
        guard let x = Double(text), x.isFinite else { throw error(node, "'\(key)' must be a number, got '\(text)'") }
        guard range.contains(x) else { throw error(node, "'\(key)' must be in \(describe(range)), got \(text)") }
        return x
    }

    /// A whole number within `range`.
    func integer(_ node: Node, _ key: String, _ range: ClosedRange<Int>) throws(CapacityError) -> Int {
        let text = try scalar(node)
        guard let x = Int(text) else { throw error(node, "'\(key)' must be a whole number, got '\(text)'") }
        guard range.contains(x) else {
            throw error(node, "'\(key)' must be in \(range.lowerBound)…\(range.upperBound), got \(x)")
        }
        return x
    }

    /// A fraction written `0.03` or `3%`, within `range`.
    func fraction(_ node: Node, _ key: String, _ range: ClosedRange<Double> = 0...1, openAbove: Bool = false)
        throws(CapacityError) -> Double
    {
        let text = try scalar(node)
        let value: Double
        do { value = try FractionText.value(text) } catch {
            throw self.error(node, "'\(key)' must be a fraction such as 0.03 or 3%, got '\(text)'")
        }
        guard range.contains(value), !(openAbove && value == range.upperBound) else {
            throw error(
                node,
                "'\(key)' must be in \(describe(range))\(openAbove ? " (excluding \(range.upperBound))" : ""), got \(text)"
            )
        }
        return value
    }

    /// Whole weeks: `4w`, `28d` or a plain number of weeks.
    func weeks(_ node: Node, _ key: String) throws(CapacityError) -> Int {
        let text = try scalar(node)
        if let n = Int(text), n >= 0 { return n }
        let seconds: Double
        do { seconds = try DurationText.seconds(text) } catch {
            throw self.error(node, "'\(key)': \(error.description)")
        }
        let weeks = seconds / (7 * 86_400)
        guard weeks == weeks.rounded() else {
            throw error(node, "'\(key)' must be whole weeks (e.g. 4w), got '\(text)'")
        }
        return Int(weeks)
    }

    func date(_ node: Node, _ key: String) throws(CapacityError) -> CivilDate {
        let text = try scalar(node)
        guard let d = CivilDate(text) else { throw error(node, "'\(key)' must be a date YYYY-MM-DD, got '\(text)'") }
        return d
    }

    private func describe(_ range: ClosedRange<Double>) -> String {
        range.upperBound == .greatestFiniteMagnitude
            ? "≥ \(shortestNumber(range.lowerBound))"
            : "[\(shortestNumber(range.lowerBound)), \(shortestNumber(range.upperBound))]"
    }
}
