import CCPlanBase
import XCTest

@testable import Forecasting

final class ScoreRegressionTests: XCTestCase {
    /// A simulated regression with AR(1) errors, y = 3·1[weekday a] + 5·1[weekday b] + 2·x + u,
    /// u_t = 0.6 u_{t−1} + ε, ε ~ N(0, 1): the estimates are within 4 standard errors of the
    /// truth. For n = 2000, se(φ̂) ≈ √((1 − φ²)/n) ≈ 0.018; se of a weekday level ≈
    /// σ/((1 − φ)·√(n/2)) ≈ 0.08; se of the effect ≈ 0.06 (seen every 5th day, quasi-differenced).
    func testRecoversCoefficientsAndAutocorrelation() throws {
        var rng = SplitMix64(seed: 7)
        func normal() -> Double {
            let u1 = max(rng.uniform(), 1e-300), u2 = rng.uniform()
            return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        }
        let n = 2000, p = 3
        var x = [Double](repeating: 0, count: n * p), y = [Double](repeating: 0, count: n)
        var u = 0.0
        for t in 0..<n {
            let a = t % 2 == 0 ? 1.0 : 0.0
            x[t * p] = a; x[t * p + 1] = 1 - a; x[t * p + 2] = t % 5 == 0 ? 1 : 0
            u = 0.6 * u + normal()
            y[t] = 3 * a + 5 * (1 - a) + 2 * x[t * p + 2] + u
        }
        let fit = try ScoreRegression(design: .init(x: x, columns: p), target: y, ridgeColumns: [], ridge: 0)
        XCTAssertEqual(fit.phi, 0.6, accuracy: 4 * 0.018)
        XCTAssertEqual(fit.coefficients[0], 3, accuracy: 4 * 0.08)
        XCTAssertEqual(fit.coefficients[1], 5, accuracy: 4 * 0.08)
        XCTAssertEqual(fit.coefficients[2], 2, accuracy: 4 * 0.06)
        XCTAssertEqual(fit.innovationVariance, 1, accuracy: 4 * (2.0 / Double(n)).squareRoot())
    }

    /// The normal equations by Cholesky agree with Cramer's rule, and a singular system is
    /// refused (nil), so the caller falls back to dgelsd.
    func testCholeskyAgreesWithCramersRule() throws {
        let a: [Double] = [4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]
        let b: [Double] = [1, 2, 3]
        let z = try XCTUnwrap(ScoreRegression.cholesky(lowerOf: a, b, 3))
        func det(_ m: [Double]) -> Double {
            m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6])
        }
        for i in 0..<3 {
            var m = a
            for r in 0..<3 { m[r * 3 + i] = b[r] }
            XCTAssertEqual(z[i], det(m) / det(a), accuracy: 1e-13)
        }
        XCTAssertNil(ScoreRegression.cholesky(lowerOf: [1, 1, 1, 1], [1, 1], 2))
    }

    /// Several SVD ranks from one decomposition equal each rank alone.
    func testSharedDecompositionEqualsSingleRanks() throws {
        let series = try Synthetic.series(days: 7 * 16, seed: 3, rate: Synthetic.rate())
        let context = try ForecastContext(history: series, horizonDays: 14)
        let models: [any ForecastModel] = [
            SVDInterday(components: 3), SeasonalNaive(), SVDInterday(components: 5),
            SVDInterday(components: 7),
        ]
        let batch = batchForecasts(models, context)
        for (m, model) in models.enumerated() {
            let alone = try model.forecast(context), shared = try batch[m].get()
            XCTAssertEqual(alone.count, shared.count)
            for i in alone.indices {
                XCTAssertEqual(alone[i], shared[i], accuracy: 1e-9 * max(1, alone[i]), model.name)
            }
        }
    }
}
