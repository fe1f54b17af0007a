import Queueing
import XCTest

/// The public reference values of docs/queueing.md (6 significant digits).
final class ReferenceTableTests: XCTestCase {
    func workload(_ contacts: Double, per interval: Double, aht: Double) -> Workload {
        Workload(contacts: contacts, interval: interval, averageHandleTime: aht)
    }

    func testErlangCTable() {
        // (workload, t, n, P(wait), SL, ASA, occupancy)
        let rows: [(Workload, Double, Int, Double, Double, Double, Double)] = [
            (workload(100, per: 1800, aht: 180), 20, 14, 0.174132, 0.888350, 7.836, 0.7143),
            (workload(100, per: 1800, aht: 180), 15, 15, 0.102042, 0.932730, 3.674, 0.6667),
            (workload(1, per: 60, aht: 300), 20, 8, 0.167267, 0.863054, 16.727, 0.625),
            (workload(1000, per: 3600, aht: 120), 20, 40, 0.190737, 0.937211, 3.433, 0.8333),
            (workload(5000, per: 1800, aht: 300), 20, 848, 0.502486, 0.810992, 10.278, 0.9827),
        ]
        for (w, t, n, pWait, sl, asa, occupancy) in rows {
            let m = ErlangC.metrics(agents: n, workload: w, answerWithin: t)
            assertAbsolute(m.probabilityOfWaiting, pWait, 6e-7, "P(wait) n=\(n)")
            assertAbsolute(m.serviceLevel, sl, 6e-7, "SL n=\(n)")
            assertAbsolute(m.averageSpeedOfAnswer, asa, 6e-4, "ASA n=\(n)")
            assertAbsolute(m.occupancy, occupancy, 6e-5, "occupancy n=\(n)")
            XCTAssertTrue(m.isStable)
            XCTAssertEqual(m.probabilityOfAbandonment, 0)
        }
        let high = ErlangC.metrics(agents: 981, workload: workload(5000, per: 1800, aht: 300), answerWithin: 20)
        assertAbsolute(high.probabilityOfWaiting, 3.6e-7, 0.05e-7)
        assertAbsolute(high.serviceLevel, 1, 1e-6)
        assertAbsolute(high.occupancy, 0.8495, 6e-5)
    }

    func testErlangCRequirementsAndScheduledAgents() throws {
        let cases: [(Workload, StaffingTargets, Int, Int?)] = [
            (
                workload(100, per: 1800, aht: 180),
                StaffingTargets(answerWithin: 20, serviceLevel: 0.8, maxOccupancy: 0.85), 14, 20
            ),
            (workload(100, per: 1800, aht: 180), StaffingTargets(answerWithin: 15, serviceLevel: 0.9), 15, nil),
            (workload(1, per: 60, aht: 300), StaffingTargets(answerWithin: 20, serviceLevel: 0.8), 8, nil),
            (
                workload(1000, per: 3600, aht: 120),
                StaffingTargets(answerWithin: 20, serviceLevel: 0.8, maxOccupancy: 0.85), 40, 58
            ),
            (workload(5000, per: 1800, aht: 300), StaffingTargets(answerWithin: 20, serviceLevel: 0.8), 848, 1212),
            (
                workload(5000, per: 1800, aht: 300),
                StaffingTargets(answerWithin: 20, serviceLevel: 0.8, maxOccupancy: 0.85), 981, 1402
            ),
        ]
        for (w, targets, agents, scheduled) in cases {
            let requirement = try Staffing.requiredAgents(workload: w, model: .erlangC, targets: targets)
            XCTAssertEqual(requirement.agents, agents, "A = \(w.trafficIntensity)")
            if let scheduled {
                XCTAssertEqual(Shrinkage.scheduledAgents(requirement.agents, shrinkage: 0.3), scheduled)
            }
        }
    }

    func testShrinkageIgnoresFloatNoise() {
        XCTAssertEqual(Shrinkage.scheduledAgents(21, shrinkage: 0.3), 30)
        XCTAssertEqual(Shrinkage.scheduledAgents(14, shrinkage: 0.3), 20)
        XCTAssertEqual(Shrinkage.scheduledAgents(15, shrinkage: 0.3), 22)
        XCTAssertEqual(Shrinkage.scheduledAgents(0, shrinkage: 0.3), 0)
        XCTAssertEqual(Shrinkage.scheduledAgents(7, shrinkage: 0), 7)
        assertRelative(Shrinkage.scheduledAgents(17.5, shrinkage: 0.3), 25, 1e-15)
    }

    func testErlangBTable() {
        for (p, lines, blocking) in [(0.01, 18, 0.007142), (0.02, 17, 0.012949), (0.05, 15, 0.036497)] {
            let result = ErlangB.lines(traffic: 10, maxBlocking: p)
            XCTAssertEqual(result.lines, lines)
            assertAbsolute(result.blocking, blocking, 6e-7)
            assertAbsolute(ErlangB.blocking(servers: lines, traffic: 10), blocking, 6e-7)
        }
    }

    func testErlangATable() {
        let w = workload(100, per: 1800, aht: 180)
        // (n, patience, P(wait), P(abandon), SL offered, SL answered, SL virtual, ASA answered)
        let rows: [(Int, Double, Double, Double, Double, Double, Double, Double)] = [
            (12, 120, 0.279807, 0.061597, 0.825583, 0.879774, 0.834122, 6.335),
            (14, 120, 0.126976, 0.022839, 0.932730, 0.954530, 0.937372, 2.345),
            (9, 60, 0.524905, 0.213224, 0.627025, 0.796955, 0.653482, 10.408),
            (13, 300, 0.225797, 0.024963, 0.858178, 0.880149, 0.860831, 6.914),
        ]
        for (n, patience, pWait, pAbandon, offered, answered, virtual, asa) in rows {
            var sl: [ServiceLevelDefinition: Double] = [:]
            for definition in ServiceLevelDefinition.allCases {
                let m = ErlangA.metrics(
                    agents: n, workload: w, patience: patience, answerWithin: 20, definition: definition)
                sl[definition] = m.serviceLevel
                assertAbsolute(m.probabilityOfWaiting, pWait, 6e-7, "P(wait) n=\(n)")
                assertAbsolute(m.probabilityOfAbandonment, pAbandon, 6e-7, "P(abandon) n=\(n)")
                assertAbsolute(m.averageSpeedOfAnswer, asa, 6e-4, "ASA n=\(n)")
                assertAbsolute(m.meanWait, pAbandon * patience, 6e-7 * patience, "E[W] = P(abandon)/θ")
                XCTAssertTrue(m.isStable)
            }
            assertAbsolute(sl[.offered], offered, 6e-7, "SL offered n=\(n)")
            assertAbsolute(sl[.answered], answered, 6e-7, "SL answered n=\(n)")
            assertAbsolute(sl[.virtual], virtual, 6e-7, "SL virtual n=\(n)")
        }
    }

    func testFractionalAgentsAgainstHighPrecisionReference() throws {
        // 1800 calls/h and AHT 200 s offer A = 100 Erlangs. The continuous Erlang C solution of
        // ASA(x) = target, computed with mpmath at 40 digits (B(x, A) = Aˣe^(−A)/Γ(x+1, A)):
        //   ASA 5 s → 109.80134467362074572, ASA 30 s → 103.97358044868861581.
        // (docs/queueing.md quotes 41.22663 and 37.3172 for this case; no stable system can
        // carry 100 Erlangs with fewer than 100 agents, so those values cannot be right.)
        let w = workload(1800, per: 3600, aht: 200)
        let five = try Staffing.fractionalAgents(
            workload: w, targets: StaffingTargets(serviceLevel: nil, maxAverageSpeedOfAnswer: 5))
        assertRelative(five.agents, 109.80134467362074572, 1e-9)
        let thirty = try Staffing.fractionalAgents(
            workload: w, targets: StaffingTargets(serviceLevel: nil, maxAverageSpeedOfAnswer: 30))
        assertRelative(thirty.agents, 103.97358044868861581, 1e-9)
        assertRelative(thirty.metrics.averageSpeedOfAnswer, 30, 1e-6)
        // The fractional requirement lies within one agent below the integer one.
        let whole = try Staffing.requiredAgents(
            workload: w, targets: StaffingTargets(serviceLevel: nil, maxAverageSpeedOfAnswer: 5))
        XCTAssertEqual(whole.agents, 110)
    }
}
