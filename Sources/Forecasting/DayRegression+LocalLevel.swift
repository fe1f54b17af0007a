extension DayRegression {
    /// The smoothing parameters tried for ``localLevel(firstDay:)``.
    static let levelSmoothingGrid = [0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3]

    /// The local level at the end of the history of the deseasonalised totals
    /// `u_t = z_t − ŝ_t` (the fitted trend plus the residual of each training day, in time order),
    /// by simple exponential smoothing, ``smoothedLevel(_:clip:)`` with `clip = 2 · huberTuning · σ̂`: the
    /// level that MSTL's trend forecaster (ETS on its deseasonalised series) starts from. The fitted
    /// trend's end value `trend(T)` extrapolates a slope fitted to the last quarter or more; this
    /// level follows where the totals have actually been lately, with the memory the data support.
    ///
    /// - Parameter firstDay: the day number of index 0 of the totals the regression was fitted to.
    /// - Returns: `trend(T)` when there are fewer than 56 training days.
    /// - Complexity: O(days · 11).
    func localLevel(firstDay: Int) -> Double {
        guard residuals.count >= 56 else { return trend(at: endDay) }
        let u = residuals.map { trend(at: firstDay + $0.index) + $0.value }
        // No clip when the residuals are exactly zero (noise-free data): nothing is an outlier.
        let sigma = residualVariance.squareRoot()
        let clip = sigma > 1e-9 ? 2 * DayRegression.huberTuning * sigma : .infinity
        return DayRegression.smoothedLevel(u, clip: clip).level
    }

    /// Simple exponential smoothing — ETS(A,N,N), Hyndman et al. (2008) — of `u`, robustified:
    ///
    ///     ℓ_0 = mean of the first 28 u,   ℓ_t = ℓ_{t−1} + α·ψ(u_t − ℓ_{t−1}),
    ///
    /// `ψ` the Huber clip at ±`clip` (so that an outlier, an unlearnt holiday, barely moves the
    /// level) and `α` the value of ``levelSmoothingGrid`` with the least `Σ_{t≥28} min(e_t², clip²)`
    /// of the one-step errors `e_t = u_t − ℓ_{t−1}` (the Gaussian likelihood of ETS(A,N,N) with the
    /// same robustness; ties to the smaller α). For a local-level series (random walk plus noise,
    /// signal-to-noise ratio q) the best α is the steady-state Kalman gain (√(q² + 4q) − q)/2.
    ///
    /// - Precondition: `u.count >= 28`.
    /// - Complexity: O(n · 11).
    static func smoothedLevel(_ u: [Double], clip: Double) -> (level: Double, alpha: Double) {
        let start = 28
        let initial = u[0..<start].reduce(0, +) / Double(start)
        var best = (loss: Double.infinity, level: initial, alpha: levelSmoothingGrid[0])
        for alpha in levelSmoothingGrid {
            var level = initial, loss = 0.0
            for (t, value) in u.enumerated() {
                let e = value - level
                if t >= start { loss += min(e * e, clip * clip) }
                level += alpha * max(-clip, min(clip, e))
            }
            if loss < best.loss { best = (loss, level, alpha) }
        }
        return (best.level, best.alpha)
    }
}
