import ContactHistory
import Foundation
import Planning

/// The small CSV files capacity reads: a header row, `,`-separated fields (RFC 4180 quotes),
/// blank lines ignored; errors are ``CapacityError/badData(_:)`` naming `file:line:column`
/// (column = field number).
struct CSVTable {
    let path: String
    /// Column index by header name (lower-cased).
    let columns: [String: Int]
    /// (line number, fields)
    let rows: [(line: Int, fields: [String])]

    init(path: String, required: [String]) throws(CapacityError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .badData("\(path): cannot read the file") }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        guard let header = lines.first, !header.trimmingCharacters(in: .whitespaces).isEmpty else { throw .badData("\(path):1:1: the file is empty") }
        var columns: [String: Int] = [:]
        for (i, name) in splitCSV(String(header), ",").enumerated() { columns[name.trimmingCharacters(in: .whitespaces).lowercased()] = i }
        for name in required where columns[name] == nil {
            throw .badData("\(path):1:1: the header needs a column '\(name)' (expected \(required.joined(separator: ",")))")
        }
        self.path = path
        self.columns = columns
        var rows: [(line: Int, fields: [String])] = []
        for (i, line) in lines.enumerated().dropFirst() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            rows.append((i + 1, splitCSV(String(line), ",").map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        self.rows = rows
    }

    /// The field `name` of a row.
    func field(_ row: (line: Int, fields: [String]), _ name: String) throws(CapacityError) -> (text: String, column: Int) {
        let c = columns[name]!
        guard c < row.fields.count else { throw .badData("\(path):\(row.line):\(c + 1): missing field '\(name)'") }
        return (row.fields[c], c + 1)
    }

    func number(_ row: (line: Int, fields: [String]), _ name: String, atLeast minimum: Double = 0) throws(CapacityError) -> Double {
        let f = try field(row, name)
        guard let x = Double(f.text), x.isFinite, x >= minimum else {
            throw .badData("\(path):\(row.line):\(f.column): '\(name)' must be a number ≥ \(CanonicalCSVWriter.number(minimum)), found '\(f.text)'")
        }
        return x
    }

    func date(_ row: (line: Int, fields: [String]), _ name: String) throws(CapacityError) -> LocalDate {
        let f = try field(row, name)
        guard let d = LocalDate(iso: f.text) else { throw .badData("\(path):\(row.line):\(f.column): '\(name)' must be a date YYYY-MM-DD, found '\(f.text)'") }
        return d
    }
}

/// A roster: `person,fte,hire_date`, one row per person.
public enum Roster {
    /// - Throws: ``CapacityError/badData(_:)``.
    /// - Complexity: O(rows).
    public static func load(_ path: String) throws(CapacityError) -> [RosterEntry] {
        let table = try CSVTable(path: path, required: ["person", "fte", "hire_date"])
        var people: [RosterEntry] = []
        for row in table.rows {
            let fte = try table.number(row, "fte")
            guard fte > 0, fte <= 1 else {
                throw .badData("\(path):\(row.line):\(try table.field(row, "fte").column): 'fte' must be in (0, 1], found \(CanonicalCSVWriter.number(fte))")
            }
            people.append(RosterEntry(person: try table.field(row, "person").text, fte: fte, hireDate: try table.date(row, "hire_date")))
        }
        guard !people.isEmpty else { throw .badData("\(path): the roster lists nobody") }
        return people
    }
}
