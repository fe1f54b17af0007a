import CCPlanBase
import Foundation
import Queueing
import XCTest

/// Any finite input, however absurd, gives finite, in-range, NaN-free numbers in bounded time —
/// no trap, no hang (issue 13).
final class ExtremeInputTests: XCTestCase {
    /// A log-uniform draw in [10^low, 10^high].
    func logUniform(_ low: Double, _ high: Double, _ rng: inout SplitMix64) -> Double {
        pow(10, Double.random(in: low...high, using: &rng))
    }

    func testErlangAIsSaneForAnyFiniteInput() {
        var rng = SplitMix64(seed: 1313)
        let start = Date()
        for _ in 0..<400 {
            let n = Bool.random(using: &rng) ? Int(logUniform(0, 9, &rng)) : Int.random(in: 0...20, using: &rng)
            let aht = logUniform(-3, 6, &rng)
            let a = logUniform(-6, 7.99, &rng)
            let patience = logUniform(-300, 300, &rng)
            let t = Bool.random(using: &rng) ? 0 : logUniform(-3, 300, &rng)
            let w = Workload(arrivalRate: a / aht, averageHandleTime: aht)
            let label = "n=\(n) A=\(a) AHT=\(aht) patience=\(patience) t=\(t)"
            var sl: [ServiceLevelDefinition: Double] = [:]
            for d in ServiceLevelDefinition.allCases {
                let m = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: t, definition: d)
                assertSane(m, label)
                sl[d] = m.serviceLevel
            }
            // Offered ≤ answered and offered ≤ virtual, whatever the regime.
            XCTAssertLessThanOrEqual(sl[.offered]!, sl[.answered]! + 1e-12, label)
            XCTAssertLessThanOrEqual(sl[.offered]!, sl[.virtual]! + 1e-12, label)
            // One more agent never hurts.
            let this = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: t)
            let more = ErlangA.metrics(agents: n + 1, workload: w, patience: patience, answerWithin: t)
            XCTAssertLessThanOrEqual(more.probabilityOfWaiting, this.probabilityOfWaiting + 1e-12, label)
            XCTAssertGreaterThanOrEqual(more.serviceLevel, this.serviceLevel - 1e-12, label)
            XCTAssertLessThanOrEqual(more.probabilityOfAbandonment, this.probabilityOfAbandonment + 1e-12, label)
        }
        // A hang guard for 2,800 evaluations (about 0.1 s here), not a benchmark.
        XCTAssertLessThan(Date().timeIntervalSince(start), 20)
    }

    func testErlangCAndBAreSaneForAnyFiniteInput() {
        var rng = SplitMix64(seed: 1314)
        for _ in 0..<300 {
            let n = Int(logUniform(0, 9, &rng))
            let aht = logUniform(-3, 6, &rng)
            let a = logUniform(-6, 7.99, &rng)
            let t = Bool.random(using: &rng) ? 0 : logUniform(-3, 300, &rng)
            let w = Workload(arrivalRate: a / aht, averageHandleTime: aht)
            assertSane(ErlangC.metrics(agents: n, workload: w, answerWithin: t), "n=\(n) A=\(a)")
            assertSane(ErlangB.metrics(lines: n, traffic: a, answerWithin: t), "n=\(n) A=\(a)")
        }
        // Outside the domain the Erlang B functions answer the limit instead of trapping.
        XCTAssertEqual(ErlangB.logBlocking(servers: -3, traffic: 5), 0)
        XCTAssertEqual(ErlangB.logBlocking(servers: 3, traffic: -5), -.infinity)
        XCTAssertEqual(ErlangB.logBlocking(servers: .infinity, traffic: 5), -.infinity)
        XCTAssertEqual(ErlangB.lines(traffic: 10, maxBlocking: 1).lines, 1)
        XCTAssertLessThanOrEqual(ErlangB.lines(traffic: 10, maxBlocking: -1).blocking, 0)
        XCTAssertEqual(ErlangB.lines(traffic: 1e300, maxBlocking: 0.01).lines, QueueingLimits.maximumAgents)
    }

    /// The staffing search with Erlang A at near-infinite patience: the Erlang C answer (n > A
    /// there) after a handful of evaluations, whatever the patience.
    func testErlangAStaffingAtExtremePatienceIsErlangC() throws {
        let targets = StaffingTargets(answerWithin: 20, serviceLevel: 0.8)
        for (contacts, aht) in [(100.0, 180.0), (5000.0, 300.0), (200_000.0, 300.0), (9.9e6, 10.0)] {
            let w = Workload(contacts: contacts, interval: 1800, averageHandleTime: aht)
            let c = try Staffing.requiredAgents(workload: w, model: .erlangC, targets: targets).agents
            for patience in [1e12, 1e15, 1e17, 1e100, 1e300] {
                let start = Date()
                let a = try Staffing.requiredAgents(workload: w, model: .erlangA(patience: patience), targets: targets)
                XCTAssertEqual(a.agents, c, "A = \(w.trafficIntensity), patience \(patience)")
                XCTAssertLessThan(Date().timeIntervalSince(start), 1, "hang guard")
            }
        }
    }

    /// Agent counts saturate at the documented caps instead of trapping on Int conversion.
    func testCountsSaturate() {
        XCTAssertEqual(ChatStaffing.slots(agents: Int.max, concurrency: 1000), QueueingLimits.maximumAgents)
        XCTAssertEqual(Shrinkage.scheduledAgents(Int.max, shrinkage: 0.5), QueueingLimits.maximumScheduledAgents)
        XCTAssertEqual(Shrinkage.scheduledAgents(10, shrinkage: 1), QueueingLimits.maximumScheduledAgents)
        XCTAssertEqual(Shrinkage.scheduledAgents(0, shrinkage: 1), 0)
        XCTAssertEqual(Shrinkage.scheduledAgents(1e300, shrinkage: 0.3), Double(QueueingLimits.maximumScheduledAgents))
        let huge = Workload(arrivalRate: 1e300, averageHandleTime: 1e300)
        XCTAssertEqual(
            Staffing.squareRootStaffing(workload: huge, targets: StaffingTargets()), QueueingLimits.maximumAgents)
        let backlog = DeferredWork(arrivalRate: 1, averageHandleTime: 10, backlog: 1e300, responseWindow: 1800)
        XCTAssertEqual(backlog.requiredAgents(maxOccupancy: 1e-300), QueueingLimits.maximumAgents)
    }
}

/// A NaN that reaches the models (only a non-finite input can make one) stays NaN.
final class NaNTests: XCTestCase {
    func testNaNIsNeverTurnedIntoAProbability() {
        let w = Workload(arrivalRate: .nan, averageHandleTime: 180)
        XCTAssertTrue(
            ErlangA.metrics(agents: 12, workload: w, patience: 120, answerWithin: 20).probabilityOfWaiting.isNaN)
        let c = ErlangC.probabilityOfWaiting(agents: 12, traffic: .nan)
        XCTAssertFalse(c == 0, "NaN became 0")
        // An infinite load from finite inputs (λ·AHT overflows): the limit, not NaN.
        let flood = ErlangA.metrics(
            agents: 12, workload: Workload(arrivalRate: 1e300, averageHandleTime: 1e300),
            patience: 120, answerWithin: 20)
        assertSane(flood, "A = ∞")
        XCTAssertEqual(flood.probabilityOfAbandonment, 1)
    }
}
