import Foundation
import XCTest

/// End-to-end tests of `ccplan schedule` through the built binary, on a small plan directory
/// written here (UTC, 30-minute intervals, two queues in one group).
final class ScheduleCommandTests: XCTestCase {
    static let shifts = """
        groups:
          - { name: front, queues: [support, sales] }
        shift_types:
          - name: early
            length: 8h30m
            start: { from: "07:30", to: "09:00", every: 30m }
            days: [Mon, Tue, Wed, Thu, Fri, Sat]
            breaks:
              - { name: break, length: 15m, paid: true, window: { from: 1h30m, to: 2h30m } }
              - { name: meal, length: 30m, paid: false, window: { from: 3h30m, to: 5h } }
          - name: late
            length: 6h
            start: { from: "12:00", to: "13:00", every: 30m }
            days: [Mon, Tue, Wed, Thu, Fri]
            breaks:
              - { name: break, length: 15m, paid: true, window: { from: 2h, to: 3h } }
        contracts:
          - { name: full, days: 5, consecutive_days_off: true, shift_types: [early], max_start_variation: 1h }
          - { name: part, days: { min: 3, max: 5 }, shift_types: [late], part_time: true }
        other_shrinkage: 10%
        """

    /// Agents per queue on weekdays 08:00–19:00 (a morning peak) and Saturdays 09:00–13:00,
    /// with volumes that need about that many agents.
    static func planDirectory(in dir: URL, zeroOut: String? = nil) throws -> String {
        let path = dir.appendingPathComponent("plan").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let plan = """
            {"queues": [{"queue": "support", "channel": "voice", "time_zone": "UTC", "interval_minutes": 30},
                        {"queue": "sales", "channel": "voice", "time_zone": "UTC", "interval_minutes": 30}],
             "scenarios": [{"name": "base", "assumptions": {"service_level": {"target": 0.8, "answer_within_seconds": 20, "definition": "offered"},
                            "patience_seconds": null, "chat_concurrency": 1, "staff_to": "point", "shrinkage": 0,
                            "fte_hours_per_week": 37.5, "email_response_window_seconds": 14400}, "per_queue_assumptions": []}]}
            """
        try plan.write(toFile: path + "/plan.json", atomically: true, encoding: .utf8)
        var csv = "scenario,queue,channel,interval_start,volume,aht_seconds,agents,scheduled_agents,service_level\n"
        let start = 1_793_577_600  // 2026-11-02T00:00:00Z, a Monday
        let formatter = ISO8601DateFormatter()
        for (q, scale) in [("support", 1.0), ("sales", 0.5)] {
            for i in 0..<(14 * 48) {
                let day = (i / 48) % 7, hour = Double(i % 48) / 2
                var agents = 0.0
                if day < 5 && hour >= 8 && hour < 19 { agents = 3 + 4 * exp(-pow(hour - 10.5, 2) / 4) }
                if day == 5 && hour >= 9 && hour < 13 { agents = 3 }
                let n = Int((agents * scale).rounded())
                let volume = Double(n) * 4.5  // AHT 300 s: about 0.75 Erlang per agent
                let stamp = formatter.string(from: Date(timeIntervalSince1970: Double(start + i * 1800)))
                    .replacingOccurrences(of: "Z", with: "+00:00")
                csv += "base,\(q),voice,\(stamp),\(zeroOut == q ? "abc" : String(volume)),300,\(n),\(n),0.8\n"
            }
        }
        try csv.write(toFile: path + "/intervals.csv", atomically: true, encoding: .utf8)
        return path
    }

    func write(_ dir: URL, _ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let files = ["shifts.csv", "breaks.csv", "tours.csv", "coverage.csv", "schedule.json", "report.html"]

    func testWritesEveryFileTheSameWayTwice() throws {
        let dir = try temporaryDirectory(self)
        let plan = try Self.planDirectory(in: dir)
        let shifts = try write(dir, "shifts.yaml", Self.shifts)
        var outputs: [[String: String]] = []
        for run in 0..<2 {
            let out = dir.appendingPathComponent("out\(run)").path
            let r = try runCCPlan(
                ["schedule", "--plan", plan, "--shifts", shifts, "--out", out],
                environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("week "), "nothing (no solver log) before the summary: \(r.stdout)")
            XCTAssertEqual(r.stderr, "")
            var files: [String: String] = [:]
            for name in Self.files { files[name] = try String(contentsOfFile: out + "/" + name, encoding: .utf8) }
            // The solve time is the one value that differs between runs.
            files["schedule.json"] = files["schedule.json"]!.split(separator: "\n").filter {
                !$0.contains("\"solve_seconds\"")
            }.joined(separator: "\n")
            outputs.append(files)
        }
        for name in Self.files { XCTAssertEqual(outputs[0][name], outputs[1][name], name) }
        XCTAssertTrue(outputs[0]["report.html"]!.contains("Shift starts"))
        XCTAssertTrue(outputs[0]["shifts.csv"]!.hasPrefix("group,date,shift,start,end,agents\n"))
        XCTAssertTrue(outputs[0]["tours.csv"]!.hasPrefix("group,tour,days,shift_per_day,agents"))
        let json = try JSONSerialization.jsonObject(with: Data(outputs[0]["schedule.json"]!.utf8)) as! [String: Any]
        let inputs = json["inputs"] as! [[String: Any]]
        XCTAssertEqual(inputs.count, 3)
        XCTAssertTrue(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let coverage = (json["schedules"] as! [[String: Any]])[0]["coverage"] as! [String: Any]
        XCTAssertEqual(coverage["uncovered_intervals"] as? Int, 0)
        XCTAssertNotNil(coverage["gap"] as? Double)
        XCTAssertEqual(json["exit_status"] as? Int, 0)
    }

    /// Coverage recomputed here from shifts.csv and breaks.csv alone (agents × overlap of each
    /// shift and break with each interval) equals coverage.csv's on_floor, over and under.
    func testCoverageFollowsFromTheShiftsAndBreaks() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out").path
        let r = try runCCPlan([
            "schedule", "--plan", try Self.planDirectory(in: dir), "--shifts", try write(dir, "s.yaml", Self.shifts),
            "--out", out,
        ])
        XCTAssertEqual(r.status, 0, r.stderr)
        let formatter = ISO8601DateFormatter()
        func time(_ text: Substring) -> Double { formatter.date(from: String(text))!.timeIntervalSince1970 }
        func rows(_ name: String) throws -> [[Substring]] {
            try String(contentsOfFile: out + "/" + name, encoding: .utf8).split(separator: "\n").dropFirst().map {
                $0.split(separator: ",", omittingEmptySubsequences: false)
            }
        }
        var spans: [(start: Double, end: Double, agents: Double)] = []
        for f in try rows("shifts.csv") { spans.append((time(f[3]), time(f[4]), Double(f[5])!)) }
        for f in try rows("breaks.csv") { spans.append((time(f[5]), time(f[6]), -Double(f[7])!)) }
        XCTAssertFalse(spans.isEmpty)
        let coverage = try rows("coverage.csv")
        XCTAssertEqual(coverage.count, 7 * 48)
        for c in coverage {
            let t = time(c[1])
            let onFloor = spans.reduce(0.0) { $0 + $1.agents * max(0, min($1.end, t + 1800) - max($1.start, t)) / 1800 }
            let required = Double(c[2])!
            XCTAssertEqual(Double(c[3])!, onFloor, accuracy: 5e-5, "\(c[1])")
            XCTAssertEqual(Double(c[4])!, max(0, onFloor - required), accuracy: 5e-5, "\(c[1])")
            XCTAssertEqual(Double(c[5])!, max(0, required - onFloor), accuracy: 5e-5, "\(c[1])")
        }
    }

    /// A cap of 2 agents on the only shift type cannot cover the peak: exit status 5, the files
    /// are still written and the summary names the uncovered intervals.
    func testUncoveredIntervalsExitFive() throws {
        let dir = try temporaryDirectory(self)
        let yaml = Self.shifts.replacingOccurrences(
            of: "    days: [Mon, Tue, Wed, Thu, Fri, Sat]\n",
            with: "    days: [Mon, Tue, Wed, Thu, Fri, Sat]\n    max_agents: 2\n")
        let out = dir.appendingPathComponent("out").path
        let r = try runCCPlan([
            "schedule", "--plan", try Self.planDirectory(in: dir), "--shifts", try write(dir, "s.yaml", yaml), "--out",
            out,
        ])
        XCTAssertEqual(r.status, 5, r.stderr)
        XCTAssertTrue(r.stdout.contains("intervals uncovered"), r.stdout)
        for name in Self.files { XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + name), name) }
        XCTAssertTrue(
            try String(contentsOfFile: out + "/schedule.json", encoding: .utf8).contains("\"exit_status\": 5"))
    }

    /// (A 3 % gap keeps the test to a second: it checks how the two schedules relate, not the optimum.)
    func testServiceLevelObjectiveReportsBothSchedules() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out").path
        let r = try runCCPlan([
            "schedule", "--plan", try Self.planDirectory(in: dir), "--shifts", try write(dir, "s.yaml", Self.shifts),
            "--objective", "service-level", "--target-sl", "coverage", "--gap", "0.03", "--out", out,
        ])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/schedule.json")))
            as! [String: Any]
        let week = (json["schedules"] as! [[String: Any]])[0]
        let coverage = week["coverage"] as! [String: Any], sl = week["service_level"] as! [String: Any]
        XCTAssertEqual(week["written"] as? String, "service-level")
        // The same weekly service level as the coverage schedule, for no more paid hours.
        XCTAssertGreaterThanOrEqual(
            sl["weekly_service_level"] as! Double, (coverage["weekly_service_level"] as! Double) - 1e-6)
        XCTAssertLessThanOrEqual(sl["paid_hours"] as! Double, coverage["paid_hours"] as! Double)
        XCTAssertEqual(
            week["paid_hours_saved"] as! Double, (coverage["paid_hours"] as! Double) - (sl["paid_hours"] as! Double),
            accuracy: 1e-9)
    }

    func testBadShiftsFileExits64WithItsPosition() throws {
        let dir = try temporaryDirectory(self)
        let out = dir.appendingPathComponent("out").path
        let shifts = try write(
            dir, "s.yaml",
            Self.shifts.replacingOccurrences(of: "    length: 6h\n", with: "    length: 6h\n    colour: red\n"))
        let r = try runCCPlan(["schedule", "--plan", try Self.planDirectory(in: dir), "--shifts", shifts, "--out", out])
        XCTAssertEqual(r.status, 64, r.stderr)
        XCTAssertTrue(r.stderr.contains("s.yaml:13:5: unknown key 'colour' in a shift type"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial output")
    }

    func testBadPlanDataExits65() throws {
        let dir = try temporaryDirectory(self)
        let r = try runCCPlan([
            "schedule", "--plan", try Self.planDirectory(in: dir, zeroOut: "sales"), "--shifts",
            try write(dir, "s.yaml", Self.shifts),
            "--out", dir.appendingPathComponent("out").path,
        ])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("intervals.csv:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("'volume' must be a number"), r.stderr)
    }

    func testBadFlagsExit64() throws {
        let dir = try temporaryDirectory(self)
        let plan = try Self.planDirectory(in: dir), shifts = try write(dir, "s.yaml", Self.shifts),
            out = dir.appendingPathComponent("out").path
        for (flags, message) in [
            (["--week", "2026-11-03"], "not a Monday"), (["--week", "2026-12-07"], "the plan has no interval"),
            (["--objective", "cheap"], "--objective"), (["--target-sl", "1.5"], "--target-sl"),
            (["--scenario", "nope"], "no scenario 'nope'"),
        ] {
            let r = try runCCPlan(["schedule", "--plan", plan, "--shifts", shifts, "--out", out] + flags)
            XCTAssertEqual(r.status, 64, "\(flags): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(message), "\(flags): \(r.stderr)")
        }
    }

    func testHelpHasAnExampleAndTheExitStatuses() throws {
        let r = try runCCPlan(["schedule", "--help"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("ccplan schedule --plan plan-output --shifts SampleData/shifts.yaml"), r.stdout)
        XCTAssertTrue(r.stdout.contains("5 when"), r.stdout)
        let root = try runCCPlan(["--help"])
        XCTAssertTrue(root.stdout.contains("schedule"), root.stdout)
        XCTAssertTrue(root.stdout.contains("schedule: 5"), root.stdout)
    }
}
