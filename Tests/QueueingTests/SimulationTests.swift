import CCPlanBase
import Foundation
import Queueing
import XCTest

/// A small seeded discrete-event simulation of the M/M/n+M queue (FCFS), independent of every
/// formula: each arrival's wait is the time until the earliest agent frees up (agents are
/// assigned in arrival order; abandoning contacts never take an agent). Tolerances come from
/// batch means: 4.5 standard errors, so the deterministic seed cannot fail by bad luck.
final class SimulationTests: XCTestCase {
    struct Estimates {
        var pWait: [Double] = [], pAbandon: [Double] = [], slOffered: [Double] = [], asa: [Double] = []
    }

    func simulate(
        agents n: Int, lambda: Double, aht: Double, patience: Double, t: Double,
        batches: Int, perBatch: Int, seed: UInt64
    ) -> Estimates {
        var rng = SplitMix64(seed: seed)
        func exponential(_ mean: Double) -> Double {
            -mean * log(1 - Double(rng.next() >> 11) / Double(1 << 53))
        }
        var free = [Double](repeating: 0, count: n)
        var clock = 0.0
        var estimates = Estimates()
        // Warm-up: one batch discarded.
        for batch in -1..<batches {
            var waited = 0, abandoned = 0, answeredInTime = 0, answered = 0
            var waitOfAnswered = 0.0
            for _ in 0..<perBatch {
                clock += exponential(1 / lambda)
                var earliest = 0
                for k in 1..<n where free[k] < free[earliest] { earliest = k }
                let wait = max(0, free[earliest] - clock)
                if wait > 0 { waited += 1 }
                let patienceDraw = exponential(patience)
                if patienceDraw < wait {
                    abandoned += 1
                } else {
                    answered += 1
                    waitOfAnswered += wait
                    if wait <= t { answeredInTime += 1 }
                    free[earliest] = clock + wait + exponential(aht)
                }
            }
            guard batch >= 0 else { continue }
            let count = Double(perBatch)
            estimates.pWait.append(Double(waited) / count)
            estimates.pAbandon.append(Double(abandoned) / count)
            estimates.slOffered.append(Double(answeredInTime) / count)
            estimates.asa.append(waitOfAnswered / Double(max(answered, 1)))
        }
        return estimates
    }

    func assertWithinCI(
        _ samples: [Double], _ expected: Double, _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count - 1)
        let standardError = (variance / Double(samples.count)).squareRoot()
        XCTAssertLessThanOrEqual(
            abs(mean - expected), 4.5 * standardError + 1e-12,
            "\(label): simulated \(mean) ± \(standardError), model \(expected)", file: file, line: line)
    }

    func testErlangAAgreesWithSimulation() {
        // A = 10 with 12 agents and a 2-minute patience; then an overloaded 9 agents, 1 minute.
        for (n, patience) in [(12, 120.0), (9, 60.0)] {
            let lambda = 100.0 / 1800, aht = 180.0
            let w = Workload(arrivalRate: lambda, averageHandleTime: aht)
            let model = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: 20)
            let sim = simulate(
                agents: n, lambda: lambda, aht: aht, patience: patience, t: 20,
                batches: 20, perBatch: 5000, seed: 42 + UInt64(n))
            assertWithinCI(sim.pWait, model.probabilityOfWaiting, "P(wait) n=\(n)")
            assertWithinCI(sim.pAbandon, model.probabilityOfAbandonment, "P(abandon) n=\(n)")
            assertWithinCI(sim.slOffered, model.serviceLevel, "SL offered n=\(n)")
            assertWithinCI(sim.asa, model.averageSpeedOfAnswer ?? .nan, "ASA n=\(n)")
        }
    }
}
