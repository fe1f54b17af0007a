import Foundation
import XCTest

/// End-to-end tests of `ccplan sample-data`.
final class SampleDataCommandTests: XCTestCase {
    private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    func testTheSameFlagsGiveTheSameBytes() throws {
        let directory = try temporaryDirectory(self)
        let a = directory.appendingPathComponent("a.csv").path, b = directory.appendingPathComponent("b.csv").path
        for path in [a, b] {
            let result = try runCCPlan(["sample-data", "--out", path, "--queues", "5", "--years", "1", "--seed", "3"])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: a))
        XCTAssertEqual(bytes, try Data(contentsOf: URL(fileURLWithPath: b)))
        let text = String(decoding: bytes, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("interval_start,queue,channel,offered,handled,abandoned,aht_seconds\n"))
        XCTAssertTrue(text.contains(",queue-0005,"))
        let inspect = try runCCPlan(["inspect", a, "--timezone", "Europe/Berlin", "--format", "json"])
        XCTAssertEqual(inspect.status, 0, inspect.stderr)
        XCTAssertEqual((try jsonObject(inspect.stdout)["series"] as? [Any])?.count, 5)
    }

    func testSampleDataIsWhatTheGeneratorMakes() throws {
        let directory = try temporaryDirectory(self)
        let history = directory.appendingPathComponent("contact-history.csv")
        let holidays = directory.appendingPathComponent("holidays.csv")
        let events = directory.appendingPathComponent("events.csv")
        let result = try runCCPlan([
            "sample-data", "--out", history.path, "--holidays", holidays.path, "--events", events.path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        for (made, name) in [(history, "contact-history.csv"), (holidays, "holidays.csv"), (events, "events.csv")] {
            let shipped = repositoryRoot.appendingPathComponent("SampleData/\(name)")
            XCTAssertTrue(
                try Data(contentsOf: made) == Data(contentsOf: shipped),
                "SampleData/\(name) differs from the generator's output")
        }
    }

    func testBadFlagsExit64() throws {
        let out = try temporaryDirectory(self).appendingPathComponent("x.csv").path
        XCTAssertEqual(try runCCPlan(["sample-data", "--out", out, "--queues", "0"]).status, 64)
        XCTAssertEqual(try runCCPlan(["sample-data", "--out", out, "--end", "2026-13-01"]).status, 64)
        XCTAssertEqual(try runCCPlan(["sample-data"]).status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }
}
