import Foundation
import XCTest

/// End-to-end tests of `ccplan forecast`, `ccplan backtest` and `ccplan plan` through the built binary.
final class PlanCommandTests: XCTestCase {
    /// Six weeks of synthetic history (Mon–Fri 08:00–18:00, Europe/Berlin) for a voice and a chat queue.
    private func history(_ dir: URL, weeks: Int = 6) throws -> String {
        var out = "interval_start,queue,channel,offered,handled,aht_seconds\n"
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        formatter.formatOptions = [.withInternetDateTime]
        let start = formatter.date(from: "2026-08-03T00:00:00+02:00")!
        for step in 0..<(weeks * 7 * 48) {
            let t = start.addingTimeInterval(Double(step) * 1800)
            let day = step / 48, slot = step % 48
            let open = day % 7 < 5 && slot >= 16 && slot < 36
            let voice = open ? 20 + (slot * 7 + day * 3) % 11 : 0
            let chat = open ? 5 + (slot * 5 + day) % 4 : 0
            let stamp = formatter.string(from: t)
            out += "\(stamp),support,voice,\(voice),\(voice),\(open ? "250" : "")\n"
            out += "\(stamp),webchat,chat,\(chat),\(chat),\(open ? "400" : "")\n"
        }
        let path = dir.appendingPathComponent("history.csv").path
        try out.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testForecastWritesSortedCSVWithQuantilesAndClosedIntervals() throws {
        let dir = try temporaryDirectory(self)
        let path = try history(dir)
        let out = dir.appendingPathComponent("forecast.csv").path
        let result = try runCCPlan([
            "forecast", "--history", path, "--timezone", "Europe/Berlin", "--horizon", "1w",
            "--quantiles", "0.05,0.95", "--model", "seasonal-average", "--out", out,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "queue,channel,interval_start,volume,volume_p5,volume_p95,aht_seconds,model")
        XCTAssertEqual(lines.count, 1 + 2 * 7 * 48)
        XCTAssertTrue(lines[1].hasPrefix("support,voice,2026-09-14T00:00:00+02:00,0,0,0,"), String(lines[1]))
        XCTAssertTrue(lines[1 + 7 * 48].hasPrefix("webchat,chat,2026-09-14T00:00:00+02:00,"), String(lines[1 + 7 * 48]))
        let json = try runCCPlan([
            "forecast", "--history", path, "--timezone", "Europe/Berlin", "--horizon", "1d", "--format", "json",
        ])
        XCTAssertEqual(json.status, 0, json.stderr)
        let object = try jsonObject(json.stdout)
        XCTAssertEqual((object["forecasts"] as? [Any])?.count, 2)
    }

    func testBacktestReportsEveryModelAndAutosChoice() throws {
        let dir = try temporaryDirectory(self)
        let path = try history(dir)
        let result = try runCCPlan([
            "backtest", "--history", path, "--timezone", "Europe/Berlin", "--horizon", "7d",
            "--folds", "2", "--models", "seasonal-naive,svd,auto", "--format", "json",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try XCTUnwrap(try jsonObject(result.stdout)["results"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 6)
        // auto's row names its pick on the full history; that pick is marked when it is also listed.
        let autoRows = rows.filter { ($0["model"] as? String)?.hasPrefix("auto (") == true }
        XCTAssertEqual(autoRows.count, 2)
        XCTAssertLessThanOrEqual(rows.filter { $0["chosen_by_auto"] as? Bool == true }.count, 2)
        for row in rows { XCTAssertNotNil(row["wape"] as? Double, "\(row)") }
        let bad = try runCCPlan(["backtest", "--history", path, "--horizon", "7d", "--models", "crystal-ball"])
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--models"), bad.stderr)
    }

    func testPlanAgentsAreWhatErlangGivesForEachRow() throws {
        let dir = try temporaryDirectory(self)
        let path = try history(dir)
        let scenarios = dir.appendingPathComponent("s.yaml").path
        try "base:\n  queues:\n    webchat: {concurrency: 2}\nscenarios:\n  busy: {volume_factor: 1.25}\n"
            .write(toFile: scenarios, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("plan").path
        let result = try runCCPlan(
            [
                "plan", "--history", path, "--timezone", "Europe/Berlin", "--horizon", "1w",
                "--target-sl", "0.85", "--answer-within", "15s", "--shrinkage", "0.3", "--patience", "2m",
                "--scenarios", scenarios, "--out", out,
            ], environment: ["SOURCE_DATE_EPOCH": "1800000000"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("expected SL"), result.stdout)
        for name in [
            "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv", "forecast.csv", "scenarios.csv", "plan.json",
            "report.html",
        ] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), name)
        }
        let rows = try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8).split(separator: "\n")
            .dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let open = rows.filter { Double($0[4])! > 0 }
        XCTAssertGreaterThan(open.count, 100)
        // Every 37th open row, both queues and both scenarios: ccplan erlang on the row's own
        // volume and AHT gives the row's agents and scheduled agents.
        for row in stride(from: 0, to: open.count, by: 37).map({ open[$0] }) {
            var args = [
                "erlang", "--volume", row[4], "--interval", "30m", "--aht", row[5], "--target-sl", "0.85",
                "--answer-within", "15s", "--shrinkage", "0.3", "--patience", "2m", "--format", "json",
            ]
            if row[2] == "chat" { args += ["--channel", "chat", "--concurrency", "2"] }
            let erlang = try runCCPlan(args)
            XCTAssertEqual(erlang.status, 0, erlang.stderr)
            let json = try jsonObject(erlang.stdout)
            XCTAssertEqual(json["agents"] as? Int, Int(row[6]), "\(row)")
            XCTAssertEqual(json["scheduled_agents"] as? Int, Int(row[7]), "\(row)")
        }
        // Byte-identical on a second run, whatever the number of workers.
        let again = dir.appendingPathComponent("plan2").path
        let second = try runCCPlan(
            [
                "plan", "--history", path, "--timezone", "Europe/Berlin", "--horizon", "1w",
                "--target-sl", "0.85", "--answer-within", "15s", "--shrinkage", "0.3", "--patience", "2m",
                "--scenarios", scenarios, "--workers", "1", "--out", again,
            ], environment: ["SOURCE_DATE_EPOCH": "1800000000"])
        XCTAssertEqual(second.status, 0, second.stderr)
        for name in [
            "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv", "forecast.csv", "scenarios.csv", "report.html",
        ] {
            XCTAssertEqual(
                FileManager.default.contents(atPath: out + "/" + name),
                FileManager.default.contents(atPath: again + "/" + name), name)
        }
        let a = try String(contentsOfFile: out + "/plan.json", encoding: .utf8)
        let b = try String(contentsOfFile: again + "/plan.json", encoding: .utf8)
        XCTAssertEqual(a, b)
    }

    func testBadInputsLeaveTheOutputDirectoryUntouched() throws {
        let dir = try temporaryDirectory(self)
        let path = try history(dir)
        let out = dir.appendingPathComponent("plan").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        try "previous plan".write(toFile: out + "/intervals.csv", atomically: true, encoding: .utf8)
        func check(_ args: [String], status: Int32, mentions: String, _ line: UInt = #line) throws {
            let result = try runCCPlan(["plan"] + args + ["--out", out])
            XCTAssertEqual(result.status, status, result.stderr, line: line)
            XCTAssertTrue(result.stderr.contains(mentions), result.stderr, line: line)
            XCTAssertEqual(
                try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8), "previous plan", line: line)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out), ["intervals.csv"], line: line)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
                $0.hasPrefix(".plan")
            }
            XCTAssertEqual(leftovers, [], line: line)
        }
        let badYAML = dir.appendingPathComponent("bad.yaml").path
        try "base:\n  shrinkage: 0.3\nscenarios:\n  x:\n    volume_factr: 2\n".write(
            toFile: badYAML, atomically: true, encoding: .utf8)
        try check(
            ["--history", path, "--horizon", "1w", "--scenarios", badYAML], status: 64,
            mentions: "bad.yaml:5:5: unknown setting 'volume_factr'")
        try check(["--history", path, "--horizon", "1w", "--shrinkage", "1.2"], status: 64, mentions: "--shrinkage")
        let empty = dir.appendingPathComponent("empty.csv").path
        try "".write(toFile: empty, atomically: true, encoding: .utf8)
        try check(["--forecast", empty], status: 65, mentions: "the file is empty")
        let short = try history(dir.appendingPathComponent("short", isDirectory: true).creatingDirectory(), weeks: 0)
        try check(["--history", short, "--horizon", "1w"], status: 65, mentions: "no rows")
        let week = dir.appendingPathComponent("week.csv").path
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").prefix(1 + 2 * 48 * 4)
        try (lines.joined(separator: "\n") + "\n").write(toFile: week, atomically: true, encoding: .utf8)
        try check(["--history", week, "--horizon", "1w"], status: 65, mentions: "at least 7 are needed")
        try check(["--history", path], status: 64, mentions: "--horizon")
    }

    func testPlanFromAForecastFile() throws {
        let dir = try temporaryDirectory(self)
        let forecast = dir.appendingPathComponent("f.csv").path
        try
            "queue,interval_start,volume,aht_seconds\nsales,2026-11-02T08:00:00+01:00,100,180\nsales,2026-11-02T08:30:00+01:00,0,180\n"
            .write(toFile: forecast, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("plan").path
        let result = try runCCPlan([
            "plan", "--forecast", forecast, "--timezone", "Europe/Berlin", "--max-occupancy", "0.85",
            "--shrinkage", "0.3", "--out", out,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let rows = try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8).split(separator: "\n")
        // The reference case: 100 calls per 30 minutes, AHT 180 s, 80/20, cap 85 %, shrinkage 30 % → 14 and 20.
        XCTAssertTrue(
            rows[1].hasPrefix("base,sales,voice,2026-11-02T08:00:00+01:00,100,180,14,20,0.888350,"), String(rows[1]))
    }
}

extension URL {
    fileprivate func creatingDirectory() throws -> URL {
        try FileManager.default.createDirectory(at: self, withIntermediateDirectories: true)
        return self
    }
}

/// `ccplan plan` on the real "Anonymous Bank" history (shared/data; skipped when absent): its
/// abandons and mean queue times give the callers' patience, so the plan is Erlang A.
final class RealDataPlanTests: XCTestCase {
    func testAnonymousBankPlanEstimatesPatience() throws {
        let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
                "shared/data/anon_bank_1999_jan_oct_30min.csv"
            ).path
        guard FileManager.default.fileExists(atPath: data) else {
            throw XCTSkip("shared/data is not beside the repository; the real-data test needs \(data)")
        }
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("plan").path
        let result = try runCCPlan([
            "plan", "--history", data, "--map", "interval_start=timestamp", "--map", "aht_seconds=aht_sec",
            "--map", "wait_seconds=mean_queue_sec", "--map", "handled=answered", "--timezone", "Asia/Jerusalem",
            "--horizon", "1w", "--out", out,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let plan = try jsonObject(try String(contentsOfFile: out + "/plan.json", encoding: .utf8))
        let queue = try XCTUnwrap((plan["queues"] as? [[String: Any]])?.first)
        // Σ(offered × mean queue time) ÷ Σ abandoned over the last 8 weeks: about 7 minutes.
        let patience = try XCTUnwrap(queue["estimated_patience_seconds"] as? Double)
        XCTAssertGreaterThan(patience, 60)
        XCTAssertLessThan(patience, 1800)
        let rows = try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8).split(separator: "\n")
            .dropFirst()
        XCTAssertTrue(
            rows.contains { Double($0.split(separator: ",", omittingEmptySubsequences: false)[10]) ?? 0 > 0 },
            "Erlang A: some abandonment is planned")
    }
}

extension PlanCommandTests {
    /// Issue 13: values the queueing models cannot take are refused by plan and scenario files too.
    func testQueueingRangesAreRefusedWithTheKeyOrFlag() throws {
        let dir = try temporaryDirectory(self)
        let flag = try runCCPlan(
            [
                "plan", "--history", "SampleData/contact-history.csv", "--timezone", "Europe/Berlin",
                "--horizon", "1w", "--shrinkage", "0.9999999999999999", "--out", dir.appendingPathComponent("p").path,
            ],
            currentDirectory: repositoryRoot)
        XCTAssertEqual(flag.status, 64, flag.stderr)
        XCTAssertTrue(flag.stderr.contains("shrinkage: must be in [0, 0.99]"), flag.stderr)
        let yaml = dir.appendingPathComponent("s.yaml").path
        try "base:\n  max_occupancy: 0.001\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        let file = try runCCPlan(
            [
                "plan", "--history", "SampleData/contact-history.csv", "--timezone", "Europe/Berlin",
                "--horizon", "1w", "--scenarios", yaml, "--out", dir.appendingPathComponent("p").path,
            ],
            currentDirectory: repositoryRoot)
        XCTAssertEqual(file.status, 64, file.stderr)
        XCTAssertTrue(file.stderr.contains("s.yaml:2:18: max_occupancy: must be in [0.01, 1], got 0.001"), file.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("p").path))
    }
}

extension PlanCommandTests {
    /// Issue 13: horizons beyond 5 years trapped (Double → Int64), allocated petabytes or ran for
    /// minutes; an extreme patience hung Erlang A. Each now answers at once.
    func testAbsurdHorizonsAreRefusedAndHugePatienceFinishes() throws {
        let dir = try temporaryDirectory(self)
        let history = ["--history", "SampleData/contact-history.csv", "--timezone", "Europe/Berlin"]
        for horizon in ["10000000000000000000s", "9000000000000000000s", "100000000000s", "1831d"] {
            for command in [
                ["plan"] + history + ["--out", dir.appendingPathComponent("p").path], ["forecast"] + history,
            ] {
                let result = try runCCPlan(command + ["--horizon", horizon], currentDirectory: repositoryRoot)
                XCTAssertEqual(result.status, 64, "\(command[0]) \(horizon): \(result.stderr)")
                XCTAssertTrue(result.stderr.contains("--horizon: must be at most 1830d (5 years)"), result.stderr)
            }
        }
        let started = Date()
        let result = try runCCPlan(
            ["plan"] + history + [
                "--horizon", "1w", "--patience", "1000000000000000s",
                "--staff-to", "expected-sl", "--out", dir.appendingPathComponent("q").path,
            ],
            currentDirectory: repositoryRoot)
        XCTAssertEqual(result.status, 0, result.stderr)
        // Not a timing test: it hung before; anything near a minute means it hangs again.
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
    }
}
