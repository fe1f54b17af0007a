import Foundation
import XCTest

/// The repository root, found from this file's path.

/// A fixture of the ContactHistory tests.
private func fixture(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("Tests/ContactHistoryTests/Fixtures/\(name)").path
}

/// End-to-end tests of `ccplan inspect`: reports on fixtures and SampleData, and bad data.
final class InspectCommandTests: XCTestCase {
    /// Runs inspect on a bad fixture, also with --output, and checks the status, the message
    /// and that nothing was written.
    private func assertRefused(
        _ name: String, _ location: String, _ text: String, extra: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let directory = try temporaryDirectory(self)
        let report = directory.appendingPathComponent("report.json")
        for output in [[], ["--output", report.path]] {
            let result = try runCCPlan(["inspect", fixture(name), "--format", "json"] + extra + output)
            XCTAssertEqual(result.status, 65, result.stderr, file: file, line: line)
            XCTAssertEqual(result.stdout, "", file: file, line: line)
            XCTAssertTrue(result.stderr.hasPrefix("ccplan: error: "), result.stderr, file: file, line: line)
            XCTAssertTrue(result.stderr.contains("\(name):\(location): "), result.stderr, file: file, line: line)
            XCTAssertTrue(result.stderr.contains(text), result.stderr, file: file, line: line)
        }
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: report.path), "no report is written", file: file, line: line)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: directory.path), [], "no temporary file is left",
            file: file, line: line)
    }

    func testNonNumericCount() throws {
        try assertRefused("err-non-numeric.csv", "3:27", "offered: expected a non-negative number, found \"abc\"")
    }

    func testNegativeCount() throws {
        try assertRefused("err-negative.csv", "2:29", "handled: expected a non-negative number, found \"-1\"")
    }

    func testNonFiniteCount() throws {
        try assertRefused("err-non-finite.csv", "3:27", "expected a finite number")
    }

    func testHandledAboveOffered() throws {
        try assertRefused("err-handled-exceeds.csv", "2:29", "handled (6) exceeds offered (5)")
    }

    func testUnknownChannel() throws {
        try assertRefused("err-unknown-channel.csv", "2:27", "expected voice, chat or email, found \"fax\"")
    }

    func testMissingRequiredColumn() throws {
        try assertRefused("err-missing-column.csv", "1:1", "missing required column \"offered\"")
    }

    func testDateThatDoesNotParse() throws {
        try assertRefused("err-bad-date.csv", "3:9", "no such date")
    }

    func testLocalTimeInTheSpringForwardGap() throws {
        try assertRefused(
            "err-spring-gap.csv", "3:1", "does not exist in Europe/Berlin", extra: ["--timezone", "Europe/Berlin"])
    }

    func testDuplicateInterval() throws {
        try assertRefused("err-duplicate.csv", "4:1", "duplicate row")
    }

    func testMixedIntervalLengths() throws {
        try assertRefused("err-mixed-interval.csv", "5:1", "mixed interval lengths")
    }

    func testWrongFieldCount() throws {
        try assertRefused("err-field-count.csv", "2:26", "expected 3 fields")
    }

    func testAtMostTwentyErrorsAreListed() throws {
        let result = try runCCPlan(["inspect", fixture("err-many.csv")])
        XCTAssertEqual(result.status, 65)
        let lines = result.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 21, result.stderr)
        XCTAssertEqual(lines.last, "… and 5 more errors not listed")
    }

    func testDuplicatesCanBeSummed() throws {
        let result = try runCCPlan([
            "inspect", fixture("err-duplicate.csv"), "--on-duplicate", "sum", "--format", "json",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let series = try XCTUnwrap(jsonObject(result.stdout)["series"] as? [[String: Any]])
        XCTAssertEqual(series.first?["offered_total"] as? Double, 18)
    }

    func testJSONReportOfAFixture() throws {
        let result = try runCCPlan([
            "inspect", fixture("canonical.csv"), "--format", "json", "--timezone", "Europe/Berlin",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try jsonObject(result.stdout)
        XCTAssertEqual(json["rows"] as? Int, 6)
        let series = try XCTUnwrap(json["series"] as? [[String: Any]])
        XCTAssertEqual(series.map { $0["queue"] as? String }, ["billing", "support"])
        let billing = series[0]
        XCTAssertEqual(billing["channel"] as? String, "voice")
        XCTAssertEqual(billing["interval_minutes"] as? Int, 30)
        XCTAssertEqual(billing["first_interval"] as? String, "2026-03-02T09:00:00+01:00")
        XCTAssertEqual(billing["last_interval"] as? String, "2026-03-02T10:30:00+01:00")
        XCTAssertEqual(billing["observed_intervals"] as? Int, 3)
        XCTAssertEqual(billing["missing_intervals"] as? Int, 1)
        XCTAssertEqual(billing["zero_intervals"] as? Int, 1)
        XCTAssertEqual(billing["offered_total"] as? Double, 22)
        XCTAssertEqual(billing["handled_total"] as? Double, 21)
        XCTAssertEqual(billing["abandoned_total"] as? Double, 1)
        XCTAssertEqual(try XCTUnwrap(billing["aht_seconds"] as? Double), (2700 + 3726) / 21.0, accuracy: 0.001)
    }

    func testAHTIsNullWithoutHandleTime() throws {
        let result = try runCCPlan(["inspect", fixture("missing-vs-zero.csv"), "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let series = try XCTUnwrap(jsonObject(result.stdout)["series"] as? [[String: Any]])
        XCTAssertTrue(series[0]["aht_seconds"] is NSNull)
        XCTAssertTrue(series[0]["handled_total"] is NSNull)
        XCTAssertEqual(series[0]["missing_intervals"] as? Int, 1)
        XCTAssertEqual(series[0]["zero_intervals"] as? Int, 1)
    }

    func testVendorProfilesAndMappings() throws {
        for (name, profile) in [
            ("genesys.csv", "genesys"), ("connect.csv", "connect"), ("nice.csv", "nice"),
            ("avaya-cms.csv", "avaya-cms"),
        ] {
            let result = try runCCPlan(["inspect", fixture(name), "--profile", profile, "--on-duplicate", "sum"])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
        }
        let mapped = try runCCPlan([
            "inspect", fixture("anon-bank-extract.csv"), "--map", "interval_start=timestamp",
            "--map", "handled=answered", "--map", "aht_seconds=aht_sec", "--format", "json",
        ])
        XCTAssertEqual(mapped.status, 0, mapped.stderr)
        let series = try XCTUnwrap(jsonObject(mapped.stdout)["series"] as? [[String: Any]])
        XCTAssertEqual(try XCTUnwrap(series[0]["aht_seconds"] as? Double), 120.5, accuracy: 1e-9)
        let unmapped = try runCCPlan(["inspect", fixture("us-bank-extract.csv")])
        XCTAssertEqual(unmapped.status, 65, "interval_start holds only HH:MM there")
    }

    func testUsageErrorsExit64() throws {
        XCTAssertEqual(try runCCPlan(["inspect", fixture("canonical.csv"), "--timezone", "Mars/Olympus"]).status, 64)
        XCTAssertEqual(try runCCPlan(["inspect", fixture("canonical.csv"), "--map", "offered"]).status, 64)
        XCTAssertEqual(try runCCPlan(["inspect", fixture("canonical.csv"), "--map", "volumes=x"]).status, 64)
        XCTAssertEqual(try runCCPlan(["inspect", fixture("canonical.csv"), "--profile", "acme"]).status, 64)
        XCTAssertEqual(try runCCPlan(["inspect"]).status, 64)
    }

    func testMissingFileIsBadInput() throws {
        let result = try runCCPlan(["inspect", "/nonexistent/history.csv"])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.contains("/nonexistent/history.csv"), result.stderr)
    }

    func testHelpHasAnExample() throws {
        let result = try runCCPlan(["inspect", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("ccplan inspect SampleData/contact-history.csv"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--on-duplicate"), result.stdout)
    }

    func testSampleDataReport() throws {
        let sample = repositoryRoot.appendingPathComponent("SampleData/contact-history.csv").path
        let result = try runCCPlan(["inspect", sample, "--timezone", "Europe/Berlin", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try jsonObject(result.stdout)
        XCTAssertEqual(json["rows"] as? Int, 105_048)
        let series = try XCTUnwrap(json["series"] as? [[String: Any]])
        XCTAssertEqual(series.map { $0["queue"] as? String }, ["billing", "vip", "webchat"])
        for s in series {
            XCTAssertEqual(s["interval_minutes"] as? Int, 30)
            XCTAssertEqual(s["first_interval"] as? String, "2024-11-01T00:00:00+01:00")
            XCTAssertEqual(s["last_interval"] as? String, "2026-10-31T23:30:00+01:00")
        }
        XCTAssertEqual(series[1]["missing_intervals"] as? Int, 56, "vip: the 2025-06-12 outage and 2026-02-03")
        let hours = try XCTUnwrap(series[0]["opening_hours"] as? [[String: Any]])
        XCTAssertEqual(hours[0]["opens"] as? String, "08:00")
        XCTAssertEqual(hours[5]["closes"] as? String, "14:00")
        XCTAssertTrue(hours[6]["opens"] is NSNull)
        // Same input, same bytes.
        XCTAssertEqual(
            try runCCPlan(["inspect", sample, "--timezone", "Europe/Berlin", "--format", "json"]).stdout, result.stdout)
        let table = try runCCPlan(["inspect", sample, "--timezone", "Europe/Berlin"])
        XCTAssertEqual(table.status, 0)
        XCTAssertTrue(table.stdout.contains("opening hours: Mon 08:00–20:00"), table.stdout)
    }

    func testRealDataThroughMap() throws {
        let data = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        let path = data.appendingPathComponent("us_bank_2003_5min.csv").path
        guard FileManager.default.fileExists(atPath: path) else {
            throw XCTSkip("real data \(data.path) is absent (it lives beside the repository, not in it)")
        }
        let result = try runCCPlan([
            "inspect", path, "--map", "interval_start=timestamp", "--timezone", "America/New_York", "--format", "json",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try jsonObject(result.stdout)["rows"] as? Int, 27_716)
    }
}
