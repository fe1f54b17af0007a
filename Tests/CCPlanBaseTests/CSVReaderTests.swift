import CCPlanBase
import Foundation
import XCTest

/// The one CSV reader: records, positions, line ends, limits, the timestamp parser.
final class CSVReaderTests: XCTestCase {
    private func file(_ bytes: [UInt8]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-csv-\(UUID().uuidString).csv")
            .path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    private func file(_ text: String) throws -> String { try file(Array(text.utf8)) }

    /// Every record as (line, fields).
    private func records(_ path: String, chunkSize: Int = 4 << 20, recovering: Bool = false) throws -> [(Int, [String])]
    {
        var reader = try CSVRecordReader(path: path, chunkSize: chunkSize)
        try reader.detectFormat()
        var out: [(Int, [String])] = []
        try reader.forEachRecord(recovering: recovering) { r in
            out.append((r.line, (0..<r.count).map { r.string($0) }))
            return true
        }
        return out
    }

    func testQuotesDelimitersAndLineEndsGiveTheSameRecordsAtAnyChunkSize() throws {
        let text = "\u{FEFF}a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n\r\n2;\"two\nlines\";3\n4;5;6"
        let path = try file(text)
        for chunk in [4, 5, 7, 16, 4096] {
            let r = try records(path, chunkSize: chunk)
            XCTAssertEqual(r.map(\.0), [1, 2, 4, 6], "chunk \(chunk)")
            XCTAssertEqual(
                r.map(\.1),
                [["a", "b", "c"], ["1", "x;y", "say \"hi\""], ["2", "two\nlines", "3"], ["4", "5", "6"]])
        }
    }

    func testOldMacLineEndsAreRead() throws {
        let r = try records(try file("queue,offered\rbilling,3\rvip,4\r"))
        XCTAssertEqual(r.map(\.1), [["queue", "offered"], ["billing", "3"], ["vip", "4"]])
        XCTAssertEqual(r.map(\.0), [1, 2, 3])
    }

    func testSyntaxErrorsNameLineAndColumnAndRecoveringSkipsTheLine() throws {
        let path = try file("a,b\n1,\"x\"y\n2,3\n\"open,4\n")
        XCTAssertThrowsError(try records(path)) { error in
            guard let e = error as? CSVSyntaxError else { return XCTFail("\(error)") }
            XCTAssertEqual([e.line, e.column], [2, 6])
            XCTAssertEqual(
                e.issue(in: "f.csv").description, "f.csv:2:6: expected a delimiter or a line end after a closing quote")
        }
        let tolerant = try records(path, recovering: true)
        XCTAssertEqual(tolerant.map(\.1), [["a", "b"], ["2", "3"]])
    }

    func testARecordWithoutALineEndIsRefusedWithBoundedMemory() throws {
        let path = try file([UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20))
        var reader = try CSVRecordReader(path: path, chunkSize: 1 << 16, maximumRecordBytes: 1 << 20)
        XCTAssertThrowsError(try reader.forEachRecord { _ in true }) { error in
            XCTAssertEqual((error as? CSVSyntaxError)?.line, 1)
            XCTAssertTrue("\(error)".contains("longer than 1024 KiB"), "\(error)")
        }
        XCTAssertThrowsError(try CSVRecordReader(path: FileManager.default.temporaryDirectory.path)) { error in
            XCTAssertEqual((error as? CSVSyntaxError)?.message, "is a directory, not a file")
        }
    }

    func testTableGivesTrimmedFieldsAndCharacterColumns() throws {
        let path = try file("date, name ,queue\n2026-12-24,\"Christmas, Eve\", vip\n\n2026-12-25,Christmas\n")
        let table = try CSVTable.read(path: path)
        XCTAssertEqual(table.header, ["date", "name", "queue"])
        XCTAssertEqual(table.rows.map(\.line), [2, 4])
        XCTAssertEqual(table.rows[0].fields, ["2026-12-24", "Christmas, Eve", "vip"])
        XCTAssertEqual(table.rows[0].columns, [1, 12, 29, 33])
        XCTAssertEqual(table.rows[1][2], "")
        XCTAssertEqual(table.issue(table.rows[0], 2, "no such queue").description, "\(path):2:29: no such queue")
        XCTAssertEqual(table.column(named: "QUEUE"), 2)
        XCTAssertThrowsError(try CSVTable.read(path: try file(""))) { error in
            XCTAssertEqual((error as? FileIssue)?.message, "the file is empty (no header line)")
        }
    }

    func testTimestamps() {
        func parse(_ s: String) -> Timestamp.Parts? { try? Timestamp.parse(s).get() }
        let local = Int64(CivilDate(year: 2026, month: 3, day: 29)!.dayNumber) * 86_400 + 3600 + 1800
        XCTAssertEqual(parse("2026-03-29T01:30"), Timestamp.Parts(local: local, offset: nil, fraction: 0))
        XCTAssertEqual(parse(" 2026-03-29 01:30:00 ")?.local, local)
        XCTAssertEqual(parse("2026-03-29T01:30:00+01:00")?.instant, local - 3600)
        XCTAssertEqual(parse("2026-03-29T01:30:00-0530")?.instant, local + 19_800)
        XCTAssertEqual(parse("2026-03-29T01:30:00Z")?.instant, local)
        XCTAssertEqual(parse("2026-03-29T01:30:07.250")?.fraction, 0.25)
        XCTAssertEqual(parse("2026-03-29T01:30:07.250")?.local, local + 7)
        XCTAssertNil(parse("2026-02-30T01:30"))
        XCTAssertNil(parse("2026-03-29T24:00"))
        XCTAssertNil(parse("2026-03-29T01:30:00+15:00"))
        XCTAssertNil(parse("2026-03-29T01:30:00."))
        XCTAssertEqual(try? Timestamp.parse("2026-02-30T01:30").get(), nil)
        if case .failure(let e) = Timestamp.parse("2026-02-30T01:30") { XCTAssertEqual(e.description, "no such date") }
    }

    func testIntervalStartsRefuseFractionalSeconds() throws {
        let path = try file("t\n2026-03-29T01:30:00.000\n2026-03-29T01:30:00.5\n")
        var reader = try CSVRecordReader(path: path)
        try reader.detectFormat()
        var parsed: [ParsedTimestamp] = []
        try reader.forEachRecord { r in
            if r.line > 1 { parsed.append(r.timestamp(0)) }
            return true
        }
        let local = Int64(CivilDate(year: 2026, month: 3, day: 29)!.dayNumber) * 86_400 + 5400
        XCTAssertEqual(parsed[0], .local(local))
        guard case .invalid(let message) = parsed[1] else { return XCTFail("\(parsed[1])") }
        XCTAssertTrue(message.contains("fractional seconds"), message)
    }
}
