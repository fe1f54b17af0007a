import Foundation
import XCTest

/// End-to-end tests of `ccplan erlang`: the built binary, its JSON, exit statuses and help.
final class ErlangCommandTests: XCTestCase {
    let keys = [
        "model", "traffic_erlangs", "agents", "scheduled_agents", "service_level", "asa_seconds",
        "mean_wait_seconds", "p_wait", "abandon_rate", "occupancy", "stable",
    ]

    func runJSON(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let result = try runCCPlan(["erlang"] + arguments + ["--format", "json"])
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        let object = try jsonObject(result.stdout, file: file, line: line)
        for key in keys { XCTAssertNotNil(object[key], "missing key \(key)", file: file, line: line) }
        return object
    }

    func number(_ object: [String: Any], _ key: String) -> Double? {
        (object[key] as? NSNumber)?.doubleValue
    }

    func testErlangCRequirementMatchesTheReferenceTable() throws {
        // 100 calls / 30 min, AHT 180 s, 80/20, occupancy ≤ 85 %, shrinkage 30 % → 14 agents, 20 scheduled.
        let object = try runJSON([
            "--volume", "100", "--interval", "30m", "--aht", "3m",
            "--max-occupancy", "0.85", "--shrinkage", "0.3",
        ])
        XCTAssertEqual(object["model"] as? String, "erlang-c")
        XCTAssertEqual(number(object, "agents"), 14)
        XCTAssertEqual(number(object, "scheduled_agents"), 20)
        XCTAssertEqual(number(object, "traffic_erlangs") ?? 0, 10, accuracy: 1e-12)
        XCTAssertEqual(number(object, "p_wait") ?? 0, 0.174132, accuracy: 6e-7)
        XCTAssertEqual(number(object, "service_level") ?? 0, 0.888350, accuracy: 6e-7)
        XCTAssertEqual(number(object, "asa_seconds") ?? 0, 7.836, accuracy: 6e-4)
        XCTAssertEqual(number(object, "abandon_rate"), 0)
        XCTAssertEqual(object["stable"] as? Bool, true)
    }

    func testLargeCaseAndOccupancyCap() throws {
        let base = ["--volume", "5000", "--aht", "300", "--shrinkage", "0.3"]
        let plain = try runJSON(base)
        XCTAssertEqual(number(plain, "agents"), 848)
        XCTAssertEqual(number(plain, "scheduled_agents"), 1212)
        let capped = try runJSON(base + ["--max-occupancy", "0.85"])
        XCTAssertEqual(number(capped, "agents"), 981)
        XCTAssertEqual(number(capped, "scheduled_agents"), 1402)
    }

    func testErlangAEvaluation() throws {
        let object = try runJSON(["--volume", "100", "--aht", "3m", "--patience", "2m", "--agents", "12"])
        XCTAssertEqual(object["model"] as? String, "erlang-a")
        XCTAssertEqual(number(object, "p_wait") ?? 0, 0.279807, accuracy: 6e-7)
        XCTAssertEqual(number(object, "abandon_rate") ?? 0, 0.061597, accuracy: 6e-7)
        XCTAssertEqual(number(object, "service_level") ?? 0, 0.825583, accuracy: 6e-7)
        XCTAssertEqual(number(object, "asa_seconds") ?? 0, 6.335, accuracy: 6e-4)
        let answered = try runJSON([
            "--volume", "100", "--aht", "3m", "--patience", "2m", "--agents", "12",
            "--sl-definition", "answered",
        ])
        XCTAssertEqual(number(answered, "service_level") ?? 0, 0.879774, accuracy: 6e-7)
    }

    func testUnstableQueueGivesNullsNotInfinity() throws {
        let result = try runCCPlan(["erlang", "--volume", "100", "--aht", "180", "--agents", "9", "--format", "json"])
        XCTAssertEqual(result.status, 0)
        XCTAssertFalse(result.stdout.lowercased().contains("inf"))
        XCTAssertFalse(result.stdout.lowercased().contains("nan"))
        let object = try jsonObject(result.stdout)
        XCTAssertTrue(object["asa_seconds"] is NSNull)
        XCTAssertTrue(object["mean_wait_seconds"] is NSNull)
        XCTAssertEqual(object["stable"] as? Bool, false)
        XCTAssertEqual(number(object, "p_wait"), 1)
        let table = try runCCPlan(["erlang", "--volume", "100", "--aht", "180", "--agents", "9"])
        XCTAssertTrue(table.stdout.contains("unstable"), table.stdout)
    }

    func testOutputIsDeterministicWithFixedKeyOrder() throws {
        let arguments = ["erlang", "--volume", "1234.5", "--aht", "4.5m", "--patience", "90", "--format", "json"]
        let first = try runCCPlan(arguments), second = try runCCPlan(arguments)
        XCTAssertEqual(first.stdout, second.stdout)
        var position = first.stdout.startIndex
        for key in keys {
            guard let range = first.stdout.range(of: "\"\(key)\":", range: position..<first.stdout.endIndex) else {
                return XCTFail("key \(key) missing or out of order in \(first.stdout)")
            }
            position = range.upperBound
        }
        let csv = try runCCPlan(["erlang", "--volume", "100", "--aht", "180", "--format", "csv"])
        XCTAssertTrue(csv.stdout.hasPrefix(keys.joined(separator: ",")), csv.stdout)
    }

    func testOtherModels() throws {
        let blocking = try runJSON(["--volume", "100", "--aht", "3m", "--max-blocking", "0.01"])
        XCTAssertEqual(blocking["model"] as? String, "erlang-b")
        XCTAssertEqual(number(blocking, "agents"), 18)
        let email = try runJSON([
            "--volume", "400", "--interval", "1h", "--aht", "4m", "--channel", "email",
            "--backlog", "150", "--response-within", "4h",
        ])
        XCTAssertEqual(email["model"] as? String, "deferred")
        XCTAssertEqual(number(email, "agents"), 30)
        let fractional = try runJSON([
            "--volume", "1800", "--interval", "1h", "--aht", "200", "--target-asa", "5",
            "--fractional",
        ])
        XCTAssertEqual(number(fractional, "agents") ?? 0, 109.8013447, accuracy: 1e-6)
        let chat = try runJSON(["--volume", "300", "--aht", "6m", "--channel", "chat", "--concurrency", "2"])
        XCTAssertEqual(number(chat, "agents"), 34)
    }

    func testBadArgumentsExit64NamingTheFlag() throws {
        let base = ["erlang", "--volume", "100", "--aht", "3m"]
        let cases: [([String], String)] = [
            (["erlang", "--volume", "-5", "--aht", "3m"], "--volume"),
            (["erlang", "--volume=-5", "--aht", "3m"], "--volume"),
            (base + ["--shrinkage", "1"], "--shrinkage"),
            (base + ["--shrinkage", "1.5"], "--shrinkage"),
            (base + ["--target-sl", "1"], "--target-sl"),
            (base + ["--target-asa", "0"], "--target-asa"),
            (base + ["--patience", "1m", "--max-abandon", "0"], "--max-abandon"),
            (["erlang", "--volume", "100", "--aht", "3x"], "--aht"),
            (["erlang", "--volume", "100", "--aht", "-3m"], "--aht"),
            (base + ["--interval", "half an hour"], "--interval"),
            (base + ["--answer-within", "1e3"], "--answer-within"),
            (base + ["--max-occupancy", "0"], "--max-occupancy"),
            (base + ["--concurrency", "2"], "--concurrency"),
        ]
        for (arguments, flag) in cases {
            let result = try runCCPlan(arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(flag), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(arguments) printed \(result.stdout)")
        }
    }

    func testInputsThatUsedToCrashExit64NamingTheFlag() throws {
        // Issue 13: each of these trapped (exit 132/134) in the queueing layer.
        let cases: [([String], String)] = [
            (["--volume", "400", "--aht", "4m", "--channel", "email", "--backlog", "1e20"], "--backlog"),
            (["--volume", "1", "--aht", "10", "--channel", "email", "--backlog", "1e300"], "--backlog"),
            (["--volume", "100", "--aht", "3m", "--max-occupancy", "1e-300"], "--max-occupancy"),
            (["--volume", "100000", "--aht", "3m", "--shrinkage", "0.9999999999999999"], "--shrinkage"),
        ]
        for (arguments, flag) in cases {
            let result = try runCCPlan(["erlang"] + arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(flag), "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stdout.isEmpty, "\(arguments) printed \(result.stdout)")
        }
    }

    func testFractionsAreAcceptedAsPercentagesLikePlan() throws {
        let percent = try runJSON([
            "--volume", "100", "--aht", "3m", "--target-sl", "80%", "--shrinkage", "30%", "--max-occupancy", "85%",
        ])
        let fraction = try runJSON([
            "--volume", "100", "--aht", "3m", "--target-sl", "0.8", "--shrinkage", "0.3", "--max-occupancy", "0.85",
        ])
        XCTAssertEqual(number(percent, "agents"), 14)
        XCTAssertEqual(number(percent, "scheduled_agents"), number(fraction, "scheduled_agents"))
    }

    func testHelpHasExamples() throws {
        let result = try runCCPlan(["erlang", "--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("Examples:"), result.stdout)
        XCTAssertTrue(result.stdout.contains("ccplan erlang --volume 100 --aht 3m"), result.stdout)
        XCTAssertTrue(result.stdout.contains("--patience"), result.stdout)
    }
}
