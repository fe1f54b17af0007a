import Foundation
import XCTest

/// End-to-end tests of `ccplan capacity` through the built binary.
final class CapacityCommandTests: XCTestCase {
    static let staff = """
        groups:
          - name: front
            queues: [support, sales]
            headcount: 30
            fte_per_head: 1
            attrition: 4%
        policy:
          training: 2w
          graduation: 90%
          ramp: [50%]
          class_starts: { every: 2w, from: 2026-01-05 }
          class_size: { min: 2, max: 10 }
          lead_time: 1w
          overtime_cap: 10%
        costs:
          wage_per_hour: 20
          fte_hours: 40
          hire_cost: 2000
          overtime_premium: 50%
          shortfall_penalty: 9000
        """

    /// 16 weeks from 2026-01-05; the total rises from 30 to 38 FTE.
    static func requirements(scale: Double = 1) -> String {
        var out = "queue,week_start,required_fte\n"
        let start = DateComponents(
            calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2026, month: 1,
            day: 5
        ).date!
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        for w in 0..<16 {
            let day = formatter.string(from: start.addingTimeInterval(Double(w) * 7 * 86_400))
            let total = (30 + 8 * Double(w) / 15) * scale
            out += "support,\(day),\(total * 0.6)\nsales,\(day),\(total * 0.4)\n"
        }
        return out
    }

    func write(_ dir: URL, _ name: String, _ text: String) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs capacity on the staff file with `change` applied and the requirement × `scale`;
    /// returns the result and the base scenario of capacity.json.
    func runModified(_ change: (String, String), scale: Double) throws -> (CLIResult, [String: Any]) {
        let dir = try temporaryDirectory(self)
        let staff = try write(dir, "staff.yaml", Self.staff.replacingOccurrences(of: change.0, with: change.1))
        let req = try write(dir, "req.csv", Self.requirements(scale: scale))
        let out = dir.appendingPathComponent("out").path
        let r = try runCCPlan(["capacity", "--requirements", req, "--staff", staff, "--out", out])
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/capacity.csv"))
        let json =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/capacity.json")))
            as! [String: Any]
        return (r, (json["scenarios"] as! [[String: Any]])[0])
    }

    func testWritesTheFourFilesDeterministically() throws {
        let dir = try temporaryDirectory(self)
        let staff = try write(dir, "staff.yaml", Self.staff)
        let req = try write(dir, "req.csv", Self.requirements())
        let scenarios = try write(
            dir, "s.yaml",
            "scenarios:\n  attrition +1 pp:\n    attrition_delta: 1pp\n  volume +10%:\n    volume_factor: 1.1\n")
        var outputs: [[String: Data]] = []
        for run in 0..<2 {
            let out = dir.appendingPathComponent("out\(run)").path
            let r = try runCCPlan(
                ["capacity", "--requirements", req, "--staff", staff, "--scenarios", scenarios, "--out", out],
                environment: ["SOURCE_DATE_EPOCH": "1767225600"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("scenario "), "nothing (no solver log) before the summary: \(r.stdout)")
            XCTAssertEqual(r.stderr, "")
            var files: [String: Data] = [:]
            for name in ["capacity.csv", "hiring-plan.csv", "capacity.json", "report.html"] {
                files[name] = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
            }
            outputs.append(files)
        }
        XCTAssertEqual(outputs[0], outputs[1], "byte-identical outputs")
        let csv = String(decoding: outputs[0]["capacity.csv"]!, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(
            csv.first,
            "scenario,group,week_start,required_fte,headcount,productive_fte,in_training,hires_starting,attrition,overtime_fte,shortfall_fte,gap_fte,cost,service_level"
        )
        XCTAssertEqual(csv.count, 1 + 3 * 16)
        let plan = String(decoding: outputs[0]["hiring-plan.csv"]!, as: UTF8.self)
        XCTAssertTrue(
            plan.hasPrefix("scenario,group,class_start,hires,productive_from,fully_productive_from\nbase,front,"), plan)
        let json = try JSONSerialization.jsonObject(with: outputs[0]["capacity.json"]!) as! [String: Any]
        let inputs = json["inputs"] as! [[String: Any]]
        let staffDigest = inputs.first { ($0["path"] as? String) == staff }?["sha256"] as? String
        XCTAssertEqual(staffDigest?.count, 64)
        let base = (json["scenarios"] as! [[String: Any]])[0]
        XCTAssertEqual(base["status"] as? String, "optimal")
        XCTAssertGreaterThanOrEqual(base["saving_vs_rule_of_thumb"] as! Double, -1e-6)
        let html = String(decoding: outputs[0]["report.html"]!, as: UTF8.self)
        XCTAssertTrue(html.contains("<svg") && html.contains("Scenarios") && html.contains("Hiring plan"))
    }

    /// Classes of at most 2 cannot follow a requirement twice as high: the files are written, the
    /// weeks are listed, and the exit status is 3. The first week counted is 2026-02-02: the
    /// first allowed start after the 1-week lead time is week 2 (classes every 2 weeks from
    /// week 0), plus 2 weeks of training.
    func testRemainingShortfallExitsThree() throws {
        let (r, base) = try runModified(("{ min: 2, max: 10 }", "{ min: 1, max: 2 }"), scale: 2)
        XCTAssertEqual(r.status, 3, r.stderr)
        XCTAssertTrue(
            r.stdout.contains("Short of the requirement in the base scenario:\n  front week of 2026-02-02:"), r.stdout)
        let shortfalls = base["shortfalls"] as! [[String: Any]]
        XCTAssertEqual(shortfalls.first?["week_start"] as? String, "2026-02-02")
    }

    /// A lead time beyond the horizon: no class can start, the summary says so, the status is 0
    /// (no week the policy could influence) and capacity.json has no first influenced week.
    func testNoClassCanStartIsReported() throws {
        let (r, base) = try runModified(("lead_time: 1w", "lead_time: 20w"), scale: 1.5)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(
            r.stdout.contains(
                "Group front: no class can start inside the horizon (allowed starts, lead time 20 weeks)"), r.stdout)
        let group = (base["groups"] as! [[String: Any]])[0]
        XCTAssertEqual(group["decision_weeks"] as? Int, 0)
        XCTAssertTrue(group["first_influenced_week"] is NSNull)
    }

    func testBadInputsNameTheirPlaceAndWriteNothing() throws {
        let dir = try temporaryDirectory(self)
        let req = try write(dir, "req.csv", Self.requirements())
        let out = dir.appendingPathComponent("out").path
        let badStaff = try write(
            dir, "bad.yaml", Self.staff.replacingOccurrences(of: "lead_time: 1w", with: "lead_tme: 1w"))
        var r = try runCCPlan(["capacity", "--requirements", req, "--staff", badStaff, "--out", out])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.contains("bad.yaml:13:3: unknown key 'lead_tme' in 'policy'"), r.stderr)
        let staff = try write(dir, "staff.yaml", Self.staff)
        let badReq = try write(dir, "bad.csv", "queue,week_start,required_fte\nsupport,2026-01-05,abc\n")
        r = try runCCPlan(["capacity", "--requirements", badReq, "--staff", staff, "--out", out])
        XCTAssertEqual(r.status, 65)
        XCTAssertTrue(r.stderr.contains("bad.csv:2:20: 'required_fte' must be a number"), r.stderr)
        r = try runCCPlan(["capacity", "--requirements", req, "--plan", dir.path, "--staff", staff, "--out", out])
        XCTAssertEqual(r.status, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    /// From a plan directory: `ccplan plan` on five weeks of synthetic history, then capacity on
    /// its weekly FTE, with the service level the supply delivers per week.
    func testFromAPlanDirectoryWithServiceLevel() throws {
        let dir = try temporaryDirectory(self)
        var history = "interval_start,queue,channel,offered,handled,aht_seconds\n"
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Europe/Berlin")
        let start = formatter.date(from: "2026-08-03T00:00:00+02:00")!
        for step in 0..<(5 * 7 * 48) {
            let day = step / 48, slot = step % 48
            let open = day % 7 < 5 && slot >= 16 && slot < 36
            let volume = open ? 30 + (slot * 7 + day * 3) % 11 : 0
            history +=
                "\(formatter.string(from: start.addingTimeInterval(Double(step) * 1800))),support,voice,\(volume),\(volume),\(open ? "240" : "")\n"
        }
        let historyPath = try write(dir, "history.csv", history)
        let planDir = dir.appendingPathComponent("plan").path
        let plan = try runCCPlan([
            "plan", "--history", historyPath, "--timezone", "Europe/Berlin", "--horizon", "6w",
            "--model", "seasonal-average", "--patience", "none", "--out", planDir,
        ])
        XCTAssertEqual(plan.status, 0, plan.stderr)
        let staff = try write(
            dir, "staff.yaml",
            """
            groups:
              - { name: voice, queues: [support], headcount: 9, attrition: 2% }
            policy:
              training: 1w
              class_starts: { every: 1w, from: 2026-09-07 }
              class_size: { max: 10 }
            costs: { wage_per_hour: 20, fte_hours: 40, shortfall_penalty: 20000 }
            """)
        let out = dir.appendingPathComponent("out").path
        let r = try runCCPlan(["capacity", "--plan", planDir, "--staff", staff, "--out", out])
        XCTAssertTrue([0, 3].contains(r.status), r.stderr)
        let rows = try String(contentsOfFile: out + "/capacity.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false)
            let sl = Double(f[13])
            XCTAssertNotNil(sl, "service level in \(row)")
            // Where the supply meets the requirement the plan's own target (80 %) is met.
            if let sl, Double(f[10])! == 0 { XCTAssertGreaterThanOrEqual(sl, 0.795, String(row)) }
        }
    }
}
