import Foundation
import XCTest

/// End-to-end tests of `ccplan monitor`: a real plan of the sample data, per-contact actuals made
/// here, the attribution, `ccplan erlang` agreement, tolerances and bad inputs.
final class MonitorCommandTests: XCTestCase {
    /// A one-week plan of the sample data (Erlang C, 80/20), made once per test.
    private func plan(_ dir: URL) throws -> String {
        let out = dir.appendingPathComponent("plan").path
        let result = try runCCPlan(
            [
                "plan", "--history", "SampleData/contact-history.csv", "--timezone", "Europe/Berlin",
                "--horizon", "1w", "--patience", "none", "--out", out,
            ],
            environment: ["SOURCE_DATE_EPOCH": "0"], currentDirectory: repositoryRoot)
        XCTAssertEqual(result.status, 0, result.stderr)
        return out
    }

    /// Per-contact records for `billing` on Monday 2026-11-02, 10:00–10:30 (CET): `calls` calls,
    /// the first `within` answered after 5 s, the others after 60 s, two abandons after 30 s.
    private func contacts(_ dir: URL, calls: Int, within: Int) throws -> String {
        var text = "arrival,queue,wait_seconds,handle_seconds,outcome\n"
        for i in 0..<calls {
            let second = i * 1800 / calls
            let stamp = "2026-11-02T10:\(String(format: "%02d", second / 60)):\(String(format: "%02d", second % 60))"
            if i < within {
                text += "\(stamp),billing,5,180,answered\n"
            } else if i < calls - 2 {
                text += "\(stamp),billing,60,180,answered\n"
            } else {
                text += "\(stamp),billing,30,0,abandoned\n"
            }
        }
        text += "2026-11-02T10:05:00,nosuchqueue,5,100,answered\n"
        let path = dir.appendingPathComponent("calls.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testContactsAreReviewedAgainstThePlansOwnModel() throws {
        let dir = try temporaryDirectory(self)
        let planDir = try plan(dir)
        let calls = try contacts(dir, calls: 120, within: 84)
        let out = dir.appendingPathComponent("review").path
        let result = try runCCPlan(
            ["monitor", "--plan", planDir, "--contacts", calls, "--timezone", "Europe/Berlin", "--out", out],
            environment: ["SOURCE_DATE_EPOCH": "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("not in the plan: nosuchqueue voice, 1 intervals"), result.stdout)
        let rows = try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 2, "one reviewed interval: \(rows)")
        let header = rows[0].split(separator: ",").map(String.init)
        let row = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ name: String) -> String { row[header.firstIndex(of: name)!] }
        XCTAssertEqual(cell("interval_start"), "2026-11-02T10:00:00+01:00")
        XCTAssertEqual(cell("actual_volume"), "120")
        XCTAssertEqual(Double(cell("actual_aht_seconds")), 180)
        XCTAssertEqual(Double(cell("actual_service_level")), 0.7)  // 84 of 120 within 20 s
        // What the interval needed: exactly what ccplan erlang says for 120 calls of 180 s.
        let erlang = try runCCPlan(["erlang", "--volume", "120", "--aht", "180", "--format", "json"])
        let needed = try jsonObject(erlang.stdout)["agents"] as? Int
        XCTAssertEqual(Int(cell("required_agents")), needed)
        // The SL of the planned agents at the actual workload, also from ccplan erlang.
        let planned = cell("planned_agents")
        let atActual =
            try jsonObject(
                try runCCPlan([
                    "erlang", "--volume", "120", "--aht", "180", "--agents", planned,
                    "--format", "json",
                ]).stdout)["service_level"] as? Double
        XCTAssertEqual(Double(cell("planned_agents_at_actual_service_level"))!, atActual!, accuracy: 5e-7)
        // The day's gap splits into its forecast part; without staffed agents there is no delivery or other.
        let daily = try String(contentsOfFile: out + "/daily.csv", encoding: .utf8).split(separator: "\n")
        let dh = daily[0].split(separator: ",").map(String.init)
        let d = daily[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func day(_ name: String) -> String { d[dh.firstIndex(of: name)!] }
        XCTAssertEqual(day("actual_service_level"), "0.7000")
        XCTAssertEqual(
            Double(day("sl_gap_forecast"))!, atActual! - Double(cell("planned_service_level"))!, accuracy: 1e-4)
        XCTAssertEqual(day("sl_gap_delivery"), "")
        let json = try jsonObject(try String(contentsOfFile: out + "/monitor.json", encoding: .utf8))
        XCTAssertEqual(json["status"] as? String, "within_tolerance")
        XCTAssertNotNil((json["plan"] as? [String: Any])?["plan_json_sha256"])
        // Byte-identical on a second run.
        let again = dir.appendingPathComponent("again").path
        _ = try runCCPlan(
            ["monitor", "--plan", planDir, "--contacts", calls, "--timezone", "Europe/Berlin", "--out", again],
            environment: ["SOURCE_DATE_EPOCH": "0"])
        for file in ["intervals.csv", "daily.csv", "weekly.csv", "monthly.csv", "monitor.json", "report.html"] {
            XCTAssertEqual(
                FileManager.default.contents(atPath: out + "/" + file),
                FileManager.default.contents(atPath: again + "/" + file), file)
        }
    }

    func testIntervalActualsWithStaffingSplitTheGapIntoThreePartsThatAddUp() throws {
        let dir = try temporaryDirectory(self)
        let planDir = try plan(dir)
        // Two half-hours of billing on Monday 2026-11-02 (CET), as a platform's interval report.
        let actuals = dir.appendingPathComponent("actuals.csv").path
        try """
        interval_start,queue,channel,offered,handled,abandoned,handle_seconds,answered_within,staffed_agents
        2026-11-02T10:00:00+01:00,billing,voice,120,118,2,21240,70,13.5
        2026-11-02T10:30:00+01:00,billing,voice,90,90,0,16200,80,15
        2026-11-02T10:00:00+01:00,other,voice,5,5,0,900,5,1
        """.write(toFile: actuals, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("review").path
        let result = try runCCPlan(["monitor", "--plan", planDir, "--actuals", actuals, "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("not in the plan: other voice, 1 intervals"), result.stdout)
        let rows = try String(contentsOfFile: out + "/intervals.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 3)
        let header = rows[0].split(separator: ",").map(String.init)
        let first = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ name: String) -> String { first[header.firstIndex(of: name)!] }
        XCTAssertEqual(cell("staffed_agents"), "13.500")
        XCTAssertEqual(Double(cell("actual_service_level")), Double(fixedSix(70.0 / 120)))
        // The modelled SL of 13.5 agents is halfway between those of 13 and 14 agents (ccplan erlang).
        func sl(_ agents: Int) throws -> Double {
            try jsonObject(
                try runCCPlan([
                    "erlang", "--volume", "120", "--aht", "180", "--agents", "\(agents)",
                    "--format", "json",
                ]).stdout)["service_level"] as! Double
        }
        XCTAssertEqual(Double(cell("modelled_service_level"))!, (try sl(13) + sl(14)) / 2, accuracy: 5e-7)
        // The day: every part present, and as written they add up to the gap exactly.
        let daily = try String(contentsOfFile: out + "/daily.csv", encoding: .utf8).split(separator: "\n")
        let dh = daily[0].split(separator: ",").map(String.init)
        let d = daily[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func day(_ name: String) -> Int { Int((Double(d[dh.firstIndex(of: name)!])! * 10_000).rounded()) }
        XCTAssertEqual(day("sl_gap_forecast") + day("sl_gap_delivery") + day("sl_gap_other"), day("sl_gap"))
        XCTAssertEqual(Double(d[dh.firstIndex(of: "actual_service_level")!])!, 150.0 / 210, accuracy: 5e-5)
        XCTAssertEqual(Double(d[dh.firstIndex(of: "staffed_hours")!])!, (13.5 + 15) * 0.5, accuracy: 1e-9)
    }

    private func fixedSix(_ x: Double) -> String { String(format: "%.6f", x) }

    func testATolerancesBreachExits4WithTheFilesWritten() throws {
        let dir = try temporaryDirectory(self)
        let planDir = try plan(dir)
        let calls = try contacts(dir, calls: 120, within: 40)
        let tolerances = dir.appendingPathComponent("t.yaml").path
        try "service_level: 5pp\nqueues:\n  billing: { daily_abandon_rate: 1% }\n".write(
            toFile: tolerances, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("review").path
        let result = try runCCPlan([
            "monitor", "--plan", planDir, "--contacts", calls, "--timezone", "Europe/Berlin",
            "--tolerances", tolerances, "--out", out,
        ])
        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/report.html"))
        let daily = try String(contentsOfFile: out + "/daily.csv", encoding: .utf8)
        XCTAssertTrue(daily.contains("breach: daily_service_level daily_abandon_rate"), daily)
    }

    func testBadInputsNameTheirPlaceAndWriteNothing() throws {
        let dir = try temporaryDirectory(self)
        let planDir = try plan(dir)
        let out = dir.appendingPathComponent("review").path
        // A directory that is not a plan.
        var r = try runCCPlan(["monitor", "--plan", dir.path, "--contacts", "x.csv", "--out", out])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("is not a complete ccplan plan: plan.json is missing"), r.stderr)
        // Bad tolerances: file:line:column, 64.
        let tolerances = dir.appendingPathComponent("t.yaml").path
        try "monthly_volume: 10%\nweekly_volum: 15%\n".write(toFile: tolerances, atomically: true, encoding: .utf8)
        let calls = try contacts(dir, calls: 10, within: 5)
        r = try runCCPlan(["monitor", "--plan", planDir, "--contacts", calls, "--tolerances", tolerances, "--out", out])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("t.yaml:2:1: unknown tolerance 'weekly_volum'"), r.stderr)
        // A bad contact row: file:line:column, 65.
        let bad = dir.appendingPathComponent("bad.csv").path
        try "arrival,queue,wait_seconds,outcome\n2026-11-02T10:00:00,billing,abc,answered\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        r = try runCCPlan([
            "monitor", "--plan", planDir, "--contacts", bad, "--timezone", "Europe/Berlin", "--out", out,
        ])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("bad.csv:2:29: expected seconds ≥ 0 for wait_seconds"), r.stderr)
        // A scenario the plan does not have.
        r = try runCCPlan(["monitor", "--plan", planDir, "--contacts", calls, "--scenario", "nope", "--out", out])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("the plan has no scenario 'nope' (it has: base)"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testHelpHasExamples() throws {
        let r = try runCCPlan(["monitor", "--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("ccplan monitor --plan plan-output --actuals SampleData/actuals.csv"), r.stdout)
    }
}
