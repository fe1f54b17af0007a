import CCPlanBase
import ContactHistory
import Foundation
import Planning
import Yams

/// Reads values out of a YAML document with their positions, for the staff and scenario files:
/// every error is ``CapacityError/badStaffFile(path:line:column:message:)`` at the offending node
/// (positions from Yams' node marks, as `Planning.ScenarioFile` does).
struct YAMLFields {
    let path: String

    /// Parses the text; a syntax error points at the scanner's position.
    func root(_ text: String) throws(CapacityError) -> Node {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            if let y = error as? YamlError {
                switch y {
                case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                    throw .badStaffFile(path: path, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
                default: break
                }
            }
            throw .badStaffFile(path: path, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
        guard let root else { throw .badStaffFile(path: path, line: 1, column: 1, message: "the file is empty") }
        return root
    }

    func error(_ node: Node, _ message: String) -> CapacityError {
        .badStaffFile(path: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
    }

    /// The entries of a mapping, keys checked against `known` (an unknown key is an error at the key).
    func mapping(_ node: Node, _ what: String, known: [String]) throws(CapacityError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let map) = node else { throw error(node, "\(what) must be a mapping") }
        var out: [(key: String, keyNode: Node, value: Node)] = []
        var seen = Set<String>()
        for (k, v) in map {
            let key = try scalar(k)
            guard known.contains(key) else {
                throw error(k, "unknown key '\(key)' in \(what) (expected \(known.joined(separator: ", ")))")
            }
            guard seen.insert(key).inserted else { throw error(k, "'\(key)' is given twice") }
            out.append((key, k, v))
        }
        return out
    }

    /// Fails at `node` when a required key is missing.
    func require(_ keys: [String], in entries: [(key: String, keyNode: Node, value: Node)], at node: Node, _ what: String) throws(CapacityError) {
        for key in keys where !entries.contains(where: { $0.key == key }) { throw error(node, "\(what) needs '\(key)'") }
    }

    func list(_ node: Node, _ what: String) throws(CapacityError) -> [Node] {
        guard case .sequence(let items) = node else { throw error(node, "\(what) must be a list") }
        return Array(items)
    }

    func scalar(_ node: Node) throws(CapacityError) -> String {
        guard case .scalar(let s) = node else { throw error(node, "expected a single value") }
        return s.string.trimmingCharacters(in: .whitespaces)
    }

    /// A finite number within `range`.
    func number(_ node: Node, _ key: String, _ range: ClosedRange<Double> = 0...Double.greatestFiniteMagnitude) throws(CapacityError) -> Double {
        let text = try scalar(node)
        guard let x = Double(text), x.isFinite else { throw error(node, "'\(key)' must be a number, got '\(text)'") }
        guard range.contains(x) else { throw error(node, "'\(key)' must be in \(describe(range)), got \(text)") }
        return x
    }

    /// A whole number within `range`.
    func integer(_ node: Node, _ key: String, _ range: ClosedRange<Int>) throws(CapacityError) -> Int {
        let text = try scalar(node)
        guard let x = Int(text) else { throw error(node, "'\(key)' must be a whole number, got '\(text)'") }
        guard range.contains(x) else { throw error(node, "'\(key)' must be in \(range.lowerBound)…\(range.upperBound), got \(x)") }
        return x
    }

    /// A fraction written `0.03` or `3%`, within `range`.
    func fraction(_ node: Node, _ key: String, _ range: ClosedRange<Double> = 0...1, openAbove: Bool = false) throws(CapacityError) -> Double {
        let text = try scalar(node)
        var x: Double?
        if text.hasSuffix("%") { x = Double(text.dropLast().trimmingCharacters(in: .whitespaces)).map { $0 / 100 } } else { x = Double(text) }
        guard var value = x, value.isFinite else { throw error(node, "'\(key)' must be a fraction such as 0.03 or 3%, got '\(text)'") }
        value = (value * 1e12).rounded() / 1e12  // 3% → 0.03 exactly as typed
        guard range.contains(value), !(openAbove && value == range.upperBound) else {
            throw error(node, "'\(key)' must be in \(describe(range))\(openAbove ? " (excluding \(range.upperBound))" : ""), got \(text)")
        }
        return value
    }

    /// Whole weeks: `4w`, `28d` or a plain number of weeks.
    func weeks(_ node: Node, _ key: String) throws(CapacityError) -> Int {
        let text = try scalar(node)
        if let n = Int(text), n >= 0 { return n }
        let seconds: Double
        do { seconds = try DurationText.seconds(text) } catch { throw self.error(node, "'\(key)': \(error.description)") }
        let weeks = seconds / (7 * 86_400)
        guard weeks == weeks.rounded() else { throw error(node, "'\(key)' must be whole weeks (e.g. 4w), got '\(text)'") }
        return Int(weeks)
    }

    func date(_ node: Node, _ key: String) throws(CapacityError) -> CivilDate {
        let text = try scalar(node)
        guard let d = CivilDate(text) else { throw error(node, "'\(key)' must be a date YYYY-MM-DD, got '\(text)'") }
        return d
    }

    private func describe(_ range: ClosedRange<Double>) -> String {
        range.upperBound == .greatestFiniteMagnitude ? "≥ \(shortestNumber(range.lowerBound))"
            : "[\(shortestNumber(range.lowerBound)), \(shortestNumber(range.upperBound))]"
    }
}
