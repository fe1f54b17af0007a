import CCPlanBase
import Foundation
import XCTest

@testable import Scheduling

/// The shifts file: what it means, and every malformed value reported at its `file:line:column`.
final class ShiftFileTests: XCTestCase {
    static let valid = """
        groups:
          - { name: voice, queues: [billing, vip], target_sl: 85% }
        shift_types:
          - name: early
            length: 8h30m
            start: { from: "07:45", to: "09:00", every: 15m }
            days: [Mon, Tue, Wed, Thu, Fri]
            max_agents: 20
            breaks:
              - { name: break, length: 15m, paid: true, window: { from: 1h30m, to: 2h30m } }
              - { name: meal, length: 30m, paid: false, window: { from: 3h30m, to: 5h } }
          - { name: night, length: 8h, start: "22:00", overnight: true, cost_per_hour: 1.25 }
        contracts:
          - { name: full, days: 5, consecutive_days_off: true, shift_types: [early, night], max_start_variation: 2h }
        part_time_share: 30%
        other_shrinkage: 0.1
        penalties: { uncovered: 50, spike_above: 3 }
        """

    func parse(_ text: String) throws -> ShiftRules { try ShiftFile.parse(yaml: text, path: "shifts.yaml") }

    func testReadsEveryKey() throws {
        let r = try parse(Self.valid)
        XCTAssertEqual(r.groups, [ScheduleGroup(name: "voice", queues: ["billing", "vip"], targetServiceLevel: 0.85)])
        let early = try XCTUnwrap(r.shiftType("early"))
        XCTAssertEqual(early.length, 510)
        XCTAssertEqual(early.startTimes, [465, 480, 495, 510, 525, 540])
        XCTAssertEqual(early.days, Set(1...5))
        XCTAssertEqual(early.maxAgentsPerDay, 20)
        XCTAssertEqual(early.paidMinutes, 480)
        XCTAssertEqual(
            early.breaks[1], BreakRule(name: "meal", length: 30, paid: false, earliestOffset: 210, latestOffset: 300))
        let night = try XCTUnwrap(r.shiftType("night"))
        XCTAssertTrue(night.overnight)
        XCTAssertEqual(night.startTimes, [1320])
        XCTAssertEqual(night.costPerHour, 1.25)
        XCTAssertEqual(r.contracts[0].maxStartVariation, 120)
        XCTAssertEqual(r.partTimeShare, 0.3)
        XCTAssertEqual(r.otherShrinkage, 0.1)
        XCTAssertEqual(r.penalties.uncovered, 50)
        XCTAssertEqual(r.penalties.spikeAbove, 3)
    }

    /// Five working days with the two days off together in a cyclic week: the 7 rotations of
    /// Mon–Fri. Three or four days anywhere: C(7,3) + C(7,4) = 70.
    func testContractPatterns() {
        var five = Contract(name: "f", minDays: 5, maxDays: 5, shiftTypes: [])
        five.consecutiveDaysOff = true
        XCTAssertEqual(five.patterns.count, 7)
        XCTAssertTrue(five.patterns.contains(0b0011111), "Mon–Fri")
        XCTAssertTrue(five.patterns.contains(0b1111100), "Wed–Sun")
        XCTAssertTrue(five.patterns.contains(0b1001111), "Thu–Mon (off Tue and Wed)")
        XCTAssertFalse(five.patterns.contains(0b1011011), "off Wed and Sat")
        XCTAssertEqual(Contract(name: "p", minDays: 3, maxDays: 4, shiftTypes: []).patterns.count, 70)
    }

    func testTheSampleFileParses() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("SampleData/shifts.yaml").path
        let r = try ShiftFile.load(sample)
        XCTAssertEqual(r.groups.map(\.name), ["voice"])
        XCTAssertEqual(r.shiftTypes.count, 4)
        XCTAssertEqual(r.contracts.count, 2)
    }

    func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try parse(text), file: file, line: line) { error in
            guard case ScheduleError.badShiftFile = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue("\(error)".hasPrefix(expected), "\(error)", file: file, line: line)
            XCTAssertTrue((error as? ScheduleError)?.isUsageError ?? false, file: file, line: line)
        }
    }

    /// Lines and columns are 1-based, at the offending key or value.
    func testErrorsNameTheirPosition() {
        let head = "groups:\n  - { name: g, queues: [q] }\nshift_types:\n"
        assertError(
            head + "  - { name: a, length: 8h, start: \"08:00\" }\nshift: 1\n",
            "shifts.yaml:5:1: unknown key 'shift' in the shifts file")
        assertError(
            head + "  - { name: a, lenght: 8h, start: \"08:00\" }\n",
            "shifts.yaml:4:16: unknown key 'lenght' in a shift type")
        assertError(head + "  - { name: a, length: 8, start: \"08:00\" }\n", "shifts.yaml:4:24: 'length' needs a unit")
        assertError(
            head + "  - { name: a, length: 8h, start: \"25:00\" }\n", "shifts.yaml:4:35: 'start' must be a time of day")
        assertError(
            head + "  - { name: a, length: 8h, start: \"20:00\" }\n",
            "shifts.yaml:4:35: shift 'a' starting at 20:00 ends after midnight")
        assertError(
            head + "  - { name: a, length: 8h, start: \"08:00\", days: [Mon, Holiday] }\n",
            "shifts.yaml:4:56: 'days' lists weekdays Mon … Sun, got 'Holiday'")
        assertError(
            head + "  - { name: a, length: 8h, start: \"08:00\", max_agents: -1 }\n",
            "shifts.yaml:4:56: 'max_agents' must be in 0…1000000")
        assertError(
            head + "  - { name: a, length: 8h, start: { from: \"09:00\", to: \"08:00\", every: 15m } }\n",
            "shifts.yaml:4:35: 'from' is after 'to'")
        assertError(
            head + "  - { name: a, length: 8h, start: \"08:00\" }\n  - { name: a, length: 4h, start: \"08:00\" }\n",
            "shifts.yaml:5:5: shift type 'a' is defined twice")
        let breaks = head + "  - name: a\n    length: 8h\n    start: \"08:00\"\n    breaks:\n"
        assertError(
            breaks
                + "      - { name: b, length: 15m, window: { from: 2h, to: 3h } }\n      - { name: m, length: 30m, window: { from: 3h, to: 4h } }\n",
            "shifts.yaml:9:9: break 'm' may start before 'b' has ended")
        assertError(
            breaks + "      - { name: b, length: 30m, window: { from: 7h, to: 7h45m } }\n",
            "shifts.yaml:5:13: break 'b' may end after the shift")
        assertError(
            breaks + "      - { name: b, length: 15m, paid: maybe, window: { from: 1h, to: 2h } }\n",
            "shifts.yaml:8:39: 'paid' must be true or false")
        assertError(
            breaks + "      - { name: b, length: 15m, window: { from: 2h, to: 1h } }\n",
            "shifts.yaml:8:41: 'from' is after 'to'")
        let typeA = head + "  - { name: a, length: 8h, start: \"08:00\" }\n"
        assertError(
            typeA + "contracts:\n  - { name: c, days: 5, shift_types: [b] }\n",
            "shifts.yaml:6:5: contract 'c': unknown shift type 'b'")
        assertError(
            typeA + "contracts:\n  - { name: c, days: { min: 4, max: 3 }, shift_types: [a] }\n",
            "shifts.yaml:6:22: 'min' is above 'max'")
        assertError(
            typeA + "contracts:\n  - { name: c, days: 8, shift_types: [a] }\n",
            "shifts.yaml:6:22: 'days' must be in 1…7")
        assertError(
            typeA
                + "  - { name: b, length: 4h, start: \"08:00\" }\ncontracts:\n  - { name: c, days: 5, shift_types: [a] }\n",
            "shifts.yaml:1:1: shift type 'b' is in no contract")
        assertError(
            head
                + "  - { name: a, length: 8h, start: \"08:00\", days: [Sat, Sun] }\ncontracts:\n  - { name: c, days: 5, shift_types: [a] }\n",
            "shifts.yaml:6:5: contract 'c': no week of 5–5 working days fits")
        assertError(typeA + "other_shrinkage: 120%\n", "shifts.yaml:5:18: 'other_shrinkage' must be in [0, 0.95]")
        assertError(typeA + "penalties: { uncovered: lots }\n", "shifts.yaml:5:25: 'uncovered' must be a number")
        assertError(
            "groups:\n  - { name: g, queues: [q] }\n  - { name: h, queues: [q] }\nshift_types: []\n",
            "shifts.yaml:3:5: queue 'q' is in two groups")
        assertError(
            "groups:\n  - { name: g, queues: [q], shift_types: [x] }\nshift_types:\n  - { name: a, length: 8h, start: \"08:00\" }\n",
            "shifts.yaml:2:5: group 'g': unknown shift type 'x'")
        assertError("groups: [\n", "shifts.yaml:2:1: not valid YAML")
        assertError("shift_types: []\n", "shifts.yaml:1:1: the shifts file needs 'groups'")
    }
}
