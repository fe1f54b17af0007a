import CCPlanBase
import Foundation
import XCTest

@testable import Queueing

/// Erlang A at sizes and patiences where the old series hung or cancelled (issue 13), against
/// high-precision values, the Erlang C and fluid limits, and a second algorithm.
final class ErlangAExtremeTests: XCTestCase {
    typealias Row = (
        label: String, agents: Int, contacts: Double, interval: Double, aht: Double, patience: Double,
        t: Double, pWait: Double, pAbandon: Double, slOffered: Double, slAnswered: Double,
        slVirtual: Double, asa: Double
    )

    /// Computed offline by `Benchmarks/erlang_a_reference.py` (mpmath, 40+ digits: tanh-sinh
    /// quadrature of the virtual-wait density in the original variable; P(wait) and P(abandon)
    /// also from the birth–death chain's stationary law where it has at most 400,000 states).
    /// Values below 10⁻³²⁰ (SL e^(−10¹³) in overload with near-infinite patience) are written 0.
    static let cases: [Row] = [
        // (label, agents, contacts, interval, AHT, patience, t;
        //  P(wait), P(abandon), SL offered, SL answered, SL virtual, ASA seconds)
        (
            "issue: 9 agents, A = 10, patience 1e17 s", 9, 100, 1800, 180, 1e17, 20,
            1.0, 0.1, 0, 0, 0, 1.053605156578262e16
        ),
        (
            "issue: 50,000 agents, A = 55,000, patience 1e9 s", 50000, 9900000.0, 1800, 10, 1000000000.0, 20,
            1.0, 0.090909090909090909, 0, 0, 0, 9.5310179804224858e7
        ),
        (
            "issue: patience 1e15 s, 9 agents", 9, 100, 1800, 180, 1000000000000000.0, 20,
            1.0, 0.1, 0, 0, 0, 1.0536051565781631e14
        ),
        (
            // P(wait), P(abandon) chain-checked
            "patience 1e15 s, 14 agents: Erlang C", 14, 100, 1800, 180, 1000000000000000.0, 20,
            0.17413193359503366, 7.8359370117743988e-15, 0.8883500191794835, 0.88835001917949046, 0.88835001917948408,
            7.835937011774108
        ),
        (
            "patience 1e12 s, 12 agents", 12, 100, 1800, 180, 1000000000000.0, 20,  // P(wait), P(abandon) chain-checked
            0.44938822418692357, 4.044494013678263e-11, 0.64015804050228664, 0.64015804052817779, 0.64015804050314896,
            40.444940134778379
        ),
        (
            "patience 1e17 s, t = 1.05360516e16 s: answered about t", 9, 100, 1800, 180, 1e17, 1.05360516e16,
            1.0, 0.1, 0.45868644358593329, 0.50965160398437032, 0.50965159834412567, 1.053605156578262e16
        ),
        (
            "critical n = A = 1000, patience 3e14 s", 1000, 6000, 1800, 300, 300000000000000.0, 30,
            0.99999900832884421, 2.5231299986817776e-8, 3.5148011544636214e-6, 3.514801243146626e-6,
            3.5148011544637476e-6, 7.5693900370310338e6
        ),
        (
            "10 agents, A = 1000, patience 1e10 s", 10, 6000, 1800, 300, 10000000000.0, 20,
            1.0, 0.99, 0, 0, 0, 4.6051701844880918e10
        ),
        (
            "2000 agents, A = 1999.5, patience 3e11 s", 2000, 11997, 1800, 300, 300000000000.0, 20,
            0.98613909620384928, 1.9722466411629813e-9, 0.046190647355391094, 0.046190647446490444,
            0.046190647356462765, 591.67399233250179
        ),
        (
            // P(wait), P(abandon) chain-checked
            "one agent, A = 0.001, patience 1.8e14 s", 1, 0.01, 1800, 180, 180000000000000.0, 20,
            9.9999999999999902e-4, 1.001001000999996e-15, 0.99910506125107096, 0.99910506125107196, 0.99910506125107097,
            0.1801801801798191
        ),
        (
            "a million agents, A = 1.01 million, patience 1e6 s", 1000000, 6060000.0, 1800, 300, 1000000.0, 20,
            1.0, 0.009900990099009901, 0, 0, 0, 9950.3307031680837
        ),
        (
            // P(wait), P(abandon) chain-checked
            "100 agents, A = 120, patience 1e-4 s", 100, 1200, 1800, 180, 0.0001, 20,
            0.19628050562253928, 0.19626960211919894, 0.80373039788080106, 1.0, 0.99999706652138679,
            1.3565592850777771e-9
        ),
        (
            // P(wait), P(abandon) chain-checked
            "100 agents, A = 120, patience 1e-299 s: Erlang B", 100, 1200, 1800, 180, 1e-299, 20,
            0.19626998945511363, 0.19626998945511363, 0.80373001054488637, 1.0, 0.99999706667856534, 0
        ),
        (
            // P(wait), P(abandon) chain-checked
            "14 agents, A = 10, patience 1e295 s: Erlang C", 14, 100, 1800, 180, 1e295, 20,
            0.17413193359504984, 7.8359370117260549e-295, 0.88835001917946688, 0.88835001917946688, 0.88835001917946688,
            7.8359370117772429
        ),
        (
            // P(wait), P(abandon) chain-checked
            "20,000 agents, A = 19,900, patience 1e7 s, t = 0", 20000, 119400, 1800, 300, 10000000.0, 0,
            0.3661715721018815, 1.0983832633862668e-7, 0.6338284278981185, 0.63382849751677985, 0.6338284278981185,
            1.0983830545749344
        ),
    ]

    /// Every probability within 1e-9 of the reference (absolute), ASA and mean wait within 1e-8
    /// (relative, or 1e-9 s). The double-precision inputs are exact for the reference too; the
    /// margin over the ~1e-12 seen covers other CPUs' libm.
    func testAgainstHighPrecisionReference() {
        for row in Self.cases {
            let w = Workload(contacts: row.contacts, interval: row.interval, averageHandleTime: row.aht)
            var metrics: [ServiceLevelDefinition: QueueMetrics] = [:]
            let start = Date()
            for d in ServiceLevelDefinition.allCases {
                metrics[d] = ErlangA.metrics(
                    agents: row.agents, workload: w, patience: row.patience,
                    answerWithin: row.t, definition: d)
            }
            // A hang guard (the cases took seconds to forever), not a benchmark.
            XCTAssertLessThan(Date().timeIntervalSince(start), 1, row.label)
            let m = metrics[.offered]!
            assertAbsolute(m.probabilityOfWaiting, row.pWait, 1e-9, "P(wait) \(row.label)")
            assertAbsolute(m.probabilityOfAbandonment, row.pAbandon, 1e-9, "P(abandon) \(row.label)")
            assertAbsolute(m.serviceLevel, row.slOffered, 1e-9, "SL offered \(row.label)")
            assertAbsolute(metrics[.answered]!.serviceLevel, row.slAnswered, 1e-9, "SL answered \(row.label)")
            assertAbsolute(metrics[.virtual]!.serviceLevel, row.slVirtual, 1e-9, "SL virtual \(row.label)")
            assertClose(m.averageSpeedOfAnswer, row.asa, "ASA \(row.label)")
            assertClose(m.meanWait, row.pAbandon * row.patience, "mean wait \(row.label)")
            assertAbsolute(
                m.occupancy, min(1, w.trafficIntensity * (1 - row.pAbandon) / Double(row.agents)), 1e-9,
                "occupancy \(row.label)")
        }
    }

    /// |actual − expected| ≤ 1e-8·|expected| + 1e-9.
    func assertClose(
        _ actual: Double?, _ expected: Double, _ label: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        assertAbsolute(actual, expected, 1e-8 * abs(expected) + 1e-9, label, file: file, line: line)
    }

    /// n > A: as θ = AHT/patience → 0, Erlang A → Erlang C at first order in θ·(1 + A/(n − A)²)
    /// (abandonment trims the queue, whose second moment in handle times is ~A/(n − A)²; the
    /// observed coefficients are 0.05–0.3 for the probabilities and 1.4–2 for the waits), and the
    /// mean wait of all contacts, P(abandon)/θ, → Erlang C's mean wait.
    func testLongPatienceConvergesToErlangC() {
        for (contacts, aht, n) in [(100.0, 180.0, 14), (5000.0, 300.0, 848)] {
            let w = Workload(contacts: contacts, interval: 1800, averageHandleTime: aht)
            let c = ErlangC.metrics(agents: n, workload: w, answerWithin: 20)
            let spread = 1 + w.trafficIntensity / ((Double(n) - w.trafficIntensity) * (Double(n) - w.trafficIntensity))
            for patience in [1e6, 1e9, 1e12, 1e15, 1e17, 1e100, 1e300] {
                let theta = aht / patience * spread
                let a = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: 20)
                let label = "n = \(n), patience \(patience)"
                assertAbsolute(a.probabilityOfWaiting, c.probabilityOfWaiting, 1e-12 + theta, label)
                assertAbsolute(a.serviceLevel, c.serviceLevel, 1e-12 + theta, label)
                assertRelative(a.averageSpeedOfAnswer, c.averageSpeedOfAnswer!, 1e-11 + 5 * theta, label)
                assertRelative(a.meanWait, c.meanWait!, 1e-11 + 5 * theta, label)
                assertAbsolute(a.probabilityOfAbandonment, 0, 1e-12 + theta, label)
                assertAbsolute(a.occupancy, c.occupancy, 1e-12 + theta, label)
            }
        }
    }

    /// n < A, where Erlang C has no steady state: as the patience grows Erlang A tends to the
    /// fluid limit — everyone waits, nobody is answered within t, P(abandon) = 1 − n/A (the
    /// agents carry n Erlangs), occupancy 1, and the answered wait the mode ln(A/(n + θ))/θ
    /// (handle times) of its density, to first order in θ.
    func testOverloadWithLongPatienceTendsToTheFluidLimit() {
        for (contacts, aht, n) in [(100.0, 180.0, 9), (6000.0, 300.0, 10), (6060.0, 300.0, 1000)] {
            let w = Workload(contacts: contacts, interval: 1800, averageHandleTime: aht)
            let a = w.trafficIntensity
            for patience in [1e6, 1e9, 1e12, 1e15, 1e17, 1e100] {
                let theta = aht / patience
                let label = "n = \(n), A = \(a), patience \(patience)"
                for d in ServiceLevelDefinition.allCases {
                    let m = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: 20, definition: d)
                    assertAbsolute(m.serviceLevel, 0, 1e-15, "SL \(d) \(label)")
                    assertAbsolute(m.probabilityOfWaiting, 1, 1e-15, label)
                    assertAbsolute(m.probabilityOfAbandonment, 1 - Double(n) / a, 1e-14, label)
                    assertAbsolute(m.occupancy, 1, 1e-14, label)
                    let mode = log1p((a - Double(n) - theta) / (Double(n) + theta)) / theta * aht
                    assertRelative(m.averageSpeedOfAnswer, mode, 1e-11 + 2 * theta, label)
                }
            }
        }
    }

    /// n = A: the queue is critically loaded; its length is half-normal with variance y = A/θ,
    /// so P(abandon) = θ·E[queue]/λ → √(2θ/(πA)) and the answered wait → √(2/(πAθ)) handle times,
    /// both to relative order √θ.
    func testCriticalLoadWithLongPatience() {
        let w = Workload(contacts: 6000, interval: 1800, averageHandleTime: 300)
        for patience in [1e9, 1e12, 1e15, 1e17, 1e100] {
            let theta = 300 / patience
            let m = ErlangA.metrics(agents: 1000, workload: w, patience: patience, answerWithin: 30)
            let label = "patience \(patience)"
            assertRelative(
                m.probabilityOfAbandonment, (2 * theta / (Double.pi * 1000)).squareRoot(),
                1e-11 + 3 * theta.squareRoot(), label)
            assertRelative(
                m.averageSpeedOfAnswer, (2 / (Double.pi * 1000 * theta)).squareRoot() * 300,
                1e-11 + 3 * theta.squareRoot(), label)
        }
    }

    /// The series (ordinary sizes) and the quadrature (any size) are two algorithms that share
    /// nothing but the formulas; where both apply (max(x, y) ≤ 10⁴) they agree to ~1e-11.
    func testSeriesAndQuadratureAgree() {
        var rng = SplitMix64(seed: 13)
        for _ in 0..<300 {
            let n = Int(exp(Double.random(in: 0...log(3000), using: &rng))) + 1
            let rho = Double.random(in: 0.3...2.5, using: &rng)
            let a = Double(n) * (Bool.random(using: &rng) ? rho : 1 + Double.random(in: -0.01...0.01, using: &rng))
            let aht = Double.random(in: 30...900, using: &rng)
            let size = exp(Double.random(in: log(1e-3)...log(1e4), using: &rng))  // max(x, y)
            let patience = size / max(Double(n), a) * aht
            let t = Bool.random(using: &rng) ? 0 : exp(Double.random(in: log(0.1)...log(1e4), using: &rng))
            let w = Workload(arrivalRate: a / aht, averageHandleTime: aht)
            let label = "n=\(n) A=\(a) AHT=\(aht) patience=\(patience) t=\(t)"
            let logB = ErlangB.logBlocking(servers: Double(n), traffic: a)
            guard Double(n) * patience / aht <= ErlangA.seriesLimit, a * patience / aht <= ErlangA.seriesLimit else {
                continue
            }
            let q = ErlangA.byQuadrature(
                agents: Double(n), traffic: a, theta: aht / patience, threshold: t / aht,
                logBlocking: logB)
            for d in ServiceLevelDefinition.allCases {
                let s = ErlangA.bySeries(
                    agents: n, workload: w, patience: patience, logBlocking: logB, answerWithin: t,
                    definition: d)
                assertAbsolute(s.probabilityOfWaiting, q.probabilityOfWaiting, 1e-10, "P(wait) \(label)")
                assertAbsolute(s.probabilityOfAbandonment, q.probabilityOfAbandonment, 1e-10, "P(abandon) \(label)")
                let sl: Double
                switch d {
                case .offered: sl = q.answeredWithin
                case .answered: sl = q.answeredWithin / q.probabilityOfService
                case .virtual: sl = q.virtualWithin
                }
                assertAbsolute(s.serviceLevel, sl, 1e-10, "SL \(d) \(label)")
                assertRelative(
                    s.averageSpeedOfAnswer, q.waitOfAnswered / q.probabilityOfService * aht, 1e-9, "ASA \(label)")
            }
        }
    }

    /// In the quadrature regime (x > 10⁴), against the birth–death chain's stationary law and
    /// Simpson quadrature of f_V in double precision (Reference.erlangAByQuadrature), as
    /// LargeErlangATests does for ordinary patience — but with absolute tolerances for the
    /// service levels: in these overloads they are ~1e-130, and the reference's
    /// `∫₀^∞ − ∫_t^∞` is only good to ~1e-12 absolute.
    func testQuadratureRegimeAgainstTheChain() {
        let cases: [(Int, Double, Double, Double)] = [  // (n, A, AHT, patience)
            (50, 60, 300, 1e5), (200, 200, 300, 3e6), (40, 30, 180, 1e6), (500, 520, 240, 2e4),
        ]
        for (n, a, aht, patience) in cases {
            let w = Workload(arrivalRate: a / aht, averageHandleTime: aht)
            XCTAssertGreaterThan(Double(n) * patience / aht, ErlangA.seriesLimit)
            let expected = Reference.erlangAByQuadrature(
                agents: n, arrivalRate: w.arrivalRate, aht: aht, patience: patience, t: 20)
            var sl: [ServiceLevelDefinition: QueueMetrics] = [:]
            for d in ServiceLevelDefinition.allCases {
                sl[d] = ErlangA.metrics(agents: n, workload: w, patience: patience, answerWithin: 20, definition: d)
            }
            let m = sl[.offered]!
            let label = "n=\(n) A=\(a) patience=\(patience)"
            assertRelative(m.probabilityOfWaiting, expected.pWait, 1e-8, "P(wait) \(label)")
            assertRelative(m.probabilityOfAbandonment, expected.pAbandon, 1e-8, "P(abandon) \(label)")
            assertAbsolute(m.serviceLevel, expected.slOffered, 1e-8, "SL offered \(label)")
            assertAbsolute(sl[.virtual]!.serviceLevel, expected.slVirtual, 1e-8, "SL virtual \(label)")
            assertAbsolute(sl[.answered]!.serviceLevel, expected.slAnswered, 1e-8, "SL answered \(label)")
            assertRelative(m.averageSpeedOfAnswer, expected.asaAnswered, 1e-7, "ASA \(label)")
        }
    }
}
