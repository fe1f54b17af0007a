import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// A small CSV input of capacity (requirements, rosters, a plan's weekly roll-up), read by the one
/// CSV reader (`CCPlanBase.CSVTable`: quotes, BOM, line ends, delimiters) with the columns it
/// needs; errors are ``CapacityError/badData(_:)`` naming `file:line:column`.
struct CapacityCSV {
    let path: String
    /// Column index by header name (lower-cased).
    let columns: [String: Int]
    let rows: [CSVTable.Row]

    init(path: String, required: [String]) throws(CapacityError) {
        let table: CSVTable
        do { table = try CSVTable.read(path: path) } catch { throw .badData(error.description) }
        var columns: [String: Int] = [:]
        for (i, name) in table.header.enumerated() { columns[name.lowercased()] = i }
        for name in required where columns[name] == nil {
            throw .badData(
                "\(path):1:1: the header needs a column '\(name)' (expected \(required.joined(separator: ",")))")
        }
        self.path = path
        self.columns = columns
        rows = table.rows
    }

    /// The field `name` of a row (names read back as written: see `CSVInjection`).
    func field(_ row: CSVTable.Row, _ name: String) throws(CapacityError) -> (text: String, column: Int) {
        let c = columns[name]!
        guard c < row.fields.count else {
            throw .badData("\(path):\(row.line):\(row.column(c)): missing field '\(name)'")
        }
        return (CSVInjection.restored(row.fields[c]), row.column(c))
    }

    func number(_ row: CSVTable.Row, _ name: String, atLeast minimum: Double = 0) throws(CapacityError) -> Double {
        let f = try field(row, name)
        guard let x = Double(f.text), x.isFinite, x >= minimum else {
            throw .badData(
                "\(path):\(row.line):\(f.column): '\(name)' must be a number ≥ \(shortestNumber(minimum)), found '\(f.text)'"
            )
        }
        return x
    }

    func date(_ row: CSVTable.Row, _ name: String) throws(CapacityError) -> CivilDate {
        let f = try field(row, name)
        guard let d = CivilDate(f.text) else {
            throw .badData("\(path):\(row.line):\(f.column): '\(name)' must be a date YYYY-MM-DD, found '\(f.text)'")
        }
        return d
    }
}

/// A roster: `person,fte,hire_date`, one row per person.
public enum Roster {
    /// - Throws: ``CapacityError/badData(_:)``.
    /// - Complexity: O(rows).
    public static func load(_ path: String) throws(CapacityError) -> [RosterEntry] {
        let table = try CapacityCSV(path: path, required: ["person", "fte", "hire_date"])
        var people: [RosterEntry] = []
        for row in table.rows {
            let fte = try table.number(row, "fte")
            guard fte > 0, fte <= 1 else {
                throw .badData(
                    "\(path):\(row.line):\(try table.field(row, "fte").column): 'fte' must be in (0, 1], found \(shortestNumber(fte))"
                )
            }
            people.append(
                RosterEntry(
                    person: try table.field(row, "person").text, fte: fte, hireDate: try table.date(row, "hire_date")))
        }
        guard !people.isEmpty else { throw .badData("\(path): the roster lists nobody") }
        return people
    }
}
