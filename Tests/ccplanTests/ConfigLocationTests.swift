import Foundation
import XCTest

/// Issue 13, "Config errors without a location", reproduced with the built binary: every batch
/// config and scenario file error names file:line:column; `~` and `null` are absent.
final class ConfigLocationTests: XCTestCase {
    /// The fixture's config with `extra` lines added at its end.
    private func config(_ dir: URL, _ extra: String) throws -> String {
        let path = try makeInputs(dir, queues: 1)
        try (String(contentsOfFile: path, encoding: .utf8) + "\n" + extra + "\n").write(
            toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func lineOf(_ needle: String, in path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    /// A missing scenarios or holidays file exited 65 with "cannot read …" and no place.
    func testAMissingReferencedFileIsNamedAtTheKeyThatNamesIt() throws {
        let dir = try temporaryDirectory(self)
        let scenarios = try config(dir, "scenarios: what-if.yaml")
        let r = try runCCPlan(["batch", "--config", scenarios, "--out", dir.appendingPathComponent("o").path])
        XCTAssertEqual(r.status, 64, r.stderr)
        let line = try lineOf("scenarios: what-if.yaml", in: scenarios)
        XCTAssertTrue(
            r.stderr.contains("\(scenarios):\(line):1: the scenario file \(dir.path)/what-if.yaml does not exist"),
            r.stderr)

        let dir2 = try temporaryDirectory(self)
        let holidays = try makeInputs(dir2, queues: 1)
        let text = try String(contentsOfFile: holidays, encoding: .utf8)
        try text.replacingOccurrences(
            of: "  timezone: Europe/Berlin\n", with: "  timezone: Europe/Berlin\n  holidays: cal/holidays.csv\n"
        )
        .write(toFile: holidays, atomically: true, encoding: .utf8)
        let h = try runCCPlan(["batch", "--config", holidays, "--out", dir2.appendingPathComponent("o").path])
        XCTAssertEqual(h.status, 64, h.stderr)
        XCTAssertTrue(
            h.stderr.contains(
                "\(holidays):\(try lineOf("holidays:", in: holidays)):3: the holidays file \(dir2.path)/cal/holidays.csv does not exist"
            ), h.stderr)
    }

    /// `scenarios: ~` expanded to the home directory, `scenarios: null` read a file named `null`.
    func testTildeAndNullAreNoScenarioFile() throws {
        for value in ["~", "null"] {
            let dir = try temporaryDirectory(self)
            let path = try config(dir, "scenarios: \(value)")
            let out = dir.appendingPathComponent("o")
            let r = try runCCPlan(["batch", "--config", path, "--out", out.path])
            XCTAssertEqual(r.status, 0, "\(value): \(r.stderr)")
            let manifest = try jsonObject(
                String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8))
            let roles = (manifest["inputs"] as? [[String: Any]] ?? []).compactMap { $0["role"] as? String }
            XCTAssertFalse(roles.contains("scenarios"), "\(value): \(roles)")
        }
    }

    /// A scenario file's `target_sl: 5e-324` named no location (it read as 0 and was refused only
    /// while planning). It is a fraction in (0, 1), now read as written and planned; a value that
    /// does read as out of range (`1e-300%`, which is 0) is refused at its file:line:column.
    func testATinyScenarioValueNamesItsPlace() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir, queues: 1)
        let scenarios = dir.appendingPathComponent("s.yaml").path
        let history = dir.appendingPathComponent("history/q0.csv").path
        let plan = [
            "plan", "--history", history, "--timezone", "Europe/Berlin", "--horizon", "1d", "--model", "seasonal-naive",
            "--scenarios", scenarios, "--out",
        ]
        try "scenarios:\n  tiny:\n    target_sl: 5e-324\n".write(toFile: scenarios, atomically: true, encoding: .utf8)
        let accepted = try runCCPlan(plan + [dir.appendingPathComponent("p0").path])
        XCTAssertEqual(accepted.status, 0, accepted.stderr)
        try "scenarios:\n  tiny:\n    target_sl: 1e-300%\n".write(toFile: scenarios, atomically: true, encoding: .utf8)
        let p = try runCCPlan(plan + [dir.appendingPathComponent("p").path])
        XCTAssertEqual(p.status, 64, p.stderr)
        XCTAssertTrue(p.stderr.contains("\(scenarios):3:16: target_sl: must be in (0, 1), got 1e-300%"), p.stderr)
        // The same file in a batch config: a config error at the same place.
        let text = try String(contentsOfFile: config, encoding: .utf8)
        try (text + "\nscenarios: s.yaml\n").write(toFile: config, atomically: true, encoding: .utf8)
        let b = try runCCPlan(["batch", "--config", config, "--out", dir.appendingPathComponent("b").path])
        XCTAssertEqual(b.status, 64, b.stderr)
        XCTAssertTrue(b.stderr.contains("\(scenarios):3:16: target_sl: must be in (0, 1), got 1e-300%"), b.stderr)
        // A missing scenario file for plan names the flag.
        let missing = try runCCPlan([
            "plan", "--history", history, "--horizon", "1d", "--scenarios",
            dir.appendingPathComponent("none.yaml").path,
            "--out", dir.appendingPathComponent("p2").path,
        ])
        XCTAssertEqual(missing.status, 64, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("--scenarios"), missing.stderr)
    }
}
