import CCPlanBase
import ContactHistory
import Foundation
import XCTest

@testable import Monitoring

/// Per-contact records aggregated into intervals, against counts made independently here.
final class ContactRecordTests: XCTestCase {
    private func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-cdr-\(UUID().uuidString).csv")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    func testAggregationCountsAndPatienceMatchAnIndependentCount() throws {
        // Generated contacts; the expected counts are made by a plain loop over the same tuples.
        var rng = SplitMix64(seed: 5)
        var rows: [(t: Int, queue: String, wait: Int, handle: Int, answered: Bool, offered: Bool)] = []
        for _ in 0..<2000 {
            let t = 7 * 3600 + Int(rng.uniform() * 10 * 3600)
            rows.append(
                (
                    t, rng.uniform() < 0.3 ? "vip" : "billing", Int(rng.uniform() * 90), 30 + Int(rng.uniform() * 400),
                    rng.uniform() < 0.85, rng.uniform() < 0.97
                ))
        }
        var text = "arrival_ts,type,priority,offered,outcome,queue_sec,handle_sec\n"
        for r in rows {
            let h = r.t / 3600, m = r.t / 60 % 60, s = r.t % 60
            text +=
                "2026-11-02T\(zeroPadded(h, 2)):\(zeroPadded(m, 2)):\(zeroPadded(s, 2)),\(r.queue),2,\(r.offered ? 1 : 0),"
            text += "\(r.answered ? "AGENT" : "HANG"),\(r.wait),\(r.answered ? r.handle : 0)\n"
        }
        var options = ContactRecordOptions(timeZone: TimeZone(identifier: "UTC")!)
        options.mappings = [.queue: "type"]
        let groups = try ContactRecords.aggregate([try file(text)], options: options) { queue, _ in
            (1800, queue == "vip" ? 10 : 20)
        }
        XCTAssertEqual(groups.map(\.queue), ["billing", "vip"])
        let day = Int64(CivilDate(year: 2026, month: 11, day: 2)!.dayNumber) * 86_400
        for g in groups {
            let threshold = g.queue == "vip" ? 10 : 20
            let mine = rows.filter { $0.queue == g.queue && $0.offered }
            var expected: [Int64: ContactIntervals.Counts] = [:]
            for r in mine {
                let start = day + Int64(r.t / 1800 * 1800)
                var c = expected[start] ?? ContactIntervals.Counts()
                c.offered += 1
                if r.answered {
                    c.answered += 1
                    c.handleSeconds += Double(r.handle)
                    if r.wait <= threshold { c.answeredWithin += 1 }
                } else {
                    c.abandoned += 1
                    if r.wait <= threshold { c.abandonedWithin += 1 }
                }
                expected[start] = c
            }
            XCTAssertEqual(g.intervals, expected, g.queue)
            let waits = mine.reduce(0) { $0 + $1.wait }, abandons = mine.filter { !$0.answered }.count
            XCTAssertEqual(g.patienceSeconds!, Double(waits) / Double(abandons), accuracy: 1e-9)
            XCTAssertEqual(g.patienceStandardError!, g.patienceSeconds! / Double(abandons).squareRoot(), accuracy: 1e-9)
        }
    }

    func testBadRowsNameFileLineAndColumn() throws {
        let path = try file(
            "arrival,queue,wait_seconds,handle_seconds,outcome\n"
                + "2026-11-02T08:00:01,q,12,100,answered\n"
                + "2026-11-02T08:00:61,q,12,100,answered\n"
                + "2026-11-02T08:01:00,q,-1,100,answered\n"
                + "2026-11-02T08:02:00,q,3,100,transferred\n")
        XCTAssertThrowsError(
            try ContactRecords.aggregate([path], options: ContactRecordOptions(timeZone: TimeZone(identifier: "UTC")!))
            { _, _ in (1800, 20) }
        ) { error in
            let text = "\(error)".replacingOccurrences(of: path, with: "f.csv")
            XCTAssertTrue(text.contains("f.csv:3:1: no such time of day"), text)
            XCTAssertTrue(text.contains("f.csv:4:23: expected seconds ≥ 0 for wait_seconds, found \"-1\""), text)
            XCTAssertTrue(text.contains("f.csv:5:29: unknown outcome \"transferred\""), text)
        }
        let missing = try file("when,queue,outcome\n2026-11-02T08:00:01,q,answered\n")
        XCTAssertThrowsError(
            try ContactRecords.aggregate(
                [missing], options: ContactRecordOptions(timeZone: TimeZone(identifier: "UTC")!)
            ) { _, _ in (1800, 20) }
        ) { error in
            XCTAssertTrue("\(error)".contains("missing column 'arrival'"), "\(error)")
            XCTAssertTrue("\(error)".contains("missing column 'wait_seconds'"), "\(error)")
        }
    }

    func testFinerActualsAddUpToThePlanGrid() {
        let q = ActualQueue(
            queue: "q", channel: .voice, intervalSeconds: 900,
            intervals: [
                0: ActualInterval(
                    start: 0, offered: 10, handled: 9, abandoned: 1, handleSeconds: 1800, answeredWithin: 8,
                    reportedServiceLevel: 0.8, staffedAgents: 4),
                900: ActualInterval(
                    start: 900, offered: 30, handled: 27, abandoned: 3, handleSeconds: 5400, answeredWithin: 18,
                    reportedServiceLevel: 0.6, staffedAgents: 6),
                1800: ActualInterval(
                    start: 1800, offered: 5, handled: 5, abandoned: 0, handleSeconds: 900, answeredWithin: 5,
                    reportedServiceLevel: 1, staffedAgents: 2),
            ])
        let r = q.regridded(to: 1800)!
        XCTAssertEqual(
            r.intervals[0],
            ActualInterval(
                start: 0, offered: 40, handled: 36, abandoned: 4, handleSeconds: 7200,
                answeredWithin: 26, reportedServiceLevel: (8 + 18) / 40.0, staffedAgents: 5))
        XCTAssertEqual(r.intervals[1800]?.offered, 5)
        XCTAssertNil(r.intervals[1800]?.staffedAgents)  // half of the interval has no staffing
        XCTAssertNil(q.regridded(to: 1200))
    }
}
