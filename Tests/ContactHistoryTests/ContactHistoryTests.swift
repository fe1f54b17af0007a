import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// The fixture directory shipped with the tests.
func fixture(_ name: String) throws -> String {
    guard let directory = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
        throw XCTSkip("the Fixtures resource directory is missing from the test bundle")
    }
    return directory.appendingPathComponent(name).path
}

let berlin = TimeZone(identifier: "Europe/Berlin")!

/// Seconds since 1970 of a UTC date-time.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0) -> Int64 {
    Int64(CivilDate(year: year, month: month, day: day)!.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60)
}

/// Reads fixtures, failing the test with the reader's message on bad data.
func load(
    _ names: [String], _ options: HistoryReadOptions = HistoryReadOptions(), chunkSize: Int? = nil
) throws -> ContactHistory {
    var reader = HistoryReader(options: options)
    if let chunkSize { reader.chunkSize = chunkSize }
    return try reader.read(try names.map(fixture))
}

/// The issues of a file that must not load.
func issues(_ name: String, _ options: HistoryReadOptions = HistoryReadOptions()) throws -> HistoryError {
    let path = try fixture(name)
    do throws(HistoryError) {
        _ = try HistoryReader(options: options).read([path])
    } catch {
        return error
    }
    XCTFail("\(name) loaded, but it has an error")
    return HistoryError(issues: [])
}

/// Where two lists of series first differ, briefly; `nil` when they are equal.
func firstDifference(_ a: [IntervalSeries], _ b: [IntervalSeries]) -> String? {
    guard a.count == b.count else { return "\(a.count) series vs \(b.count): \(a.map(\.queue)) vs \(b.map(\.queue))" }
    for (x, y) in zip(a, b) where x != y {
        let head = "\(x.queue)/\(x.channel): "
        if (x.queue, x.channel, x.intervalMinutes, x.start, x.count) != (y.queue, y.channel, y.intervalMinutes, y.start, y.count) {
            return head + "\((x.queue, x.channel, x.intervalMinutes, x.start, x.count)) vs \((y.queue, y.channel, y.intervalMinutes, y.start, y.count))"
        }
        for i in x.indices {
            let u = [x.offered[i], x.handled[i], x.abandoned[i], x.handleSeconds[i]]
            let v = [y.offered[i], y.handled[i], y.abandoned[i], y.handleSeconds[i]]
            if x.states[i] != y.states[i] || zip(u, v).contains(where: { !($0 == $1 || ($0.isNaN && $1.isNaN)) }) {
                return head + "interval \(i): \(x.states[i]) \(u) vs \(y.states[i]) \(v)"
            }
        }
        return head + "time zones \(x.timeZone.identifier) vs \(y.timeZone.identifier)"
    }
    return nil
}

final class ContactHistoryTests: XCTestCase {
    // MARK: Canonical format

    func testCanonicalFileWithAnyColumnOrderAndCase() throws {
        let history = try load(["canonical.csv"])
        XCTAssertEqual(history.rowCount, 6)
        XCTAssertEqual(history.series.map(\.queue), ["billing", "support"])
        let billing = try XCTUnwrap(history.series(queue: "billing"))
        XCTAssertEqual(billing.intervalMinutes, 30)
        XCTAssertEqual(billing.start, utc(2026, 3, 2, 8))
        XCTAssertEqual(billing.states, [.observed, .observed, .absent, .observed])
        XCTAssertEqual(billing.offered[0], 10)
        XCTAssertEqual(billing.handleSeconds[0], 2700)
        XCTAssertEqual(billing.handleSeconds[1], 310.5 * 12)
        XCTAssertEqual(billing.handleSeconds[3], 0, "no AHT and nothing handled is zero handle time")
        let support = try XCTUnwrap(history.series(queue: "support", channel: .chat))
        XCTAssertEqual(support.intervalMinutes, 15)
        XCTAssertEqual(support.start, utc(2026, 3, 2, 7), "an offset is honoured")
        XCTAssertEqual(support.count, 3)
    }

    func testMissingIntervalsStayMissingAndZerosStayZero() throws {
        let s = try XCTUnwrap(load(["missing-vs-zero.csv"]).series.first)
        XCTAssertEqual(s.queue, "default")
        XCTAssertEqual(s.channel, .voice)
        XCTAssertEqual(s.count, 4)
        XCTAssertEqual(s.states, [.observed, .absent, .observed, .observed])
        XCTAssertTrue(s.offered[1].isNaN, "an absent interval holds NaN, never 0")
        XCTAssertTrue(s.isZero(2))
        XCTAssertFalse(s.isZero(1))
        XCTAssertEqual(s.observedCount, 3)
        XCTAssertEqual(s.zeroCount, 1)
        XCTAssertEqual(s.absentCount, 1)
        XCTAssertTrue(s.handled[0].isNaN, "handled was not reported")
    }

    func testSemicolonsWithDecimalCommas() throws {
        let s = try XCTUnwrap(load(["semicolon-decimal-comma.csv"]).series.first)
        XCTAssertEqual(s.offered, [10, 12, 7])
        XCTAssertEqual(s.handleSeconds, [300.5 * 9, 310.25 * 11, 299 * 7])
    }

    func testByteOrderMarkAndCRLF() throws {
        let s = try XCTUnwrap(load(["bom-crlf.csv"]).series.first)
        XCTAssertEqual(s.queue, "billing")
        XCTAssertEqual(s.intervalMinutes, 15)
        XCTAssertEqual(s.offered, [10, 11, 9], "volume is an alias of offered")
        XCTAssertEqual(s.handleSeconds, [3000, 3300, 2700])
    }

    func testQuotedFieldsWithDoubledQuotesAndLineBreaks() throws {
        for chunk in [nil, 5, 17] as [Int?] {
            let history = try load(["quoted.csv"], chunkSize: chunk)
            XCTAssertEqual(history.series.map(\.queue), ["Billing, \"Premium\"", "Line\nTwo"])
            XCTAssertEqual(history.series[0].offered, [3, 4])
            XCTAssertEqual(history.series[1].offered, [1, 2])
        }
    }

    func testTabAndPipeDelimiters() throws {
        XCTAssertEqual(try load(["tab.tsv"]).series.first?.offered, [5, 6])
        let pipe = try XCTUnwrap(load(["pipe.csv"]).series.first)
        XCTAssertEqual(pipe.offered, [5, 6])
        XCTAssertEqual(pipe.intervalMinutes, 5)
    }

    func testTinyChunksReadTheSameAsOneChunk() throws {
        for name in ["canonical.csv", "bom-crlf.csv", "semicolon-decimal-comma.csv", "nice.csv"] {
            let options = HistoryReadOptions(profile: name == "nice.csv" ? .nice : nil)
            let whole = try load([name], options)
            for chunk in [1, 2, 3, 7, 64] {
                XCTAssertEqual(try load([name], options, chunkSize: chunk).series, whole.series, "\(name), chunk \(chunk)")
            }
        }
    }

    func testLastLineWithoutLineBreakAndBlankLines() throws {
        let directory = try temporaryDirectory()
        for (name, text) in [
            ("no-newline.csv", "interval_start,offered\n2026-03-02T08:00Z,1\n\n2026-03-02T08:30Z,2"),
            ("crlf-no-newline.csv", "interval_start,offered\r\n2026-03-02T08:00Z,1\r\n\r\n2026-03-02T08:30Z,\"2\""),
        ] {
            let path = directory.appendingPathComponent(name).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            for chunk in [1, 4, 4096] {
                var reader = HistoryReader()
                reader.chunkSize = chunk
                XCTAssertEqual(try reader.read([path]).series.first?.offered, [1, 2], "\(name), chunk \(chunk)")
            }
        }
        let empty = directory.appendingPathComponent("empty.csv").path
        try Data().write(to: URL(fileURLWithPath: empty))
        XCTAssertThrowsError(try HistoryReader().read([empty])) { XCTAssertTrue("\($0)".contains("the file is empty"), "\($0)") }
        let unterminated = directory.appendingPathComponent("unterminated.csv").path
        try Data("interval_start,queue,offered\n2026-03-02T08:00Z,\"billing,1\n".utf8).write(to: URL(fileURLWithPath: unterminated))
        XCTAssertThrowsError(try HistoryReader().read([unterminated])) {
            XCTAssertTrue("\($0)".contains("unterminated.csv:2:19: a quoted field is not closed"), "\($0)")
        }
    }

    /// A fresh directory removed after the test.
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("contacthistory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    // MARK: Time zones and DST

    func testSpringForwardInBerlin() throws {
        let s = try XCTUnwrap(load(["dst-spring-berlin.csv"], HistoryReadOptions(timeZone: berlin)).series.first)
        // 01:00 and 01:30 CET, then 03:00 and 03:30 CEST: four consecutive half-hours in UTC.
        XCTAssertEqual(s.start, utc(2026, 3, 29, 0))
        XCTAssertEqual(s.states, [.observed, .observed, .observed, .observed])
        XCTAssertEqual(s.offered, [1, 2, 3, 4])
        XCTAssertEqual(s.localSlots().map(\.slot), [2, 3, 6, 7])
        XCTAssertEqual(s.isoStart(2), "2026-03-29T03:00:00+02:00")
    }

    func testFallBackInBerlinResolvesTheRepeatedHourInFileOrder() throws {
        let s = try XCTUnwrap(load(["dst-fall-berlin.csv"], HistoryReadOptions(timeZone: berlin)).series.first)
        XCTAssertEqual(s.start, utc(2026, 10, 24, 23, 30))
        XCTAssertEqual(s.count, 6)
        XCTAssertEqual(s.offered, [1, 2, 3, 4, 5, 6], "first 02:00 is summer time, the second winter time")
        let slots = s.localSlots()
        XCTAssertEqual(slots.map(\.slot), [3, 4, 5, 4, 5, 6])
        XCTAssertEqual(slots.map(\.occurrence), [0, 0, 0, 1, 1, 0])
        XCTAssertEqual(slots.map(\.utcOffset), [7200, 7200, 7200, 3600, 3600, 3600])
        XCTAssertEqual(s.localSlot(3), slots[3])
        XCTAssertEqual(s.isoStart(1), "2026-10-25T02:00:00+02:00")
        XCTAssertEqual(s.isoStart(3), "2026-10-25T02:00:00+01:00")
    }

    func testSpringGapIsAnError() throws {
        let error = try issues("err-spring-gap.csv", HistoryReadOptions(timeZone: berlin))
        XCTAssertEqual(error.issues.map(\.line), [3])
        XCTAssertEqual(error.issues.first?.column, 1)
        XCTAssertTrue(error.description.contains("does not exist in Europe/Berlin"), error.description)
    }

    func testLocalSlotsOnTwentyThreeAndTwentyFiveHourDays() throws {
        let options = HistoryReadOptions(timeZone: berlin)
        var s = IntervalSeries(
            queue: "q", channel: .voice, intervalMinutes: 60, timeZone: berlin, start: utc(2026, 3, 28, 23),
            offered: Array(repeating: 1, count: 23), handled: Array(repeating: .nan, count: 23),
            abandoned: Array(repeating: .nan, count: 23), handleSeconds: Array(repeating: .nan, count: 23),
            states: Array(repeating: .observed, count: 23))
        XCTAssertEqual(Set(s.localSlots().map(\.date)), [CivilDate(year: 2026, month: 3, day: 29)!], "23 hours")
        s.start = utc(2026, 10, 24, 22)
        s.offered += [1, 1]
        s.handled += [.nan, .nan]
        s.abandoned += [.nan, .nan]
        s.handleSeconds += [.nan, .nan]
        s.states += [.observed, .observed]
        XCTAssertEqual(Set(s.localSlots().map(\.date)), [CivilDate(year: 2026, month: 10, day: 25)!], "25 hours")
        _ = options
    }

    // MARK: Vendor profiles and mappings

    func testGenesysProfile() throws {
        let history = try load(["genesys.csv"], HistoryReadOptions(profile: .genesys, onDuplicate: .sum))
        let s = try XCTUnwrap(history.series(queue: "Billing"))
        XCTAssertEqual(s.intervalMinutes, 15)
        XCTAssertEqual(s.offered, [23, 24], "callbacks count as voice (summed with --on-duplicate sum)")
        XCTAssertEqual(s.handled, [21, 24])
        XCTAssertEqual(s.handleSeconds, [6300, 7200])
    }

    func testConnectProfileDerivesOffered() throws {
        let history = try load(["connect.csv"], HistoryReadOptions(profile: .connect))
        let voice = try XCTUnwrap(history.series(queue: "Sales", channel: .voice))
        XCTAssertEqual(voice.offered, [32, 30])
        XCTAssertEqual(voice.handleSeconds, [7200, 6250])
        XCTAssertEqual(try XCTUnwrap(history.series(queue: "Sales", channel: .chat)).offered, [10, 13])
    }

    func testNICEProfileWithDurationsAndDecimalCommas() throws {
        let s = try XCTUnwrap(load(["nice.csv"], HistoryReadOptions(profile: .nice)).series.first)
        XCTAssertEqual(s.queue, "Support DE")
        XCTAssertEqual(s.offered, [40, 44])
        XCTAssertEqual(s.abandoned, [2, 4])
        XCTAssertEqual(s.handleSeconds, [300 * 38, 330 * 40])
    }

    func testAvayaCMSProfile() throws {
        let s = try XCTUnwrap(load(["avaya-cms.csv"], HistoryReadOptions(profile: .avayaCMS)).series.first)
        XCTAssertEqual(s.queue, "Skill 12")
        XCTAssertEqual(s.offered, [55, 64])
        XCTAssertEqual(s.handled, [50, 60])
        XCTAssertEqual(s.handleSeconds, [50 * 300, 60 * 300])
    }

    func testExplicitMappingsWinOverCanonicalNames() throws {
        let us = try load(["us-bank-extract.csv"], HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
        let s = try XCTUnwrap(us.series.first)
        XCTAssertEqual(s.offered.first, 560, "calls is an alias of offered")
        XCTAssertEqual(s.count, 49, "07:00 Monday to 07:00 Tuesday in half-hours")
        XCTAssertEqual(s.observedCount, 4)

        let anon = try load(["anon-bank-extract.csv"], HistoryReadOptions(mappings: [
            .intervalStart: "timestamp", .handled: "answered", .ahtSeconds: "aht_sec",
        ]))
        let a = try XCTUnwrap(anon.series.first)
        XCTAssertEqual(a.offered, [2, 0, 3])
        XCTAssertEqual(a.handleSeconds, [0, 0, 361.5])
    }

    func testUnknownMappingHeaderIsReported() throws {
        let error = try issues("us-bank-extract.csv", HistoryReadOptions(mappings: [.offered: "Volume Total"]))
        XCTAssertTrue(error.description.contains("us-bank-extract.csv:1:1: --map offered=Volume Total"), error.description)
    }

    func testParseMapping() {
        guard case .success(let (field, header)) = HistoryReadOptions.parseMapping("Offered=Calls Offered") else {
            return XCTFail("expected a mapping")
        }
        XCTAssertEqual(field, .offered)
        XCTAssertEqual(header, "Calls Offered")
        if case .success = HistoryReadOptions.parseMapping("offered") { XCTFail("no =") }
        if case .success = HistoryReadOptions.parseMapping("volumes=x") { XCTFail("unknown field") }
    }

    // MARK: Strictness

    func assertIssue(
        _ name: String, line: Int, column: Int, _ text: String, _ options: HistoryReadOptions = HistoryReadOptions(),
        file: StaticString = #filePath, sourceLine: UInt = #line
    ) throws {
        let error = try issues(name, options)
        XCTAssertEqual(error.totalCount, 1, error.description, file: file, line: sourceLine)
        let issue = try XCTUnwrap(error.issues.first)
        XCTAssertEqual(issue.line, line, error.description, file: file, line: sourceLine)
        XCTAssertEqual(issue.column, column, error.description, file: file, line: sourceLine)
        XCTAssertTrue(issue.message.contains(text), error.description, file: file, line: sourceLine)
        XCTAssertTrue(issue.file.hasSuffix(name), file: file, line: sourceLine)
    }

    func testEveryErrorClassNamesItsLineAndColumn() throws {
        try assertIssue("err-non-numeric.csv", line: 3, column: 27, "offered: expected a non-negative number, found \"abc\"")
        try assertIssue("err-negative.csv", line: 2, column: 29, "handled: expected a non-negative number, found \"-1\"")
        try assertIssue("err-non-finite.csv", line: 3, column: 27, "expected a finite number, found \"NaN\"")
        try assertIssue("err-handled-exceeds.csv", line: 2, column: 29, "handled (6) exceeds offered (5)")
        try assertIssue("err-unknown-channel.csv", line: 2, column: 27, "expected voice, chat or email, found \"fax\"")
        try assertIssue("err-missing-column.csv", line: 1, column: 1, "missing required column \"offered\"")
        try assertIssue("err-bad-date.csv", line: 3, column: 9, "no such date")
        try assertIssue("err-duplicate.csv", line: 4, column: 1, "duplicate row for queue \"billing\" (voice)")
        try assertIssue("err-mixed-interval.csv", line: 5, column: 1, "mixed interval lengths")
        try assertIssue("err-field-count.csv", line: 2, column: 26, "expected 3 fields as in the header, found 2")
    }

    func testIssuesFoundAfterReadingPointAtTheTimestampColumn() throws {
        let directory = try temporaryDirectory()
        let first = directory.appendingPathComponent("first.csv").path
        let second = directory.appendingPathComponent("second.csv").path
        try Data("queue,interval_start,offered\nbilling,2026-03-02T08:00Z,5\n".utf8).write(to: URL(fileURLWithPath: first))
        try Data("offered,queue,interval_start\n1,billing,2026-03-02T08:30Z\n2,billing,2026-03-02T08:00Z\n".utf8)
            .write(to: URL(fileURLWithPath: second))
        XCTAssertThrowsError(try HistoryReader().read([first, second])) { error in
            let issues = (error as? HistoryError)?.issues ?? []
            XCTAssertEqual(issues.count, 1, "\(error)")
            XCTAssertEqual(issues.first?.file, second)
            XCTAssertEqual(issues.first?.line, 3)
            XCTAssertEqual(issues.first?.column, 11)
            XCTAssertTrue(issues.first?.message.contains("first given at \(first):2") == true, "\(error)")
        }
    }

    func testAtMostTwentyIssuesAreListed() throws {
        let error = try issues("err-many.csv")
        XCTAssertEqual(error.totalCount, 25)
        let lines = error.description.split(separator: "\n")
        XCTAssertEqual(lines.count, 21)
        XCTAssertEqual(lines.last, "… and 5 more errors not listed")
        XCTAssertTrue(lines[0].hasSuffix("err-many.csv:2:19: offered: expected a non-negative number, found \"x0\""), String(lines[0]))
    }

    func testDuplicatePolicies() throws {
        let sum = try XCTUnwrap(load(["err-duplicate.csv"], HistoryReadOptions(onDuplicate: .sum)).series.first)
        XCTAssertEqual(sum.offered, [5, 13])
        let last = try XCTUnwrap(load(["err-duplicate.csv"], HistoryReadOptions(onDuplicate: .last)).series.first)
        XCTAssertEqual(last.offered, [5, 7])
    }

    func testDuplicatesAcrossFilesAreFound() throws {
        XCTAssertThrowsError(try load(["canonical.csv", "canonical.csv"])) { error in
            XCTAssertTrue("\(error)".contains("first given at"), "\(error)")
        }
    }

    // MARK: Round trips

    func testCanonicalCSVRoundTripOfRandomSeries() throws {
        let zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"]
        let names = ["billing", "Support, 2nd level", "say \"hi\"", "vip", "Kundenservice Ü"]
        var rng = SeededRandom(seed: 42)
        let directory = try temporaryDirectory()
        for round in 0..<40 {
            let zone = TimeZone(identifier: zones[Int(rng.next() % UInt64(zones.count))])!
            var series: [IntervalSeries] = []
            for (q, name) in names.enumerated() where rng.uniform() < 0.7 || q == 0 {
                let minutes = inferableIntervalMinutes[Int(rng.next() % 6)]
                let step = Int64(minutes) * 60
                let start = (utc(2020, 1, 1) + Int64(rng.next() % (10 * 365 * 86_400))) / step * step
                let n = 1 + Int(rng.next() % 400)
                var s = IntervalSeries(
                    queue: name, channel: Channel.allCases[Int(rng.next() % 3)], intervalMinutes: minutes,
                    timeZone: zone, start: start, offered: [], handled: [], abandoned: [], handleSeconds: [], states: [])
                for i in 0..<n {
                    let observed = i == 0 || i == n - 1 || rng.uniform() < 0.8
                    s.states.append(observed ? .observed : .absent)
                    guard observed else {
                        s.offered.append(.nan); s.handled.append(.nan); s.abandoned.append(.nan); s.handleSeconds.append(.nan)
                        continue
                    }
                    let offered = rng.uniform() < 0.2 ? 0 : Double(rng.next() % 500)
                    let handled = rng.uniform() < 0.1 ? Double.nan : (offered * rng.uniform()).rounded(.down)
                    s.offered.append(rng.uniform() < 0.1 ? offered + 0.25 : offered)
                    s.handled.append(handled)
                    s.abandoned.append(rng.uniform() < 0.1 ? .nan : Double(rng.next() % 20))
                    s.handleSeconds.append(rng.uniform() < 0.1 ? .nan : rng.uniform() * 1e5)
                }
                series.append(s)
            }
            series.sort { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
            let path = directory.appendingPathComponent("round-\(round).csv").path
            try CanonicalCSVWriter.write(series, to: path)
            let back = try HistoryReader(options: HistoryReadOptions(timeZone: zone)).read([path])
            XCTAssertNil(firstDifference(back.series, series), "round \(round) in \(zone.identifier)")
            XCTAssertTrue(CanonicalCSVWriter.render(back.series) == (try String(contentsOfFile: path, encoding: .utf8)))
        }
    }

    func testMangledFilesLoadOrFailCleanly() throws {
        // Seeded mutations of the fixtures (bytes replaced by quotes, delimiters, line breaks,
        // digits, high bytes; truncations) must either load or throw HistoryError; never crash.
        let names = ["canonical.csv", "quoted.csv", "nice.csv", "dst-fall-berlin.csv", "genesys.csv", "bom-crlf.csv"]
        let alphabet = Array("\",;|\t\r\n0123456789-:TZ+ .e".utf8) + [0xC3, 0xBC, 0xEF, 0xBB, 0xBF, 0x00]
        var rng = SeededRandom(seed: 2026)
        let directory = try temporaryDirectory()
        for round in 0..<300 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: try fixture(name))))
            for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                default: bytes.removeSubrange(at...)
                }
            }
            let path = directory.appendingPathComponent("mangled-\(round).csv").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            var reader = HistoryReader(options: HistoryReadOptions(
                timeZone: berlin, profile: name == "nice.csv" ? .nice : name == "genesys.csv" ? .genesys : nil))
            reader.chunkSize = [3, 16, 4096][round % 3]
            do {
                _ = try reader.read([path])
            } catch {
                XCTAssertFalse(error.issues.isEmpty, "round \(round): an error without issues")
                XCTAssertTrue(error.issues.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "round \(round): \(error)")
            }
        }
    }

    // MARK: Sample data generator

    func testGeneratorIsDeterministicAndQueuesAreIndependent() throws {
        func text(_ generator: SampleHistoryGenerator) -> String {
            var bytes: [UInt8] = []
            _ = generator.generate { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        }
        let end = CivilDate(year: 2026, month: 3, day: 31)!
        let a = text(SampleHistoryGenerator(queueCount: 3, years: 1, lastDay: end))
        XCTAssertEqual(a, text(SampleHistoryGenerator(queueCount: 3, years: 1, lastDay: end)))
        XCTAssertNotEqual(a, text(SampleHistoryGenerator(queueCount: 3, years: 1, lastDay: end, seed: 7)))
        let five = text(SampleHistoryGenerator(queueCount: 5, years: 1, lastDay: end))
        let billingLines = { (t: String) in t.split(separator: "\n").filter { $0.contains(",billing,") } }
        XCTAssertEqual(billingLines(a), billingLines(five))
    }

    func testGeneratedHistoryLoadsWithItsPatterns() throws {
        let generator = SampleHistoryGenerator(queueCount: 4, years: 2)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try generator.writeHistory(to: path)
        let history = try ContactHistory.load([path], options: HistoryReadOptions(timeZone: berlin))
        XCTAssertEqual(history.rowCount, rows)
        XCTAssertEqual(history.series.map(\.queue), ["billing", "queue-0004", "vip", "webchat"])
        let billing = try XCTUnwrap(history.series(queue: "billing"))
        let report = SeriesQuality(billing)
        XCTAssertEqual(report.openingHours[0].opens, "08:00")
        XCTAssertEqual(report.openingHours[0].closes, "20:00")
        XCTAssertEqual(report.openingHours[5].opens, "09:00")
        XCTAssertEqual(report.openingHours[5].closes, "14:00")
        XCTAssertNil(report.openingHours[6].opens)
        XCTAssertEqual(report.missingIntervals, 8, "the 2025-06-12 export outage")
        let perWeekday = report.offeredTotal / 730 * 7 / 5.5
        XCTAssertEqual(perWeekday, 1000, accuracy: 200)
        XCTAssertTrue(report.unusualDays.contains { $0.date == CivilDate(year: 2025, month: 12, day: 25)! })
        XCTAssertTrue(report.unusualDays.contains { $0.date == CivilDate(year: 2026, month: 5, day: 1)! })
    }

    func testGermanHolidays() {
        let holidays = germanPublicHolidays(2026...2026)
        XCTAssertEqual(holidays.count, 9)
        XCTAssertTrue(holidays.contains(Holiday(date: CivilDate(year: 2026, month: 4, day: 3)!, name: "Karfreitag")))
        XCTAssertTrue(holidays.contains(Holiday(date: CivilDate(year: 2026, month: 5, day: 25)!, name: "Pfingstmontag")))
    }

    func testSeededRandomIsStableAndPoissonHasTheRightMean() {
        var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1)
        XCTAssertEqual((0..<5).map { _ in a.next() }, (0..<5).map { _ in b.next() })
        for lambda in [0.5, 4.0, 25.0, 300.0] {
            var rng = SeededRandom(seed: 9)
            let n = 20_000
            let mean = Double((0..<n).reduce(0) { acc, _ in acc + rng.poisson(lambda) }) / Double(n)
            XCTAssertEqual(mean, lambda, accuracy: 4 * (lambda / Double(n)).squareRoot() + 1e-9)
        }
    }

    // MARK: Calendar

    func testCivilDaysAndISOFormatting() {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber, 0)
        XCTAssertEqual(CivilDate(dayNumber: -1), CivilDate(year: 1969, month: 12, day: 31)!)
        XCTAssertEqual(CivilDate(year: 2026, month: 10, day: 25)!.isoWeekday, 7)
        XCTAssertNil(CivilDate(year: 2026, month: 2, day: 29))
        XCTAssertEqual(iso8601(utc(2026, 3, 29, 1), offset: 7200), "2026-03-29T03:00:00+02:00")
        XCTAssertEqual(iso8601(0, offset: -16_200), "1969-12-31T19:30:00-04:30")
    }

    // MARK: Real data

    /// The shared real data directory (beside the repository), or a skip when it is absent.
    func sharedData(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.deletingLastPathComponent().appendingPathComponent("shared/data/\(name)").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("real data \(path) is absent (it lives outside the repository; see /work/shared/data/README.md)")
        }
        return path
    }

    func testRealDataLoadsThroughMappings() throws {
        let us5 = try HistoryReader(options: HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
            .read([try sharedData("us_bank_2003_5min.csv")])
        XCTAssertEqual(us5.rowCount, 27_716)
        XCTAssertEqual(us5.series.first?.intervalMinutes, 5)
        XCTAssertEqual(us5.series.first?.observedCount, 27_716)
        let us30 = try HistoryReader(options: HistoryReadOptions(mappings: [.intervalStart: "timestamp"]))
            .read([try sharedData("us_bank_2003_30min.csv")])
        XCTAssertEqual(us30.series.first?.observedCount, 4_592)
        XCTAssertEqual(us30.series.first?.zeroCount, 0)
        let anon = try HistoryReader(options: HistoryReadOptions(
            timeZone: TimeZone(identifier: "Asia/Jerusalem")!,
            mappings: [.intervalStart: "timestamp", .handled: "answered", .ahtSeconds: "aht_sec"]))
            .read([try sharedData("anon_bank_1999_jan_oct_30min.csv")])
        let s = try XCTUnwrap(anon.series.first)
        XCTAssertEqual(s.observedCount, 2_880)
        XCTAssertEqual(s.offered.enumerated().filter { s.states[$0.offset] == .observed }.reduce(0) { $0 + $1.element }, 63_128)
        XCTAssertGreaterThan(s.zeroCount, 0)
        let aht = SeriesQuality(s).ahtSeconds ?? 0
        XCTAssertEqual(aht, 183, accuracy: 15)
    }
}
