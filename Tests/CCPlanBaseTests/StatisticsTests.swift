import CCPlanBase
import XCTest

final class StatisticsTests: XCTestCase {
    func testNormalQuantileAgainstHighPrecisionValues() {
        // √2·erfinv(2p − 1) with mpmath at 50 digits for the exact binary value of each p (1e-300 by
        // root-finding on ncdf).
        let reference: [(Double, Double)] = [
            (1e-300, -37.047096299361199237), (1e-10, -6.3613409024040561991), (0.001, -3.090232306167813535358),
            (0.02425, -1.972961051311884837603), (0.025, -1.95996398454005421178), (0.1, -1.281551565544600435335),
            (0.475, -0.06270677794321383983507), (0.5, 0), (0.525, 0.06270677794321383983507),
            (0.9, 1.281551565544600593487), (0.975, 1.959963984540053855604), (0.999, 3.090232306167813277758),
            (0.9999999, 5.199337582290661093657),
        ]
        for (p, z) in reference {
            // One Halley step from Acklam's 1e-9 leaves O(1e-27) relative; the rest is rounding in Φ
            // (erfc is accurate to a few ulps), amplified by p/(φ(z)·z) ≤ 1 in the tails.
            XCTAssertEqual(StandardNormal.quantile(p), z, accuracy: 16 * z.ulp + 1e-16, "p = \(p)")
        }
        XCTAssertEqual(StandardNormal.cdf(1.281551565544600593487), 0.9, accuracy: 1e-16)
    }

    func testParallelMapKeepsTheOrderWhateverTheWorkers() {
        let items = Array(0..<1000)
        for workers in [1, 2, 7] {
            XCTAssertEqual(Parallel.map(items, workers: workers) { $0 * $0 }, items.map { $0 * $0 })
        }
        XCTAssertEqual(Parallel.map([Int](), workers: 4) { $0 }, [])
    }

    func testSplitMix64MatchesTheReferenceSequence() {
        // Vigna's splitmix64.c with seed 0: the first outputs.
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual(rng.next(), 0xe220_a839_7b1d_cdaf)
        XCTAssertEqual(rng.next(), 0x6e78_9e6a_a1b9_65f4)
        XCTAssertEqual(rng.next(), 0x06c4_5d18_8009_454f)
    }
}
