import CCPlanBase
import Foundation
import Planning
import Yams

extension Tolerances {
    /// The keys of a tolerances file (each also with a `daily_`, `weekly_` or `monthly_` prefix).
    public static let keys = ["volume", "service_level", "abandon_rate", "interval_wape"]

    /// Reads a tolerances file (YAML):
    ///
    ///     monthly_volume: 10%      # |Σ forecast − Σ actual| / Σ actual per month
    ///     weekly_volume: 15%
    ///     service_level: 5pp       # at most 5 points below the target, every period
    ///     abandon_rate: 8%
    ///     interval_wape: 25%
    ///     queues:
    ///       vip: { service_level: 2pp }
    ///
    /// Fractions are written `10%` or `0.1`; service-level points `5pp` (or `0.05`).
    ///
    /// - Throws: a ``FileIssue`` at the line and column of the offending key or value.
    /// - Complexity: O(size of the file).
    public static func read(path: String) throws(FileIssue) -> Tolerances {
        guard let data = FileManager.default.contents(atPath: path) else { throw FileIssue(file: path, message: "cannot read the file") }
        return try parse(yaml: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses the text of a tolerances file; see ``read(path:)``.
    public static func parse(yaml text: String, path: String) throws(FileIssue) -> Tolerances {
        func at(_ node: Node, _ message: String) -> FileIssue {
            FileIssue(file: path, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message)
        }
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
        guard let root else { return Tolerances() }
        func block(_ node: Node, allowQueues: Bool) throws(FileIssue) -> Tolerances {
            guard case .mapping(let map) = node else { throw at(node, "expected a mapping of tolerances") }
            var t = Tolerances()
            var seen = Set<String>()
            for (keyNode, value) in map {
                guard case .scalar(let k) = keyNode else { throw at(keyNode, "expected a key") }
                let key = k.string
                guard seen.insert(key).inserted else { throw at(keyNode, "'\(key)' is given twice") }
                if key == "queues" {
                    guard allowQueues else { throw at(keyNode, "'queues' cannot be nested") }
                    guard case .mapping(let queues) = value else { throw at(value, "'queues' must map queue names to tolerances") }
                    for (queueNode, body) in queues {
                        guard case .scalar(let q) = queueNode else { throw at(queueNode, "expected a queue name") }
                        t.perQueue[q.string] = try block(body, allowQueues: false)
                    }
                    continue
                }
                var period: RollUpPeriod?
                var metric = key
                for (prefix, p) in [("daily_", RollUpPeriod.day), ("weekly_", .week), ("monthly_", .month)] where key.hasPrefix(prefix) {
                    period = p
                    metric = String(key.dropFirst(prefix.count))
                }
                guard keys.contains(metric) else {
                    throw at(keyNode, "unknown tolerance '\(key)' (expected \(keys.joined(separator: ", ")), each optionally "
                             + "with a daily_, weekly_ or monthly_ prefix, and 'queues')")
                }
                guard case .scalar(let v) = value else { throw at(value, "'\(key)' must be a number") }
                guard let limit = fraction(v.string, points: metric == "service_level") else {
                    throw at(value, metric == "service_level"
                             ? "'\(key)' must be points below the target such as 5pp or 0.05, found '\(v.string)'"
                             : "'\(key)' must be a fraction such as 10% or 0.1, found '\(v.string)'")
                }
                var limits = period.map { t.byPeriod[$0] ?? Limits() } ?? t.all
                switch metric {
                case "volume": limits.volume = limit
                case "service_level": limits.serviceLevelPoints = limit
                case "abandon_rate": limits.abandonRate = limit
                default: limits.intervalWAPE = limit
                }
                if let period { t.byPeriod[period] = limits } else { t.all = limits }
            }
            return t
        }
        if case .scalar(let s) = root, s.string.isEmpty { return Tolerances() }
        return try block(root, allowQueues: true)
    }

    /// `10%` → 0.1, `0.1` → 0.1, `5pp` → 0.05 (points only for the service level); nil outside
    /// [0, 1] or when it does not parse.
    static func fraction(_ text: String, points: Bool) -> Double? {
        let t = text.trimmingSpaces.lowercased()
        var value: Double?
        if points, t.hasSuffix("pp") {
            value = Double(String(t.dropLast(2)).trimmingSpaces).map { $0 / 100 }
        } else if t.hasSuffix("%") {
            value = Double(String(t.dropLast()).trimmingSpaces).map { $0 / 100 }
        } else {
            value = Double(t)
        }
        guard let v = value, v.isFinite, v >= 0, v <= 1 else { return nil }
        return v
    }
}
