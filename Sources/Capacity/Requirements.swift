import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// The required FTE per queue and week, under one or more requirement scenarios (a plan's).
public struct Requirements: Sendable {
    /// The Mondays of the weeks, consecutive.
    public var weeks: [CivilDate]
    /// Scenario names in file order (`base` first when present).
    public var scenarios: [String]
    /// scenario → queue → FTE per week.
    public var fte: [String: [String: [Double]]]
    /// The file read (for provenance).
    public var source: String
    /// The plan's `intervals.csv` when the requirement came from a plan directory.
    public var intervalsPath: String?

    /// The queues of a scenario, sorted.
    public func queues(_ scenario: String) -> [String] { (fte[scenario] ?? [:]).keys.sorted() }

    /// A CSV `queue,week_start,required_fte` (week_start a Monday; every queue needs a row for
    /// every week between the first and the last).
    ///
    /// - Throws: ``CapacityError/badData(_:)`` naming `file:line:column`.
    /// - Complexity: O(rows).
    public static func csv(_ path: String) throws(CapacityError) -> Requirements {
        let table = try CapacityCSV(path: path, required: ["queue", "week_start", "required_fte"])
        var cells: [String: [CivilDate: Double]] = [:]
        for row in table.rows {
            let queue = try table.field(row, "queue").text
            guard !queue.isEmpty else {
                throw .badData("\(path):\(row.line):\(try table.field(row, "queue").column): empty queue name")
            }
            let date = try table.date(row, "week_start")
            guard date.isoWeekday == 1 else {
                throw .badData(
                    "\(path):\(row.line):\(try table.field(row, "week_start").column): week_start \(date) is not a Monday (weeks start on Monday)"
                )
            }
            let value = try table.number(row, "required_fte")
            guard cells[queue, default: [:]].updateValue(value, forKey: date) == nil else {
                throw .badData("\(path):\(row.line):1: queue '\(queue)' has two rows for the week of \(date)")
            }
        }
        return try assemble(["base": cells], scenarios: ["base"], source: path, intervals: nil)
    }

    /// A `ccplan plan` or `ccplan batch` output directory: its `weekly.csv` (the `fte` column,
    /// summed over channels, per scenario, queue and ISO week; partial weeks at the ends of the
    /// plan's horizon, `days` < 7, are left out); `intervals.csv` beside it is used for the
    /// service level the supply delivers.
    ///
    /// - Throws: ``CapacityError/badData(_:)``.
    /// - Complexity: O(rows).
    public static func planDirectory(_ directory: String) throws(CapacityError) -> Requirements {
        let path = directory + "/weekly.csv"
        guard FileManager.default.fileExists(atPath: path) else {
            throw .badData("\(directory): not a ccplan plan directory (no weekly.csv)")
        }
        let table = try CapacityCSV(path: path, required: ["scenario", "queue", "week", "days", "fte"])
        var cells: [String: [String: [CivilDate: Double]]] = [:]
        var scenarios: [String] = []
        for row in table.rows {
            let scenario = try table.field(row, "scenario").text
            let queue = try table.field(row, "queue").text
            let week = try table.field(row, "week")
            guard let monday = isoWeekMonday(week.text) else {
                throw .badData(
                    "\(path):\(row.line):\(week.column): expected an ISO week such as 2026-W05, found '\(week.text)'")
            }
            let value = try table.number(row, "fte")
            guard try table.number(row, "days") >= 7 else { continue }
            if cells[scenario] == nil { scenarios.append(scenario) }
            cells[scenario, default: [:]][queue, default: [:]][monday, default: 0] += value
        }
        let intervals = directory + "/intervals.csv"
        return try assemble(
            cells, scenarios: scenarios, source: path,
            intervals: FileManager.default.fileExists(atPath: intervals) ? intervals : nil)
    }

    /// The Monday of ISO week `YYYY-Www`.
    static func isoWeekMonday(_ text: String) -> CivilDate? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), parts[1].first == "W", let week = Int(parts[1].dropFirst()),
            (1...53).contains(week), let jan4 = CivilDate(year: year, month: 1, day: 4)
        else { return nil }
        return monday(of: jan4).adding(days: 7 * (week - 1))
    }

    private static func assemble(
        _ cells: [String: [String: [CivilDate: Double]]], scenarios: [String], source: String, intervals: String?
    ) throws(CapacityError) -> Requirements {
        let all = cells.values.flatMap { $0.values.flatMap(\.keys) }
        guard let first = all.min(), let last = all.max() else { throw .badData("\(source): no requirement rows") }
        let weeks = stride(from: 0, through: (last.dayNumber - first.dayNumber) / 7, by: 1).map {
            first.adding(days: 7 * $0)
        }
        var fte: [String: [String: [Double]]] = [:]
        for scenario in scenarios {
            for (queue, byWeek) in cells[scenario] ?? [:] {
                var series: [Double] = []
                for w in weeks {
                    guard let v = byWeek[w] else {
                        throw .badData(
                            "\(source): queue '\(queue)'\(scenario == "base" ? "" : " (scenario '\(scenario)')") has no requirement for the week of \(w)"
                        )
                    }
                    series.append(v)
                }
                fte[scenario, default: [:]][queue] = series
            }
        }
        let ordered = scenarios.contains("base") ? ["base"] + scenarios.filter { $0 != "base" } : scenarios
        return Requirements(weeks: weeks, scenarios: ordered, fte: fte, source: source, intervalsPath: intervals)
    }
}
