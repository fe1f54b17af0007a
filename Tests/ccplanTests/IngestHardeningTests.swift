import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The repository root, found from this file's path.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// End-to-end tests of issue 13's ingest reproductions: each gives its status, its message at
/// file:line:column, and stays within 10 s and 1 GB.
final class IngestHardeningTests: XCTestCase {
    private func file(_ text: String, _ name: String) throws -> String {
        let path = try temporaryDirectory(self).appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    private func fixture(_ name: String) -> String {
        root.appendingPathComponent("Tests/ContactHistoryTests/Fixtures/\(name)").path
    }

    /// Runs ccplan and checks the status, that nothing went to standard output on failure, and
    /// that standard error holds each of `messages`; returns the result.
    @discardableResult
    private func run(
        _ arguments: [String], status: Int32, _ messages: String..., file: StaticString = #filePath, line: UInt = #line
    ) throws -> CLIResult {
        let started = Date()
        let result = try runCCPlan(arguments)
        XCTAssertLessThan(
            Date().timeIntervalSince(started), 10, "\(arguments) took 10 s or more", file: file, line: line)
        XCTAssertEqual(result.status, status, result.stderr, file: file, line: line)
        if status != 0 { XCTAssertEqual(result.stdout, "", file: file, line: line) }
        for message in messages {
            XCTAssertTrue(
                result.stderr.contains(message), "expected \"\(message)\" in: \(result.stderr)", file: file, line: line)
        }
        return result
    }

    /// Rows `interval_start,queue,offered[,aht_seconds]` every half hour for four weeks from a
    /// Monday, a day curve from 08:00 to 20:00.
    private func fourWeeks(aht: Bool, spike: Double? = nil) -> String {
        var text = aht ? "interval_start,queue,offered,aht_seconds\n" : "interval_start,queue,offered\n"
        for k in 0..<(28 * 48) {
            let day = 2 + k / 48, slot = k % 48
            var offered = slot >= 16 && slot < 40 ? 5 + (slot * 7 + day * 3) % 23 : 0
            if let spike, k == 9 * 48 + 24 { offered = Int(spike) }
            let stamp = String(format: "2026-03-%02dT%02d:%02d:00Z", day, slot / 2, slot % 2 * 30)
            text += "\(stamp),billing,\(offered)" + (aht ? ",\(offered > 0 ? "300" : "")\n" : "\n")
        }
        return text
    }

    // MARK: Memory bombs

    func testAMostlyAbsentGridIsRefusedFastAndSmall() throws {
        let path = try file(
            "interval_start,queue,interval_minutes,offered\n1960-01-01T00:00:00Z,q1,1,1\n2027-01-01T00:00:00Z,q1,1,1\n",
            "sparse.csv")
        try run(
            ["inspect", path], status: 65, "sparse.csv:3:1: queue \"q1\" (voice) would span 35239681 1-minute intervals"
        )
        var four = "interval_start,queue,interval_minutes,offered\n"
        for q in 1...4 { four += "1960-01-01T00:00:00Z,q\(q),1,1\n2027-01-01T00:00:00Z,q\(q),1,1\n" }
        try run(["inspect", try file(four, "four.csv")], status: 65, "for 8 rows")
    }

    func testDevZeroIsRefusedAtItsFirstLine() throws {
        try run(["inspect", "/dev/zero"], status: 65, "ccplan: error: /dev/zero:1: a record is longer than 1024 KiB")
    }

    // MARK: Data accepted that was wrong

    func testCROnlyLineEndsAreRead() throws {
        let path = try file(
            "interval_start,queue,offered,aht_seconds\r2026-03-02T08:00Z,q,10,300\r2026-03-02T08:30Z,q,12,300\r",
            "mac.csv")
        let result = try run(["inspect", path, "--format", "json"], status: 0)
        let json = try jsonObject(result.stdout)
        XCTAssertEqual(json["rows"] as? Int, 2)
        XCTAssertEqual((json["series"] as? [[String: Any]])?.first?["offered_total"] as? Double, 22)
    }

    func testOutcomesAboveOfferedBeyondTheTolerance() throws {
        let path = try file(
            "interval_start,queue,offered,handled,abandoned\n2026-03-02T08:00Z,q,5,0,7\n2026-03-02T08:30Z,q,20,18,3\n",
            "outcomes.csv")
        try run(
            ["inspect", path], status: 65,
            "outcomes.csv:2:25: abandoned (7) exceeds offered (5) by more than the tolerance of 1 contact or 5 % of offered"
        )
        let sum = try file("interval_start,queue,offered,handled,abandoned\n2026-03-02T08:00Z,q,20,18,4\n", "sum.csv")
        try run(["inspect", sum], status: 65, "sum.csv:2:27: handled + abandoned (18 + 4) exceeds offered (20)")
    }

    func testFractionalSecondsAreRefused() throws {
        let path = try file(
            "interval_start,offered\n2026-03-02T08:00:00Z,1\n2026-03-02T08:30:00.5Z,2\n", "fraction.csv")
        try run(["inspect", path], status: 65, "fraction.csv:3:1: interval_start: fractional seconds are not allowed")
    }

    func testAHeaderOnlyFileIsRefused() throws {
        let path = try file("interval_start,queue,offered\n", "header.csv")
        try run(["inspect", path], status: 65, "header.csv:2:1: the file has a header but no rows")
    }

    func testJSONNumbersAreJSON() throws {
        let path = try file(
            "interval_start,queue,offered\n2026-03-02T08:00Z,big,1e20\n2026-03-02T08:00Z,huge,1e308\n2026-03-02T08:30Z,huge,1e308\n",
            "numbers.csv")
        let result = try run(["inspect", path, "--format", "json"], status: 0)
        XCTAssertTrue(result.stdout.contains("\"offered_total\": 1e+20"), result.stdout)
        XCTAssertFalse(result.stdout.contains("inf"), result.stdout)
        let series = try XCTUnwrap(try jsonObject(result.stdout)["series"] as? [[String: Any]])
        XCTAssertEqual(series[0]["offered_total"] as? Double, 1e20)
        XCTAssertTrue(series[1]["offered_total"] is NSNull, "a total beyond Double is null")
    }

    func testASpikeStopsInspectPlanAndForecastUnlessAccepted() throws {
        let path = try file(fourWeeks(aht: true, spike: 1e9), "spike.csv")
        let location = "spike.csv:\(9 * 48 + 24 + 2):30: offered: 1000000000 at 2026-03-11T12:00:00+00:00 is an outlier"
        try run(["inspect", path], status: 65, location, "--accept-outliers")
        let out = try temporaryDirectory(self).appendingPathComponent("plan").path
        try run(["plan", "--history", path, "--horizon", "1w", "--out", out], status: 65, location)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        try run(["forecast", "--history", path, "--horizon", "1d"], status: 65, location)
        let accepted = try run(["inspect", path, "--accept-outliers", "--format", "json"], status: 0)
        let series = try XCTUnwrap(try jsonObject(accepted.stdout)["series"] as? [[String: Any]])
        let outliers = try XCTUnwrap(series.first?["outliers"] as? [[String: Any]])
        XCTAssertEqual(outliers.first?["interval_start"] as? String, "2026-03-11T12:00:00+00:00")
        XCTAssertEqual(outliers.first?["offered"] as? Double, 1e9)
        let table = try run(["inspect", path, "--accept-outliers"], status: 0)
        XCTAssertTrue(
            table.stdout.contains("outliers accepted (1): 2026-03-11T12:00:00+00:00 1000000000"), table.stdout)
    }

    func testBatchConfigsSetTheSameReadingRules() throws {
        let dir = try temporaryDirectory(self)
        try fourWeeks(aht: true, spike: 1e5).write(
            to: dir.appendingPathComponent("spike.csv"), atomically: true, encoding: .utf8)
        func config(_ extra: String) throws -> String {
            let path = dir.appendingPathComponent("batch-\(extra.count).yaml").path
            try """
            version: 1
            inputs:
              history: [ "spike.csv" ]
            \(extra)
            forecast: { horizon: 1w, model: seasonal-average }
            assumptions: { target_sl: 80%, answer_within: 20s }
            """.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let refused = try run(
            ["batch", "--config", try config(""), "--out", dir.appendingPathComponent("a").path, "--no-progress"],
            status: 65)
        XCTAssertTrue(
            try String(contentsOf: dir.appendingPathComponent("a/failures.csv"), encoding: .utf8).contains(
                "is an outlier"), refused.stderr)
        try run(
            [
                "batch", "--config", try config("  accept_outliers: true\n  dst_gap: shift"), "--out",
                dir.appendingPathComponent("b").path,
                "--no-progress",
            ], status: 0)
        try run(
            ["batch", "--config", try config("  dst_gap: later"), "--out", dir.appendingPathComponent("c").path],
            status: 64,
            "batch-16.yaml:4:12: expected error or shift, got 'later'")
    }

    // MARK: The simplest history

    func testTheSimplestHistoryIsPlannable() throws {
        let path = try file(fourWeeks(aht: true), "simplest.csv")
        let inspect = try run(["inspect", path, "--format", "json"], status: 0)
        let json = try jsonObject(inspect.stdout)
        XCTAssertEqual(json["time_zone"] as? String, "UTC", "not GMT")
        XCTAssertEqual((json["series"] as? [[String: Any]])?.first?["aht_seconds"] as? Double, 300)
        let out = try temporaryDirectory(self).appendingPathComponent("plan").path
        try run(["plan", "--history", path, "--horizon", "1w", "--out", out], status: 0)
        let forecast = try String(contentsOfFile: out + "/forecast.csv", encoding: .utf8).split(separator: "\n")
        let header = forecast[0].split(separator: ",", omittingEmptySubsequences: false)
        let aht = try XCTUnwrap(header.firstIndex(of: "aht_seconds"))
        let values = forecast.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[aht] }
        XCTAssertTrue(values.contains("300"), "AHT per offered contact, as inspect: \(values.prefix(40))")
        let table = try run(["inspect", path], status: 0)
        XCTAssertTrue(table.stdout.hasPrefix("1344 rows, 1 series, time zone UTC\n"), table.stdout)
    }

    // MARK: DST gaps in real exports

    func testTheAnonymousBankSpringForwardNightLoads() throws {
        let maps = [
            "--timezone", "Asia/Jerusalem", "--map", "interval_start=timestamp", "--map", "handled=answered",
            "--map", "aht_seconds=aht_sec", "--format", "json",
        ]
        let result = try run(["inspect", fixture("anon-bank-dst-gap.csv")] + maps, status: 0)
        let series = try XCTUnwrap(try jsonObject(result.stdout)["series"] as? [[String: Any]])
        XCTAssertEqual(series.first?["dst_gap_rows_dropped"] as? Int, 2)
        XCTAssertEqual(series.first?["observed_intervals"] as? Int, 18)
        let contacts = fixture("err-anon-bank-dst-gap-contacts.csv")
        try run(
            ["inspect", contacts] + maps, status: 65,
            "err-anon-bank-dst-gap-contacts.csv:15:1: interval_start: \"1999-04-02T02:30:00\" does not exist in Asia/Jerusalem"
        )
        let shifted = try run(["inspect", contacts, "--dst-gap", "shift"] + maps, status: 0)
        let shiftedSeries = try XCTUnwrap(try jsonObject(shifted.stdout)["series"] as? [[String: Any]])
        XCTAssertEqual(shiftedSeries.first?["dst_gap_rows_shifted"] as? Int, 1)
        XCTAssertEqual(shiftedSeries.first?["offered_total"] as? Double, 105)
        try run(["inspect", contacts, "--dst-gap", "later"] + maps, status: 64)
    }

    // MARK: Hostile queue names

    func testNeutralisedQueueNamesReadBackRestored() throws {
        let path = try file(
            "interval_start,queue,offered\n2026-03-02T08:00Z,'=HYPERLINK(\"x\"),1\n2026-03-02T08:30Z,=HYPERLINK(\"x\"),2\n",
            "names.csv")
        let result = try run(["inspect", path, "--format", "json"], status: 0)
        let series = try XCTUnwrap(try jsonObject(result.stdout)["series"] as? [[String: Any]])
        XCTAssertEqual(series.map { $0["queue"] as? String }, ["=HYPERLINK(\"x\")"])
        XCTAssertEqual(series.first?["offered_total"] as? Double, 3)
    }

    func testControlCharactersFromQueueNamesNeverReachTheTerminal() throws {
        let name = "\"evil\u{1B}]0;owned\u{07}\nline\""
        let good = try file(
            "interval_start,queue,offered\n2026-03-02T08:00Z,\(name),1\n2026-03-02T08:30Z,\(name),2\n", "good.csv")
        let table = try run(["inspect", good], status: 0)
        XCTAssertFalse(table.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, table.stdout)
        XCTAssertTrue(table.stdout.contains("evil\\u{1B}]0;owned\\u{7}\\u{A}line"), table.stdout)
        let bad = try file(
            "interval_start,queue,offered\n2026-03-02T08:00Z,\(name),1\n2026-03-02T08:30Z,\(name),2\n2026-03-02T08:30Z,\(name),3\n",
            "bad.csv")
        let error = try run(
            ["inspect", bad], status: 65, "duplicate row for queue \"evil\\u{1B}]0;owned\\u{7}\\u{A}line\"")
        XCTAssertFalse(error.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, error.stderr)
    }

    // MARK: The bar

    /// Every child ccplan of this suite (the tests above run first: XCTest orders by name, and
    /// this one's name sorts last) stayed under 1 GB resident.
    func testZZEveryReproductionStayedUnderOneGigabyte() throws {
        #if canImport(Glibc)
        try testAMostlyAbsentGridIsRefusedFastAndSmall()
        try testDevZeroIsRefusedAtItsFirstLine()
        var usage = rusage()
        XCTAssertEqual(getrusage(RUSAGE_CHILDREN.rawValue, &usage), 0)
        XCTAssertLessThan(usage.ru_maxrss, 1 << 20, "largest child: \(usage.ru_maxrss) KiB")
        #else
        throw XCTSkip("getrusage(RUSAGE_CHILDREN) reports kilobytes on Linux only")
        #endif
    }
}
