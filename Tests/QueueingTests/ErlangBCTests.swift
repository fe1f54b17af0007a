import CCPlanBase
import XCTest

@testable import Queueing

/// Erlang B and C against an independent extended-precision log-sum-exp of the definition and
/// against mpmath values, from 1 line to 100,000 and in overload.
final class ErlangBCTests: XCTestCase {
    func testErlangBAgainstExtendedPrecisionSum() {
        let cases: [(Int, Double)] = [
            (1, 0.5), (1, 30), (2, 1.5), (5, 5), (14, 10), (40, 33.333333333333336), (170, 150), (171, 171),
            (200, 400), (848, 833.3333333333334), (981, 833.3333333333334), (1000, 10), (5000, 4900.5),
            (20_000, 25_000), (33_500, 33_333.333333333336), (100_000, 99_000), (100_000, 100_500),
        ]
        for (n, a) in cases {
            let reference = Reference.logErlangB(servers: n, traffic: a)
            assertRelative(ErlangB.logBlocking(servers: Double(n), traffic: a), reference, 1e-12, "log B(\(n), \(a))")
            assertRelative(ErlangB.blocking(servers: n, traffic: a), exp(reference), 1e-9, "B(\(n), \(a))")
        }
    }

    func testErlangBUnderflowIsKeptInLogSpace() {
        // mpmath: B(100000, 10) = 1.6075156513320417086e-356578.
        let expected = log(1.6075156513320417086) - 356_578 * log(10.0)
        assertRelative(ErlangB.logBlocking(servers: 100_000, traffic: 10), expected, 1e-13)
        XCTAssertEqual(ErlangB.blocking(servers: 100_000, traffic: 10), 0)
    }

    func testContinuousErlangBAgainstMpmath() {
        // B(x, A) = Aˣe^(−A)/Γ(x+1, A), mpmath at 40 digits.
        let cases: [(Double, Double, Double)] = [
            (0.5, 0.3, 0.5107516873292121998), (2.7, 5, 0.57206706889040430383),
            (41.5, 100.0 / 3, 0.026308888091321094674), (109.8, 100, 0.028160830925764794135),
            (1000.25, 990, 0.018826563992215696748), (0.999, 10, 0.90918112167924104617),
            (55000.5, 54000, 1.698612874710860324e-7),
        ]
        for (x, a, expected) in cases {
            assertRelative(ErlangB.blocking(servers: x, traffic: a), expected, 1e-9, "B(\(x), \(a))")
        }
        // Integers agree with the integer definition.
        assertRelative(
            ErlangB.blocking(servers: 14.0, traffic: 10), exp(Reference.logErlangB(servers: 14, traffic: 10)), 1e-13)
    }

    func testErlangCAgainstReference() {
        var rng = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<60 {
            let n = Int.random(in: 1...100_000, using: &rng)
            let a = Double(n) * Double.random(in: 0.3...1.2, using: &rng)
            let reference = Reference.erlangC(servers: n, traffic: a)
            let pWait = ErlangC.probabilityOfWaiting(agents: Double(n), traffic: a)
            assertRelative(pWait, reference, 1e-9, "C(\(n), \(a))")
        }
        // mpmath: C(14, 10), C(100000, 99000), C(2, 1.5).
        assertRelative(ErlangC.probabilityOfWaiting(agents: 14, traffic: 10), 0.17413193359504984264, 1e-12)
        assertRelative(ErlangC.probabilityOfWaiting(agents: 100_000, traffic: 99_000), 0.00082190823741079540165, 1e-9)
        assertRelative(ErlangC.probabilityOfWaiting(agents: 2, traffic: 1.5), 0.64285714285714285714, 1e-14)
    }

    func testUnstableErlangCIsReportedNeverAboveOne() {
        let w = Workload(contacts: 100, interval: 1800, averageHandleTime: 180)  // A = 10
        for n in [0, 1, 5, 9, 10] {
            let m = ErlangC.metrics(agents: n, workload: w, answerWithin: 20)
            XCTAssertFalse(m.isStable)
            XCTAssertEqual(m.probabilityOfWaiting, 1)
            XCTAssertEqual(m.serviceLevel, 0)
            XCTAssertNil(m.averageSpeedOfAnswer)
            XCTAssertNil(m.meanWait)
            XCTAssertLessThanOrEqual(m.occupancy, 1)
        }
        let justStable = ErlangC.metrics(agents: 10.000001, workload: w, answerWithin: 20)
        XCTAssertTrue(justStable.isStable)
        XCTAssertLessThanOrEqual(justStable.probabilityOfWaiting, 1)
        XCTAssertTrue(justStable.averageSpeedOfAnswer?.isFinite ?? false)
    }

    func testErlangBRecursionMatchesDirectEvaluation() {
        // The solver carries B(n+1) = A·B(n)/(n + 1 + A·B(n)); it must agree with the direct form.
        let a = 833.3333333333334
        var b = ErlangB.blocking(servers: 800, traffic: a)
        for n in 801...1200 {
            b = a * b / (Double(n) + a * b)
            assertRelative(b, ErlangB.blocking(servers: n, traffic: a), 1e-11, "n = \(n)")
        }
    }

    func testNoTrafficNeedsNoAgents() throws {
        let w = Workload(arrivalRate: 0, averageHandleTime: 300)
        let r = try Staffing.requiredAgents(workload: w, targets: StaffingTargets())
        XCTAssertEqual(r.agents, 0)
        XCTAssertEqual(r.metrics.serviceLevel, 1)
        XCTAssertEqual(ErlangB.blocking(servers: 3, traffic: 0), 0)
    }
}
