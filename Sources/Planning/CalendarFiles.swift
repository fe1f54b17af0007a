import CCPlanBase
import ContactHistory
import Forecasting
import Foundation

/// Readers of the small calendar files planners keep beside their history:
/// - holidays: `date,name[,queue]` — days a queue (or every queue) is closed; `date` may also be
///   a rule that names a date in every year (``RecurringDate``): `easter`, `easter+1` (Easter
///   Monday), `easter-2` (Good Friday), `*-12-25`; a rule expands to the years ``ruleYears``;
/// - events: `start,end,queue,factor` — campaigns and mailings multiplying the volume
///   (`queue` empty or `*` for every queue).
/// A header row is expected; errors name `file:line:column`.
public enum CalendarFiles {
    /// - Throws: ``PlanError/badInput(_:)``.
    /// - Complexity: O(rows).
    public static func holidays(_ path: String) throws(PlanError) -> [Holiday] {
        var result: [Holiday] = []
        for (line, fields) in try rows(path, expected: ["date", "name"]) {
            let dates: [CivilDate]
            if let date = CivilDate(fields[0]) {
                dates = [date]
            } else if let rule = RecurringDate(fields[0]) {
                dates = rule.dates(in: ruleYears)
            } else {
                throw .badInput(
                    "\(path):\(line):1: expected a date YYYY-MM-DD or a rule (easter, easter+1, easter-2, *-12-25), found '\(fields[0])'"
                )
            }
            let queue = fields.count > 2 && !fields[2].isEmpty && fields[2] != "*" ? fields[2] : nil
            for date in dates {
                result.append(Holiday(date: date, name: fields.count > 1 ? fields[1] : "holiday", queue: queue))
            }
        }
        return result
    }

    /// The years a holiday rule covers: every history and horizon ccplan plans.
    public static let ruleYears = 1970...2100

    /// - Throws: ``PlanError/badInput(_:)``.
    /// - Complexity: O(rows).
    public static func events(_ path: String) throws(PlanError) -> [VolumeEvent] {
        var result: [VolumeEvent] = []
        for (line, fields) in try rows(path, expected: ["start", "end", "queue", "factor"]) {
            guard fields.count >= 4 else { throw .badInput("\(path):\(line):1: expected start,end,queue,factor") }
            guard let start = CivilDate(fields[0]) else {
                throw .badInput("\(path):\(line):1: expected a date YYYY-MM-DD, found '\(fields[0])'")
            }
            guard let end = CivilDate(fields[1]) else {
                throw .badInput("\(path):\(line):2: expected a date YYYY-MM-DD, found '\(fields[1])'")
            }
            guard end >= start else { throw .badInput("\(path):\(line):2: the event ends before it starts") }
            guard let factor = Double(fields[3]), factor.isFinite, factor >= 0 else {
                throw .badInput("\(path):\(line):4: expected a factor ≥ 0, found '\(fields[3])'")
            }
            let queue = fields[2].isEmpty || fields[2] == "*" ? nil : fields[2]
            result.append(VolumeEvent(start: start, end: end, queue: queue, factor: factor))
        }
        return result
    }

    private static func rows(_ path: String, expected: [String]) throws(PlanError) -> [(Int, [String])] {
        let table: CSVTable
        do { table = try CSVTable.read(path: path) } catch { throw .badInput(error.description) }
        guard Array(table.header.map { $0.lowercased() }.prefix(expected.count)) == expected else {
            throw .badInput(
                FileIssue(
                    file: path, line: 1, column: 1,
                    message: "expected the header \(expected.joined(separator: ","))"
                ).description)
        }
        // Names a spreadsheet-safe writer prefixed with an apostrophe read back as written.
        return table.rows.map { ($0.line, $0.fields.map(CSVInjection.restored)) }
    }
}

/// Timestamps as flags and files give them.
public enum Timestamps {
    /// Parses `YYYY-MM-DDTHH:MM[:SS]` with `Z` or an offset, or a local time in `timeZone`
    /// (the first occurrence of a repeated hour); nil when it does not parse or does not exist.
    public static func parse(_ text: String, timeZone: TimeZone) -> Int64? {
        guard case .success(let parts) = Timestamp.parse(text) else {
            // A plain date means its local midnight.
            guard let date = CivilDate(text) else { return nil }
            return parse("\(date)T00:00", timeZone: timeZone)
        }
        if let instant = parts.instant { return instant }
        var clock = ZoneClock(timeZone)
        switch clock.resolve(local: parts.local) {
        case .unique(let t), .ambiguous(let t, _): return t
        case .gap: return nil
        }
    }
}
