import Queueing
import XCTest

/// Erlang A against the birth–death chain plus a tagged contact (Reference.erlangA), an
/// algorithm that shares nothing with the production series.
final class ErlangATests: XCTestCase {
    func check(
        agents n: Int, contacts: Double, interval: Double, aht: Double, patience: Double, t: Double,
        tolerance: Double = 1e-8, file: StaticString = #filePath, line: UInt = #line
    ) {
        let w = Workload(contacts: contacts, interval: interval, averageHandleTime: aht)
        let expected = Reference.erlangA(agents: n, arrivalRate: w.arrivalRate, aht: aht, patience: patience, t: t)
        // The chain's two routes to P(abandon) agree with each other first.
        assertRelative(expected.pAbandon, expected.pAbandonLittle, 1e-10, "chain self-check", file: file, line: line)
        var metrics: [ServiceLevelDefinition: QueueMetrics] = [:]
        for d in ServiceLevelDefinition.allCases {
            metrics[d] = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: t, definition: d)
        }
        let m = metrics[.offered]!
        let label = "n=\(n) A=\(w.trafficIntensity) patience=\(patience)"
        assertRelative(m.probabilityOfWaiting, expected.pWait, tolerance, "P(wait) \(label)", file: file, line: line)
        assertRelative(
            m.probabilityOfAbandonment, expected.pAbandon, tolerance, "P(abandon) \(label)", file: file, line: line)
        assertRelative(m.serviceLevel, expected.slOffered, tolerance, "SL offered \(label)", file: file, line: line)
        assertRelative(
            metrics[.answered]!.serviceLevel, expected.slAnswered, tolerance, "SL answered \(label)", file: file,
            line: line)
        assertRelative(
            metrics[.virtual]!.serviceLevel, expected.slVirtual, tolerance, "SL virtual \(label)", file: file,
            line: line)
        assertRelative(m.averageSpeedOfAnswer, expected.asaAnswered, tolerance, "ASA \(label)", file: file, line: line)
        assertRelative(m.meanWait, expected.pAbandon * patience, tolerance, "E[W] \(label)", file: file, line: line)
        assertRelative(
            m.occupancy, w.trafficIntensity * (1 - expected.pAbandon) / Double(n), tolerance, "occupancy \(label)",
            file: file, line: line)
    }

    func testDocumentCasesAgainstBirthDeathChain() {
        check(agents: 12, contacts: 100, interval: 1800, aht: 180, patience: 120, t: 20)
        check(agents: 14, contacts: 100, interval: 1800, aht: 180, patience: 120, t: 20)
        check(agents: 9, contacts: 100, interval: 1800, aht: 180, patience: 60, t: 20)
        check(agents: 13, contacts: 100, interval: 1800, aht: 180, patience: 300, t: 20)
    }

    func testSmallLargeAndOverloadedSystemsAgainstBirthDeathChain() {
        check(agents: 1, contacts: 10, interval: 1800, aht: 180, patience: 90, t: 30)  // A = 1
        check(agents: 2, contacts: 200, interval: 1800, aht: 180, patience: 45, t: 10)  // A = 20, deep overload
        check(agents: 50, contacts: 480, interval: 1800, aht: 300, patience: 60, t: 20)  // A = 80
        check(agents: 95, contacts: 600, interval: 1800, aht: 300, patience: 600, t: 60)  // A = 100, long patience
        check(agents: 848, contacts: 5000, interval: 1800, aht: 300, patience: 120, t: 20)  // A = 833
        check(agents: 800, contacts: 5000, interval: 1800, aht: 300, patience: 180, t: 20)  // A = 833, overload
        check(agents: 20, contacts: 100, interval: 1800, aht: 180, patience: 120, t: 0)  // t = 0
    }

    func testZeroAgentsAbandonEverything() {
        let w = Workload(contacts: 100, interval: 1800, averageHandleTime: 180)
        let m = ErlangA.metrics(agents: 0, workload: w, patience: 60, answerWithin: 20)
        XCTAssertEqual(m.probabilityOfAbandonment, 1)
        XCTAssertEqual(m.serviceLevel, 0)
        XCTAssertNil(m.averageSpeedOfAnswer)
        XCTAssertEqual(m.meanWait, 60)
    }

    func testVeryLongPatienceApproachesErlangC() {
        let w = Workload(contacts: 100, interval: 1800, averageHandleTime: 180)
        let a = ErlangA.metrics(agents: 14, workload: w, patience: 1e9, answerWithin: 20)
        let c = ErlangC.metrics(agents: 14, workload: w, answerWithin: 20)
        assertRelative(a.probabilityOfWaiting, c.probabilityOfWaiting, 1e-6)
        assertRelative(a.serviceLevel, c.serviceLevel, 1e-6)
        assertRelative(a.averageSpeedOfAnswer, c.averageSpeedOfAnswer ?? 0, 1e-6)
    }

    func testHugeSystemsStayFinite() {
        // 100,000 agents, a million patience units: finite, in range, and sensible.
        let w = Workload(arrivalRate: 99_000.0 / 300, averageHandleTime: 300)
        for n in [90_000, 99_000, 100_000, 101_000] {
            let m = ErlangA.metrics(agents: n, workload: w, patience: 3000, answerWithin: 20)
            for value in [m.probabilityOfWaiting, m.serviceLevel, m.probabilityOfAbandonment, m.occupancy] {
                XCTAssertTrue(value.isFinite && value >= 0 && value <= 1, "n = \(n): \(m)")
            }
            XCTAssertTrue(m.averageSpeedOfAnswer?.isFinite ?? false)
        }
    }
}

/// Erlang A for 1,000 to 100,000 agents against the chain's stationary distribution plus
/// quadrature of the virtual-wait density (Reference.erlangAByQuadrature).
final class LargeErlangATests: XCTestCase {
    func testLargeSystemsAgainstChainAndQuadrature() {
        let cases: [(Int, Double, Double, Double)] = [  // (n, A, AHT, patience)
            (1_000, 990, 300, 120), (10_000, 9_950, 240, 180), (100_000, 99_800, 300, 600), (100_000, 100_400, 300, 60),
        ]
        for (n, a, aht, patience) in cases {
            let w = Workload(arrivalRate: a / aht, averageHandleTime: aht)
            let expected = Reference.erlangAByQuadrature(
                agents: n, arrivalRate: w.arrivalRate, aht: aht,
                patience: patience, t: 0.5)
            let label = "n=\(n) A=\(a)"
            var sl: [ServiceLevelDefinition: QueueMetrics] = [:]
            for d in ServiceLevelDefinition.allCases {
                sl[d] = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: 0.5, definition: d)
            }
            let m = sl[.offered]!
            assertRelative(m.probabilityOfWaiting, expected.pWait, 1e-8, "P(wait) \(label)")
            assertRelative(m.probabilityOfAbandonment, expected.pAbandon, 1e-8, "P(abandon) \(label)")
            assertRelative(m.serviceLevel, expected.slOffered, 1e-7, "SL offered \(label)")
            assertRelative(sl[.virtual]!.serviceLevel, expected.slVirtual, 1e-7, "SL virtual \(label)")
            assertRelative(sl[.answered]!.serviceLevel, expected.slAnswered, 1e-7, "SL answered \(label)")
            assertRelative(m.averageSpeedOfAnswer, expected.asaAnswered, 1e-7, "ASA \(label)")
        }
    }

    func testQuadratureReferenceAgreesWithTheTaggedChain() {
        // The two references check each other on a small case first.
        let lambda = 100.0 / 1800
        let chain = Reference.erlangA(agents: 12, arrivalRate: lambda, aht: 180, patience: 120, t: 20)
        let quadrature = Reference.erlangAByQuadrature(agents: 12, arrivalRate: lambda, aht: 180, patience: 120, t: 20)
        assertRelative(quadrature.slOffered, chain.slOffered, 1e-9)
        assertRelative(quadrature.slVirtual, chain.slVirtual, 1e-9)
        assertRelative(quadrature.asaAnswered, chain.asaAnswered, 1e-9)
    }
}
