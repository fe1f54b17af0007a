import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// The actuals columns `ccplan monitor` reads: answered within, the reported service level and
/// staffing, with their checks, and how they add up over duplicate rows.
final class ServiceMeasureTests: XCTestCase {
    private func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ccplan-measures-\(UUID().uuidString).csv"
        ).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testMeasuresAreReadAndStaffedAgentsBecomeAgentSeconds() throws {
        let path = try file(
            """
            interval_start,queue,offered,handled,abandoned,handle_seconds,answered_within,service_level,staffed_agents
            2026-11-02T08:00:00Z,q,100,95,5,19000,80,80%,12.5
            2026-11-02T08:30:00Z,q,50,50,0,9000,50,1,
            2026-11-02T09:00:00Z,q,0,0,0,0,0,,3
            """)
        let s = try HistoryReader(options: HistoryReadOptions()).read([path]).series[0]
        XCTAssertEqual(s.answeredWithin(0), 80)
        XCTAssertEqual(s.reportedServiceLevel(0), 0.8)
        XCTAssertEqual(s.reportedServiceLevel(1), 1)
        XCTAssertNil(s.reportedServiceLevel(2))  // nothing offered
        XCTAssertEqual(s.staffedAgents(0), 12.5)
        XCTAssertNil(s.staffedAgents(1))
        XCTAssertEqual(s.staffedAgents(2), 3)
        XCTAssertEqual(s.measures[.staffedSeconds]?[0], 12.5 * 1800)
        XCTAssertNil(s.measures[.waitSeconds])
    }

    func testDuplicateRowsAddUpAndTheServiceLevelIsReweighted() throws {
        let path = try file(
            """
            interval_start,queue,offered,answered_within,service_level,staffed_seconds
            2026-11-02T08:00:00Z,q,100,80,0.8,3600
            2026-11-02T08:00:00Z,q,50,20,40%,1800
            2026-11-02T08:30:00Z,q,10,10,1,1800
            """)
        var options = HistoryReadOptions()
        options.onDuplicate = .sum
        let s = try HistoryReader(options: options).read([path]).series[0]
        XCTAssertEqual(s.offered[0], 150)
        XCTAssertEqual(s.answeredWithin(0), 100)
        XCTAssertEqual(s.reportedServiceLevel(0)!, (80 + 20) / 150.0, accuracy: 1e-15)  // (0.8·100 + 0.4·50) / 150
        XCTAssertEqual(s.staffedAgents(0), 3)  // 5,400 agent-seconds in 30 minutes
    }

    func testBadValuesNameLineAndColumn() throws {
        let header = "interval_start,queue,offered,answered_within,service_level,staffed_agents\n"
        for (row, expected) in [
            ("2026-11-02T08:00:00Z,q,10,20,0.5,3", "f.csv:2:27: answered_within (20) exceeds offered (10)"),
            ("2026-11-02T08:00:00Z,q,10,5,150%,3", "f.csv:2:29: service_level: expected a fraction in [0, 1]"),
            ("2026-11-02T08:00:00Z,q,10,5,0.5,-1", "f.csv:2:33: staffed_agents: expected a non-negative number"),
        ] {
            let path = try file(header + row + "\n")
            XCTAssertThrowsError(try HistoryReader(options: HistoryReadOptions()).read([path])) { error in
                let text = "\(error)".replacingOccurrences(of: path, with: "f.csv")
                XCTAssertTrue(text.contains(expected), text)
            }
        }
        let twice = try file(
            "interval_start,queue,offered,staffed_agents,staffed_seconds\n2026-11-02T08:00:00Z,q,1,1,1800\n")
        XCTAssertThrowsError(try HistoryReader(options: HistoryReadOptions()).read([twice])) { error in
            XCTAssertTrue("\(error)".contains("staffing is given twice"), "\(error)")
        }
    }

    func testVendorProfilesNameTheServiceLevelColumn() throws {
        let path = try file(
            """
            Interval Start,Split/Skill,ACD CALLS,ABAN CALLS,AVG TALK TIME,% Within Service Level,Avg Staffed
            2026-11-02T08:00:00Z,sales,90,10,240,85%,11.5
            2026-11-02T08:30:00Z,sales,45,5,240,70%,6
            """)
        var options = HistoryReadOptions()
        options.profile = .avayaCMS
        let s = try HistoryReader(options: options).read([path]).series[0]
        XCTAssertEqual(s.offered[0], 100)
        XCTAssertEqual(s.reportedServiceLevel(0)!, 0.85, accuracy: 1e-15)
        XCTAssertEqual(s.staffedAgents(0), 11.5)
    }
}
