import CCPlanBase
import ContactHistory
import Foundation
import XCTest

@testable import Batch

/// The batch config: every error at file:line:column, null as absent, referenced files checked at
/// the key that names them, settings resolved base → groups → queue.
final class BatchConfigTests: BatchTestCase {
    private func error(_ yaml: String) -> String {
        do { _ = try BatchConfig.parse(yaml: yaml, path: "/x/b.yaml"); return "no error" } catch {
            return error.description
        }
    }

    func testConfigErrorsNameLineAndColumn() {
        XCTAssertEqual(
            error("inputs:\n  history: a.csv\nassumptions:\n  shrinkage: 1.2\n"),
            "/x/b.yaml:4:14: shrinkage: must be in [0, 1), got 1.2")
        XCTAssertTrue(error("inputs:\n  history: a.csv\nforecast:\n  horizon: 4 weeks\n").hasPrefix("/x/b.yaml:4:12: "))
        XCTAssertTrue(error("inputs:\n  history: a.csv\nbogus: 1\n").hasPrefix("/x/b.yaml:3:1: unknown key 'bogus'"))
        XCTAssertTrue(
            error("inputs:\n  history: a.csv\ngroups:\n  - { name: g, match: 'x*', assumptions: { shrinkag: 1% } }\n")
                .hasPrefix("/x/b.yaml:4:44: unknown setting 'shrinkag'"))
        XCTAssertTrue(error("inputs: [a\n").hasPrefix("/x/b.yaml:"), error("inputs: [a\n"))
        XCTAssertTrue(error("forecast: { horizon: 1w }\n").contains("'inputs' must name"))
        XCTAssertTrue(
            error("inputs: { history: a.csv, timezone: Mars/Base }\n").hasPrefix("/x/b.yaml:1:37: unknown time zone"))
        XCTAssertEqual(
            error("inputs: { history: a.csv, histroy: b.csv }\n"),
            "/x/b.yaml:1:27: unknown key 'histroy' in inputs (expected history, forecasts, timezone, profile, map, on_duplicate, dst_gap, accept_outliers, one_queue_per_file, holidays, events)"
        )
        XCTAssertTrue(
            error("inputs: { history: a.csv }\nqueues: { a: {}, a: {} }\n").contains("'a' is given twice"),
            error("inputs: { history: a.csv }\nqueues: { a: {}, a: {} }\n"))
        XCTAssertEqual(
            error("inputs: { history: a.csv }\nforecast: { quantiles: [0.1, 0x1p-1] }\n"),
            "/x/b.yaml:2:30: expected a number, got '0x1p-1'")
        XCTAssertEqual(
            error("inputs: { history: a.csv, one_queue_per_file: maybe }\n"),
            "/x/b.yaml:1:47: expected true or false, got 'maybe'")
    }

    /// Issue 13: a value that reads as out of range (1e-300% is 0 to 12 decimals) names its place;
    /// 5e-324 is a fraction in (0, 1), read as written. An absurd horizon is refused at its place.
    func testATinyTargetIsRefusedWhereItIsWritten() throws {
        XCTAssertEqual(
            error("inputs: { history: a.csv }\nassumptions:\n  target_sl: 1e-300%\n"),
            "/x/b.yaml:3:14: target_sl: must be in (0, 1), got 1e-300%")
        XCTAssertEqual(
            error("inputs: { history: a.csv }\nqueues:\n  vip: { max_abandon: 0% }\n"),
            "/x/b.yaml:3:23: max_abandon: must be in (0, 1), got 0%")
        let c = try BatchConfig.parse(
            yaml: "inputs: { history: a.csv }\nassumptions:\n  target_sl: 5e-324\n", path: "/x/b.yaml")
        XCTAssertEqual(try c.assumptions(queue: nil, channel: nil).targetServiceLevel, .leastNonzeroMagnitude)
        XCTAssertTrue(
            error("inputs: { history: a.csv }\nforecast: { horizon: 10000000000000000000s }\n").hasPrefix(
                "/x/b.yaml:2:22: horizon: "),
            error("inputs: { history: a.csv }\nforecast: { horizon: 10000000000000000000s }\n"))
    }

    /// Issue 13: `~` and `null` are absent: no scenario file named `null`, no home directory.
    func testNullIsAbsent() throws {
        for empty in ["~", "null", "", "NULL"] {
            let c = try BatchConfig.parse(
                yaml: "inputs: { history: a.csv, holidays: \(empty) }\nscenarios: \(empty)\nassumptions: \(empty)\n",
                path: "/cfg/b.yaml")
            XCTAssertNil(c.scenarioPath, empty)
            XCTAssertNil(c.holidaysPath, empty)
            XCTAssertEqual(c.scenarioPaths, [], empty)
            XCTAssertTrue(c.baseSettings.isEmpty, empty)
        }
        let quoted = try BatchConfig.parse(yaml: "inputs: { history: a.csv }\nscenarios: '~'\n", path: "/cfg/b.yaml")
        XCTAssertEqual(quoted.scenarioPath, "/cfg/~", "a quoted ~ is a file named ~ beside the config, never $HOME")
        let home = try BatchConfig.parse(yaml: "inputs: { history: a.csv }\nscenarios: ~/s.yaml\n", path: "/cfg/b.yaml")
        XCTAssertEqual(home.scenarioPath, (ProcessInfo.processInfo.environment["HOME"] ?? "") + "/s.yaml")
    }

    /// Issue 13: a missing scenarios or holidays file is reported at the key that names it.
    func testAMissingReferencedFileIsNamedAtItsKey() throws {
        let dir = try tempDir()
        try "date,name\n2026-12-25,Christmas\n".write(toFile: dir + "/h.csv", atomically: true, encoding: .utf8)
        func load(_ yaml: String) -> String {
            try? yaml.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
            do { _ = try BatchConfig.load(dir + "/b.yaml"); return "loaded" } catch { return error.description }
        }
        XCTAssertEqual(load("inputs:\n  history: a.csv\n  holidays: h.csv\n"), "loaded")
        XCTAssertEqual(
            load("inputs:\n  history: a.csv\n  holidays: nope.csv\n"),
            "\(dir)/b.yaml:3:3: the holidays file \(dir)/nope.csv does not exist")
        XCTAssertEqual(
            load("inputs: { history: a.csv }\nscenarios: s.yaml\n"),
            "\(dir)/b.yaml:2:1: the scenario file \(dir)/s.yaml does not exist")
        XCTAssertEqual(
            load("inputs: { history: a.csv }\ngroups:\n  - { channel: chat, scenarios: h }\n"),
            "\(dir)/b.yaml:3:22: the scenario file \(dir)/h does not exist")
        XCTAssertEqual(
            load("inputs: { history: a.csv, events: . }\n"),
            "\(dir)/b.yaml:1:27: the events file \(dir) is a directory, not a file")
    }

    func testSettingsPrecedenceBaseGroupsQueue() throws {
        let yaml = """
            inputs: { history: a.csv }
            assumptions: { shrinkage: 10%, target_sl: 80% }
            scenarios: s.yaml
            groups:
              - { name: sales, match: [ "sales-*" ], assumptions: { shrinkage: 20% }, scenarios: sales.yaml }
              - { name: chat, channel: chat, assumptions: { concurrency: 3, shrinkage: 25% } }
            queues:
              sales-vip: { target_sl: 95% }
              sales-vip/chat: { shrinkage: 40% }
            """
        let c = try BatchConfig.parse(yaml: yaml, path: "/cfg/b.yaml")
        XCTAssertEqual(c.historyPatterns, ["/cfg/a.csv"])
        let base = try c.assumptions(queue: "other", channel: .voice)
        XCTAssertEqual(base.shrinkage, 0.1)
        let sales = try c.assumptions(queue: "sales-1", channel: .voice)
        XCTAssertEqual(sales.shrinkage, 0.2)
        let vipChat = try c.assumptions(queue: "sales-vip", channel: .chat)
        XCTAssertEqual(vipChat.shrinkage, 0.4)
        XCTAssertEqual(vipChat.chatConcurrency, 3)
        XCTAssertEqual(vipChat.targetServiceLevel, 0.95)
        XCTAssertEqual(c.scenarioPath(queue: "sales-1", channel: .voice), "/cfg/sales.yaml")
        XCTAssertEqual(c.scenarioPath(queue: "other", channel: .voice), "/cfg/s.yaml")
    }

    /// A combination refused as a whole names the setting that made it.
    func testACombinationIsRefusedAtTheSettingThatMadeIt() {
        XCTAssertEqual(
            error("inputs: { history: a.csv }\nqueues:\n  vip: { target_sl: none }\n"),
            "/x/b.yaml:3:3: queue 'vip': target_sl: at least one target is needed (target_sl, target_asa, max_abandon or max_occupancy)"
        )
    }

    /// An input pattern that matches nothing is a data error (65) named at the pattern.
    func testAPatternMatchingNothingIsNamedInTheConfig() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("q", "voice")]])
        var other = config
        other.history = try BatchConfig.parse(
            yaml: "inputs:\n  history:\n    - h/*.csv\n    - missing/*.csv\n", path: dir + "/b.yaml"
        ).history
        guard case .data(let message)? = await failure(other, out: dir + "/o") else {
            return XCTFail("expected a data error")
        }
        XCTAssertEqual(message, "\(dir)/b.yaml:4:7: no input file matches \(dir)/missing/*.csv")
    }
}
