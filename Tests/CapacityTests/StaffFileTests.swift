import CCPlanBase
import Capacity
import ContactHistory
import XCTest

/// The staff file, scenario file and requirement CSV: values as written, and errors that name
/// the file, line and column.
final class StaffFileTests: XCTestCase {
    func parse(_ text: String) throws -> StaffPlan {
        try StaffFile.parse(yaml: text, path: "staff.yaml") { _ throws(CapacityError) in [] }
    }

    func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), file: file, line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)", file: file, line: line)
        }
    }

    func testValuesAsWritten() throws {
        let plan = try parse(SupplyTests.staffYAML)
        XCTAssertEqual(plan.groups.map(\.name), ["general"])
        XCTAssertEqual(plan.groups[0].queues, ["billing", "vip"])
        XCTAssertEqual(plan.groups[0].staff, .headcount(40))
        XCTAssertEqual(plan.groups[0].attrition, Attrition(monthlyRate: 0.04))
        XCTAssertEqual(plan.policy.trainingWeeks, 3)
        XCTAssertEqual(plan.policy.graduationRate, 0.85)
        XCTAssertEqual(plan.policy.ramp, [0.4, 0.7])
        XCTAssertEqual(plan.policy.classStarts, .every(weeks: 2, from: CivilDate(year: 2026, month: 1, day: 5)!))
        XCTAssertEqual(plan.policy.minClassSize, 4)
        XCTAssertEqual(plan.policy.leadTimeWeeks, 2)
        XCTAssertEqual(plan.costs.overtimePremium, 0.5)
        XCTAssertEqual(
            plan.plannedClasses,
            [PlannedClass(group: "general", start: CivilDate(year: 2025, month: 12, day: 29)!, hires: 6)])
    }

    func testErrorsNameLineAndColumn() {
        let base = SupplyTests.staffYAML
        // Lines and columns are 1-based; the group's keys start in column 5.
        assertError(
            base.replacingOccurrences(of: "fte_per_head: 0.9", with: "fte_per_hed: 0.9"),
            "staff.yaml:5:5: unknown key 'fte_per_hed' in a group")
        assertError(
            base.replacingOccurrences(of: "attrition: 4%", with: "attrition: 140%"),
            "staff.yaml:6:16: 'attrition' must be in [0, 1]")
        assertError(
            base.replacingOccurrences(of: "training: 3w", with: "training: 3 days"), "staff.yaml:8:13: 'training'")
        assertError(
            base.replacingOccurrences(of: "{ min: 4, max: 12 }", with: "{ min: 14, max: 12 }"),
            "staff.yaml:12:15: class size min 14 is above max 12")
        assertError(
            base.replacingOccurrences(of: "group: general, start", with: "group: generl, start"),
            "staff.yaml:22:5: planned class for unknown group 'generl'")
        assertError(base.replacingOccurrences(of: "costs:", with: "cost:"), "staff.yaml:15:1: unknown key 'cost'")
        assertError("groups: [", "staff.yaml:")
    }

    func testTenureBandAndDateList() throws {
        let text = SupplyTests.staffYAML
            .replacingOccurrences(of: "attrition: 4%", with: "attrition: { below: 6%, above: 2%, tenure: 26w }")
            .replacingOccurrences(of: "{ every: 2w, from: 2026-01-05 }", with: "[2026-01-07, 2026-02-02]")
        let plan = try parse(text)
        XCTAssertEqual(
            plan.groups[0].attrition, Attrition(monthlyRate: 0.06, band: .init(tenureWeeks: 26, monthlyRateAbove: 0.02))
        )
        XCTAssertEqual(
            plan.policy.classStarts,
            .dates([CivilDate(year: 2026, month: 1, day: 7)!, CivilDate(year: 2026, month: 2, day: 2)!]))
    }

    func testScenarioFile() throws {
        let staff = try parse(SupplyTests.staffYAML)
        let yaml = """
            scenarios:
              attrition +1 pp:
                attrition_delta: 1pp
              class cancelled:
                cancel_classes: [{ group: general, start: 2025-12-29 }]
              volume +10%:
                volume_factor: 1.1
            """
        let s = try CapacityScenario.parse(yaml: yaml, path: "s.yaml", staff: staff)
        XCTAssertEqual(s.map(\.name), ["attrition +1 pp", "class cancelled", "volume +10%"])
        XCTAssertEqual(s[0].attritionDelta, 0.01, accuracy: 1e-15)
        XCTAssertEqual(s[0].apply(to: staff).groups[0].attrition.monthlyRate, 0.05, accuracy: 1e-15)
        XCTAssertEqual(s[1].apply(to: staff).plannedClasses, [])
        XCTAssertThrowsError(
            try CapacityScenario.parse(
                yaml: "scenarios:\n  x:\n    cancel_classes: [{ group: general, start: 2026-03-02 }]\n",
                path: "s.yaml", staff: staff)
        ) { error in
            XCTAssertTrue("\(error)".hasPrefix("s.yaml:3:22: no planned class"), "\(error)")
        }
    }

    func testRequirementCSVErrors() throws {
        let notMonday = try SupplyTests.temporaryFile("r1.csv", "queue,week_start,required_fte\nbilling,2026-01-06,3\n")
        XCTAssertThrowsError(try Requirements.csv(notMonday)) {
            XCTAssertTrue(
                "\($0)".hasSuffix("r1.csv:2:9: week_start 2026-01-06 is not a Monday (weeks start on Monday)"), "\($0)")
        }
        let gap = try SupplyTests.temporaryFile(
            "r2.csv", "queue,week_start,required_fte\nbilling,2026-01-05,3\nbilling,2026-01-19,3\n")
        XCTAssertThrowsError(try Requirements.csv(gap)) {
            XCTAssertTrue("\($0)".contains("no requirement for the week of 2026-01-12"), "\($0)")
        }
        let negative = try SupplyTests.temporaryFile("r3.csv", "queue,week_start,required_fte\nbilling,2026-01-05,-3\n")
        XCTAssertThrowsError(try Requirements.csv(negative)) {
            XCTAssertTrue("\($0)".contains("r3.csv:2:20:"), "\($0)")
        }
    }
}
