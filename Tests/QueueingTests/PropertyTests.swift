import CCPlanBase
import Queueing
import XCTest

/// Seeded random property tests: monotonicity, ranges, no NaN or infinity anywhere.
final class PropertyTests: XCTestCase {
    func randomWorkload(_ rng: inout SplitMix64, maxTraffic: Double = 2000) -> Workload {
        let aht = Double.random(in: 20...900, using: &rng)
        let traffic = exp(Double.random(in: log(0.05)...log(maxTraffic), using: &rng))
        return Workload(arrivalRate: traffic / aht, averageHandleTime: aht)
    }

    func testMoreAgentsNeverHurtErlangC() {
        var rng = SplitMix64(seed: 1)
        for _ in 0..<200 {
            let w = randomWorkload(&rng)
            let t = Double.random(in: 0...60, using: &rng)
            let start = max(0, Int(w.trafficIntensity) - 3)
            var previous = ErlangC.metrics(agents: start, workload: w, answerWithin: t)
            assertSane(previous, "A=\(w.trafficIntensity)")
            for n in (start + 1)...(start + 12) {
                let m = ErlangC.metrics(agents: n, workload: w, answerWithin: t)
                assertSane(m, "n=\(n) A=\(w.trafficIntensity)")
                XCTAssertGreaterThanOrEqual(m.serviceLevel, previous.serviceLevel)
                XCTAssertLessThanOrEqual(m.probabilityOfWaiting, previous.probabilityOfWaiting)
                if let asa = m.averageSpeedOfAnswer, let before = previous.averageSpeedOfAnswer {
                    XCTAssertLessThanOrEqual(asa, before * (1 + 1e-12))
                }
                previous = m
            }
        }
    }

    func testMoreAgentsNeverHurtErlangA() {
        var rng = SplitMix64(seed: 2)
        for _ in 0..<100 {
            let w = randomWorkload(&rng, maxTraffic: 1000)
            let patience = Double.random(in: 10...900, using: &rng)
            let t = Double.random(in: 0...60, using: &rng)
            let start = max(0, Int(w.trafficIntensity * Double.random(in: 0.6...1.05, using: &rng)))
            var previous: [ServiceLevelDefinition: QueueMetrics] = [:]
            for n in start...(start + 8) {
                for d in ServiceLevelDefinition.allCases {
                    let m = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: t, definition: d)
                    assertSane(m, "n=\(n) A=\(w.trafficIntensity) patience=\(patience)")
                    if let p = previous[d] {
                        XCTAssertGreaterThanOrEqual(m.serviceLevel, p.serviceLevel - 1e-12, "SL \(d) n=\(n)")
                        XCTAssertLessThanOrEqual(m.probabilityOfAbandonment, p.probabilityOfAbandonment + 1e-12)
                        XCTAssertLessThanOrEqual(m.probabilityOfWaiting, p.probabilityOfWaiting + 1e-12)
                        if let asa = m.averageSpeedOfAnswer, let before = p.averageSpeedOfAnswer {
                            XCTAssertLessThanOrEqual(asa, before * (1 + 1e-9) + 1e-12, "ASA n=\(n)")
                        }
                    }
                    previous[d] = m
                }
                // Definitions order: offered ≤ answered, offered ≤ virtual.
                let offered = previous[.offered]!.serviceLevel
                XCTAssertLessThanOrEqual(offered, previous[.answered]!.serviceLevel + 1e-12)
                XCTAssertLessThanOrEqual(offered, previous[.virtual]!.serviceLevel + 1e-12)
            }
        }
    }

    func testMoreVolumeNeverLowersTheRequirement() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<60 {
            let aht = Double.random(in: 60...600, using: &rng)
            let patience = Double.random(in: 30...600, using: &rng)
            let targets = StaffingTargets(
                answerWithin: Double.random(in: 5...60, using: &rng),
                serviceLevel: Double.random(in: 0.5...0.95, using: &rng))
            var volume = Double.random(in: 1...50, using: &rng)
            var previousC = 0, previousA = 0
            for _ in 0..<10 {
                volume *= Double.random(in: 1.0...1.6, using: &rng)
                let w = Workload(contacts: volume, interval: 1800, averageHandleTime: aht)
                let c = try Staffing.requiredAgents(workload: w, model: .erlangC, targets: targets).agents
                let a = try Staffing.requiredAgents(workload: w, model: .erlangA(patience: patience), targets: targets)
                    .agents
                XCTAssertGreaterThanOrEqual(c, previousC)
                XCTAssertGreaterThanOrEqual(a, previousA)
                // Abandonment only ever helps the offered SL's queue: Erlang A needs no more than C.
                XCTAssertLessThanOrEqual(a, c)
                previousC = c
                previousA = a
            }
        }
    }

    func testRequirementIsMinimalOnRandomCases() throws {
        var rng = SplitMix64(seed: 4)
        for _ in 0..<80 {
            let w = randomWorkload(&rng, maxTraffic: 40_000)
            let targets = StaffingTargets(
                answerWithin: Double.random(in: 0...60, using: &rng),
                serviceLevel: Bool.random(using: &rng) ? Double.random(in: 0.3...0.99, using: &rng) : nil,
                maxAverageSpeedOfAnswer: Bool.random(using: &rng) ? Double.random(in: 1...120, using: &rng) : nil,
                maxOccupancy: Bool.random(using: &rng) ? Double.random(in: 0.7...1, using: &rng) : nil)
            let r = try Staffing.requiredAgents(workload: w, targets: targets)
            XCTAssertTrue(targets.areMet(by: r.metrics))
            let below = ErlangC.metrics(agents: r.agents - 1, workload: w, answerWithin: targets.answerWithin)
            XCTAssertFalse(targets.areMet(by: below), "A=\(w.trafficIntensity) n=\(r.agents) \(targets)")
        }
    }

    func testFractionalRequirementLiesWithinOneAgent() throws {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<40 {
            let w = randomWorkload(&rng, maxTraffic: 5000)
            let targets = StaffingTargets(answerWithin: 20, serviceLevel: Double.random(in: 0.5...0.95, using: &rng))
            let whole = try Staffing.requiredAgents(workload: w, targets: targets).agents
            let x = try Staffing.fractionalAgents(workload: w, targets: targets)
            XCTAssertLessThanOrEqual(x.agents, Double(whole) + 1e-9)
            XCTAssertGreaterThan(x.agents, max(Double(whole - 1), w.trafficIntensity) - 1e-9)
            assertRelative(x.metrics.serviceLevel, targets.serviceLevel!, 1e-6)
        }
    }
}
