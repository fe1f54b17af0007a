import CCPlanBase
import Foundation
import Queueing
import XCTest

@testable import Planning

/// `ccplan erlang`'s library: the request's checks and the report's renderings.
final class ErlangReportTests: XCTestCase {
    func testTableIsTheWholeExpectedText() throws {
        // 100 calls / 30 min, AHT 3 min: A = 10 Erlangs; 14 agents meet 80/20 with occupancy ≤ 85 %
        // (Erlang C: P(wait) = 0.174132, SL = 1 − 0.174132·e^(−4·20/180) = 0.888350, ASA = 7.836 s).
        var r = ErlangRequest(volume: 100, ahtSeconds: 180)
        r.maxOccupancy = 0.85
        r.shrinkage = 0.3
        XCTAssertEqual(
            try r.report().table(),
            """
            model: Erlang C (M/M/n, no abandonment), requirement for 80.0% within 20 s, occupancy ≤ 85.0%
              traffic           10.000 Erlangs
              agents            14
              scheduled agents  20 (shrinkage 30.00%)
              service level     88.84% within 20 s (offered)
              ASA               7.84 s
              mean wait (all)   7.84 s
              P(wait)           17.41%
              abandonment       0.00%
              occupancy         71.43%
              stable            yes
            """)
    }

    func testJSONAndCSVCarryTheSolversNumbersExactly() throws {
        var r = ErlangRequest(volume: 100, ahtSeconds: 180)
        r.patience = 120
        r.agents = 12
        let report = try r.report()
        let m = ErlangA.metrics(
            agents: 12, workload: Workload(contacts: 100, interval: 1800, averageHandleTime: 180),
            patience: 120, answerWithin: 20)
        let object = try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as! [String: Any]
        XCTAssertEqual(object["model"] as? String, "erlang-a")
        XCTAssertEqual((object["service_level"] as? NSNumber)?.doubleValue, m.serviceLevel)
        XCTAssertEqual((object["abandon_rate"] as? NSNumber)?.doubleValue, m.probabilityOfAbandonment)
        XCTAssertEqual(object["mode"] as? String, "evaluation")
        let lines = report.csv().split(separator: "\n")
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].hasPrefix("model,traffic_erlangs,agents,scheduled_agents,service_level,asa_seconds"))
        XCTAssertEqual(Double(lines[1].split(separator: ",")[4]), m.serviceLevel)
    }

    func testChecksNameTheFlag() {
        func flag(_ change: (inout ErlangRequest) -> Void) -> String? {
            var r = ErlangRequest(volume: 100, ahtSeconds: 180)
            change(&r)
            do { _ = try r.report(); return nil } catch { return error.flag }
        }
        XCTAssertEqual(flag { $0.shrinkage = 0.9999999999999999 }, "--shrinkage")
        XCTAssertEqual(flag { $0.maxOccupancy = 1e-300 }, "--max-occupancy")
        XCTAssertEqual(
            flag {
                $0.channel = .email; $0.backlog = 1e20
            }, "--backlog")
        XCTAssertEqual(
            flag {
                $0.channel = .email; $0.backlog = 1e300; $0.volume = 1; $0.ahtSeconds = 10
            }, "--backlog")
        XCTAssertEqual(flag { $0.targetServiceLevel = 1 }, "--target-sl")
        XCTAssertEqual(flag { $0.concurrency = 2 }, "--concurrency")
        XCTAssertEqual(flag { $0.maxAbandon = 0.05 }, "--max-abandon")
        XCTAssertEqual(flag { $0.agents = 1_000_000_001 }, "--agents")
        XCTAssertNil(flag { $0.targetServiceLevel = 0.8 })
    }

    func testFractionsAsPlannersWriteThem() throws {
        XCTAssertEqual(try FractionText.value("80%"), 0.8)
        XCTAssertEqual(try FractionText.value(" 0.8 "), 0.8)
        XCTAssertEqual(try FractionText.value("12.5%"), 0.125)
        XCTAssertThrowsError(try FractionText.value("80 percent"))
        XCTAssertThrowsError(try FractionText.value("inf"))
    }
}
