import CCPlanBase
import XCTest

@testable import Planning

final class ScenarioFileTests: XCTestCase {
    func testTheSampleFileParses() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleData/scenarios.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file = try ScenarioFile.parse(yaml: text, path: path)
        XCTAssertEqual(
            file.scenarios.map(\.name), ["volume +10%", "new IVR self-service", "January mailing", "lower shrinkage"])
        let base = try file.base.apply(to: PlanAssumptions(), queue: "vip")
        XCTAssertEqual(base.targetServiceLevel, 0.9)
        XCTAssertEqual(base.answerWithin, 10)
        XCTAssertEqual(base.shrinkage, 0.32)
        XCTAssertEqual(base.patience, 180)
        let chat = try file.base.apply(to: PlanAssumptions(), queue: "webchat")
        XCTAssertEqual(chat.chatConcurrency, 2.5)
        XCTAssertEqual(chat.targetServiceLevel, 0.8)
        XCTAssertEqual(file.scenarios[2].events.first?.factor, 1.35)
    }

    private func error(_ yaml: String) -> PlanError? {
        do { _ = try ScenarioFile.parse(yaml: yaml, path: "s.yaml"); return nil } catch { return error }
    }

    func testErrorsNameLineAndColumn() {
        XCTAssertEqual(
            error("base:\n  shrinkage: 1.2\n"),
            .badScenarioFile(
                FileIssue(file: "s.yaml", line: 2, column: 14, message: "shrinkage: must be in [0, 1), got 1.2")))
        XCTAssertEqual(
            error("base:\n  target_sl: 0.8\n  queues: 3\n"),
            .badScenarioFile(
                FileIssue(file: "s.yaml", line: 3, column: 11, message: "'queues' must map queue names to settings")))
        guard
            case .badScenarioFile(let issue)? = error(
                "base:\n  shrinkage: 0.3\n\nscenarios:\n  a:\n    volume_factr: 2\n")
        else {
            return XCTFail("expected an unknown-key error at 6:5")
        }
        XCTAssertEqual([issue.line, issue.column], [6, 5])
        XCTAssertTrue(issue.message.contains("unknown setting 'volume_factr'"), issue.message)
        guard case .badScenarioFile(let yamlIssue)? = error("base: [unclosed\n") else { return XCTFail() }
        XCTAssertGreaterThanOrEqual(yamlIssue.line, 1)
        XCTAssertTrue(yamlIssue.message.hasPrefix("not valid YAML"), yamlIssue.message)
        guard
            case .badScenarioFile(let duplicateIssue)? = error(
                "scenarios:\n  a: {volume_factor: 2}\n  a: {volume_factor: 3}\n")
        else {
            return XCTFail("expected a duplicate-scenario error")
        }
        XCTAssertTrue(duplicateIssue.message.contains("'a'"), duplicateIssue.message)
        XCTAssertEqual(
            error("scenarios:\n  base: {}\n"),
            .badScenarioFile(
                FileIssue(file: "s.yaml", line: 2, column: 3, message: "'base' is reserved for the base block")))
        guard
            case .badScenarioFile(let eventIssue)? = error(
                "scenarios:\n  a:\n    events: [{start: 2026-13-01, factor: 2}]\n")
        else {
            return XCTFail("expected an event error")
        }
        XCTAssertEqual(eventIssue.line, 3)
        XCTAssertTrue(eventIssue.message.contains("YYYY-MM-DD"), eventIssue.message)
    }

    func testSettingsAcceptPercentAndNone() throws {
        var a = PlanAssumptions()
        try a.set("target_sl", to: "85%")
        XCTAssertEqual(a.targetServiceLevel, 0.85)
        try a.set("target_asa", to: "30s")
        try a.set("target_sl", to: "none")
        XCTAssertNil(a.targetServiceLevel)
        try a.set("aht_delta", to: "-15s")
        XCTAssertEqual(a.ahtDelta, -15)
        XCTAssertThrowsError(try a.set("target_sl", to: "100%"))
        XCTAssertThrowsError(try a.set("staff_to", to: "p95"))
        XCTAssertThrowsError(try a.set("colour", to: "blue"))
    }

    /// Issue 13: a value that reads as out of range is refused where it is written (a percentage
    /// is rounded to 12 decimals: 1e-300% is 0, 99.9999999999999% is 1).
    func testATinyValueIsRefusedAtItsPlace() {
        XCTAssertEqual(
            error("scenarios:\n  tiny:\n    target_sl: 1e-300%\n"),
            .badScenarioFile(
                FileIssue(file: "s.yaml", line: 3, column: 16, message: "target_sl: must be in (0, 1), got 1e-300%")))
        XCTAssertEqual(
            error("base:\n  shrinkage: 99.9999999999999%\n"),
            .badScenarioFile(
                FileIssue(
                    file: "s.yaml", line: 2, column: 14, message: "shrinkage: must be in [0, 1), got 99.9999999999999%")
            ))
        XCTAssertNil(error("scenarios:\n  tiny:\n    target_sl: 5e-324\n"), "a fraction in (0, 1), read as written")
    }

    /// `~` is `none`; a combination refused while planning names the setting that made it.
    func testNullIsNoneAndARefusedCombinationNamesItsSetting() throws {
        let file = try ScenarioFile.parse(
            yaml: "base:\n  description: ~\nscenarios:\n  asa only:\n    target_sl: ~\n", path: "s.yaml")
        XCTAssertNil(file.base.description)
        let spec = file.scenarios[0]
        var a = try spec.apply(to: PlanAssumptions(), queue: "q")
        XCTAssertNil(a.targetServiceLevel)
        a.targetASA = nil
        var refused: PlanError?
        do { try a.validate() } catch { refused = error }
        guard case .badAssumption(let key, let reason)? = refused else { return XCTFail("no targets must be refused") }
        XCTAssertEqual(
            file.locate(key, reason: reason, specs: [file.base, spec], queue: "q"),
            .badScenarioFile(FileIssue(file: "s.yaml", line: 5, column: 16, message: "target_sl: \(reason)")))
        XCTAssertNil(file.locate("shrinkage", reason: reason, specs: [file.base, spec], queue: "q"))
    }
}
