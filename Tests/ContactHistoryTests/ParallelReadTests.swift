import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// One file read on several threads is the serial read, series for series and message for
/// message: on every fixture (good and bad) under every option set, and on generated files that
/// take the parallel path (several queues interleaved, DST days, measures that begin mid-file,
/// rows out of order, duplicates found after reading).
final class ParallelReadTests: XCTestCase {
    /// Reads `paths` serially and with `workers` threads (every file cut, however small).
    private func assertSameRead(
        _ paths: [String], _ options: HistoryReadOptions, workers: Int, file: StaticString = #filePath,
        line: UInt = #line
    ) {
        let serial = Result { () throws(HistoryError) in try HistoryReader(options: options).read(paths) }
        var parallelReader = HistoryReader(options: options, workers: workers)
        parallelReader.parallelMinimumBytes = 0
        parallelReader.chunkSize = 64  // ranges cross the reader's chunks too
        let parallel = Result { () throws(HistoryError) in try parallelReader.read(paths) }
        let name = paths.map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: ",")
        switch (serial, parallel) {
        case (.success(let a), .success(let b)):
            XCTAssertNil(firstDifference(a.series, b.series), "\(name), \(workers) workers", file: file, line: line)
            XCTAssertEqual(a.series.map(\.readNotes), b.series.map(\.readNotes), name, file: file, line: line)
            for (x, y) in zip(a.series, b.series) {
                XCTAssertEqual(Set(x.measures.keys), Set(y.measures.keys), name, file: file, line: line)
                for (key, column) in x.measures {
                    XCTAssertEqual(
                        column.map(\.bitPattern), y.measures[key]?.map(\.bitPattern), "\(name) \(key)", file: file,
                        line: line)
                }
            }
            XCTAssertEqual(a.rowCount, b.rowCount, name, file: file, line: line)
            XCTAssertEqual(a.byteCount, b.byteCount, name, file: file, line: line)
        case (.failure(let a), .failure(let b)):
            XCTAssertEqual(a.description, b.description, "\(name), \(workers) workers", file: file, line: line)
        default:
            XCTFail("\(name), \(workers) workers: serial \(serial), parallel \(parallel)", file: file, line: line)
        }
    }

    private let optionSets: [HistoryReadOptions] = [
        HistoryReadOptions(),
        HistoryReadOptions(timeZone: berlin),
        HistoryReadOptions(timeZone: berlin, onDuplicate: .sum, dstGap: .shift, outliers: .accept),
        HistoryReadOptions(timeZone: TimeZone(identifier: "America/New_York")!, onDuplicate: .last),
        HistoryReadOptions(profile: .genesys, onDuplicate: .sum),
        HistoryReadOptions(profile: .connect),
        HistoryReadOptions(profile: .nice),
        HistoryReadOptions(profile: .avayaCMS),
    ]

    func testEveryFixtureReadsTheSameOnSeveralThreads() throws {
        let directory = URL(fileURLWithPath: try fixture("canonical.csv")).deletingLastPathComponent()
        var paths: [String] = []
        for sub in ["", "Reproducers"] {
            let d = directory.appendingPathComponent(sub)
            for name in try FileManager.default.contentsOfDirectory(atPath: d.path).sorted()
            where name.hasSuffix(".csv") || name.hasSuffix(".tsv") {
                paths.append(d.appendingPathComponent(name).path)
            }
        }
        XCTAssertGreaterThan(paths.count, 30)
        for path in paths {
            for options in optionSets {
                for workers in [2, 3, 7] { assertSameRead([path], options, workers: workers) }
            }
        }
        // Several files, the same series in two of them.
        assertSameRead(
            [try fixture("canonical.csv"), try fixture("us-bank-extract.csv"), try fixture("canonical.csv")],
            HistoryReadOptions(onDuplicate: .sum), workers: 3)
    }

    /// Generated files large enough to be cut many times, that the parallel path reads itself
    /// (it does not hand them back to the serial reader).
    func testGeneratedFilesTakeTheParallelPathAndReadTheSame() throws {
        let directory = try temporaryDirectory()
        var rng = SplitMix64(seed: 21)
        let start = utc(2024, 3, 25)  // spans the Berlin spring-forward night of 31 March
        func write(_ name: String, _ text: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        // Queues interleaved per interval; UTC instants; a wait column from row 700 on, a staffed
        // column only on queue c; queue d's rows shuffled in blocks (out of order).
        var text = "interval_start,queue,channel,offered,handled,abandoned,aht_seconds,wait_seconds,staffed_agents\n"
        var rows: [String] = []
        for k in 0..<1_000 {
            let t = start + Int64(k) * 1800
            for q in ["a", "b", "c", "d"] {
                let offered = Int(rng.uniform() * 30)
                let handled = offered - Int(rng.uniform() * Double(offered + 1) * 0.1)
                let wait = k >= 700 ? String(Int(rng.uniform() * 60)) : ""
                let staffed = q == "c" ? String(3 + Int(rng.uniform() * 5)) : ""
                rows.append(
                    "\(iso8601(t, offset: 0)),\(q),\(q == "b" ? "chat" : "voice"),\(offered),\(handled),\(offered - handled),\(180 + k % 7),\(wait),\(staffed)"
                )
            }
        }
        for b in stride(from: 0, to: rows.count - 40, by: 40) where b % 80 == 0 { rows.swapAt(b + 3, b + 39) }
        // A backfill at the end: queue a's week before, after all the rest (out of order across ranges).
        for k in 0..<336 {
            rows.append(
                "\(iso8601(start - 7 * 86_400 + Int64(k) * 1800, offset: 0)),a,voice,\(k % 13),\(k % 13),0,200,,")
        }
        text += rows.joined(separator: "\n") + "\n"
        let utcFile = try write("utc.csv", text)
        let measured = try HistoryReader(options: HistoryReadOptions(timeZone: berlin)).read([utcFile])
        XCTAssertEqual(Set(measured.series.flatMap(\.measures.keys)), [.waitSeconds, .staffedSeconds])
        // Local times in Berlin across the fall-back night (the repeated hour twice per queue).
        var local = "interval_start,queue,offered\n"
        var day = CivilDate(year: 2024, month: 10, day: 20)!
        for _ in 0..<14 {
            for hour in 0..<24 {
                let repeats = day == CivilDate(year: 2024, month: 10, day: 27)! && hour == 2 ? 2 : 1
                for _ in 0..<repeats {
                    for q in ["x", "y"] {
                        local += String(
                            format: "%04d-%02d-%02d %02d:00,%@,%d\n", day.year, day.month, day.day, hour, q,
                            Int(rng.uniform() * 9))
                    }
                }
            }
            day = day.adding(days: 1)
        }
        let localFile = try write("local.csv", local)
        // Queue z in two blocks, each in time order, the second a month earlier; y runs through.
        // Cut in the middle (two workers), each range is in order and only the join is not.
        var blocks = "interval_start,queue,offered\n"
        let later = start + 30 * 86_400
        for k in 0..<1_000 {
            blocks += "\(iso8601(later + Int64(k) * 1800, offset: 0)),z,\(k % 11)\n"
            blocks += "\(iso8601(later + Int64(k) * 1800, offset: 0)),y,\(k % 5)\n"
        }
        for k in 1_000..<1_200 { blocks += "\(iso8601(later + Int64(k) * 1800, offset: 0)),y,\(k % 5)\n" }
        for k in 0..<1_000 {
            blocks += "\(iso8601(start + Int64(k) * 1800, offset: 0)),z,\(k % 7)\n"
            blocks += "\(iso8601(later + Int64(1_200 + k) * 1800, offset: 0)),y,\(k % 5)\n"
        }
        let blocksFile = try write("blocks.csv", blocks)
        for (path, options) in [
            (utcFile, HistoryReadOptions(timeZone: berlin)),
            (localFile, HistoryReadOptions(timeZone: berlin)),
            (blocksFile, HistoryReadOptions()),
        ] {
            for workers in [2, 3, 8] {
                assertSameRead([path], options, workers: workers)
                var state = ReadState(options: options, chunkSize: 4096)
                XCTAssertTrue(
                    state.readFileInParallel(path, index: 0, workers: workers, minimumBytes: 0),
                    "\(path) went back to the serial reader")
            }
        }
        // The same rows as a duplicate: the message names both lines, found after reading.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let duplicated = try write("duplicate.csv", (lines + [lines[3000]]).joined(separator: "\n") + "\n")
        assertSameRead([duplicated], HistoryReadOptions(), workers: 4)
        // A quoted field anywhere sends the file back to the serial reader (a cut could fall in it).
        let quoted = try write("quoted.csv", text.replacingOccurrences(of: ",d,voice,", with: ",\"d\",voice,"))
        var state = ReadState(options: HistoryReadOptions(), chunkSize: 4096)
        XCTAssertFalse(state.readFileInParallel(quoted, index: 0, workers: 3, minimumBytes: 0))
        assertSameRead([quoted], HistoryReadOptions(), workers: 3)
    }
}
