import CCPlanBase
import ConfigFiles
import Foundation
import Planning

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
        try tolerances(ConfigFile.read(path).root)
    }

    /// Parses the text of a tolerances file; see ``read(path:)``.
    public static func parse(yaml text: String, path: String) throws(FileIssue) -> Tolerances {
        try tolerances(ConfigFile.parse(text, path: path))
    }

    /// The tolerances of a file's root node (the one strict YAML reader of ccplan, `ConfigFiles`).
    static func tolerances(_ root: ConfigNode) throws(FileIssue) -> Tolerances {
        if root.isNull { return Tolerances() }
        let periodKeys = keys.flatMap { k in [k, "daily_" + k, "weekly_" + k, "monthly_" + k] }
        func block(_ node: ConfigNode, allowQueues: Bool) throws(FileIssue) -> Tolerances {
            let map = try node.mapping("expected a mapping of tolerances")
            var t = Tolerances()
            for entry in map.entries {
                let key = entry.key, value = entry.value
                if key == "queues" {
                    guard allowQueues else { throw entry.keyNode.issue("'queues' cannot be nested") }
                    for q in try value.mapping("'queues' must map queue names to tolerances").entries {
                        t.perQueue[q.key] = try block(q.value, allowQueues: false)
                    }
                    continue
                }
                guard periodKeys.contains(key) else {
                    throw entry.keyNode.issue(
                        "unknown tolerance '\(key)' (expected \(keys.joined(separator: ", ")), each optionally "
                            + "with a daily_, weekly_ or monthly_ prefix, and 'queues')")
                }
                var period: RollUpPeriod?
                var metric = key
                for (prefix, p) in [("daily_", RollUpPeriod.day), ("weekly_", .week), ("monthly_", .month)]
                where key.hasPrefix(prefix) {
                    period = p
                    metric = String(key.dropFirst(prefix.count))
                }
                let text = try value.string()
                guard let limit = fraction(text, points: metric == "service_level") else {
                    throw value.issue(
                        metric == "service_level"
                            ? "'\(key)' must be points below the target such as 5pp or 0.05, found '\(text)'"
                            : "'\(key)' must be a fraction such as 10% or 0.1, found '\(text)'")
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
