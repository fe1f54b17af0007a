/// Erlang B: the blocking probability of the M/M/n/n loss system (n lines, no queue).
///
/// `B(n, A) = (Aⁿ/n!) / Σ_{k=0..n} Aᵏ/k!`, and for real n the continuous extension
/// `B(x, A) = Aˣ·e^(−A) / Γ(x + 1, A)` (upper incomplete gamma), which fractional staffing uses.
///
/// Nothing here forms Aⁿ or n!: the evaluation works with ratios of Poisson terms, so it is exact
/// to a few ulps from one line to millions and never overflows.
public enum ErlangB {
    /// The blocking probability `B(x, A)` of x lines (x may be fractional) offered A Erlangs.
    ///
    /// For x ≥ A: `B = p / (1 − p·(𝒜(x, A) − 1))` with `p = Aˣe^(−A)/Γ(x+1)` (Loader's
    /// saddle-point form) and `𝒜(x, A) − 1 = Σ_{j≥1} Aʲ / Π_{i=1..j}(x + i)`.
    /// For x < A: `1/B(x) = 1 + (x/A)·(1/B(x − 1))` unrolled downward, whose terms shrink
    /// geometrically; for fractional x it ends on `1/B(f, A) = A·Γ(f+1, A)/(A^(f+1)e^(−A))`.
    ///
    /// - Parameters:
    ///   - servers: the number of lines x ≥ 0.
    ///   - traffic: the offered load A ≥ 0 in Erlangs.
    /// - Returns: B in [0, 1]; 1 when x = 0, 0 when A = 0 and x > 0.
    /// - Complexity: O(√max(x, A)) operations near x ≈ A, O(1) far from it.
    public static func blocking(servers: Double, traffic: Double) -> Double {
        _exp(logBlocking(servers: servers, traffic: traffic))
    }

    /// The blocking probability for an integer number of lines; see ``blocking(servers:traffic:)``.
    ///
    /// - Complexity: O(√max(n, A)).
    public static func blocking(servers: Int, traffic: Double) -> Double {
        blocking(servers: Double(servers), traffic: traffic)
    }

    /// `log B(x, A)`, which stays finite where B itself underflows (x far above A).
    ///
    /// Outside the domain it answers the limit rather than trapping: x ≤ 0 lines block
    /// everything (0), A ≤ 0 Erlangs nothing (−∞), and so do x = +∞ lines; A = +∞ blocks all.
    ///
    /// - Complexity: O(√max(x, A)).
    public static func logBlocking(servers x: Double, traffic a: Double) -> Double {
        if !(x > 0) || a == .infinity { return 0 }
        if !(a > 0) || x == .infinity { return -.infinity }
        if x >= a {
            // Upper-tail series of the Poisson distribution, relative to the term at x.
            let logP = logPoissonTerm(x, a)
            var term = 1.0, sum = 0.0, i = 1.0
            while i < 1e8 {
                term *= a / (x + i)
                sum += term
                if term <= sum * 1e-17 { break }
                i += 1
            }
            // cdf(x) = 1 − p·sum ≥ ~½ here, so the subtraction is harmless.
            let tailFraction = _exp(logP) * sum
            return logP - _log1p(-tailFraction)
        }
        // x < A: 1/B(x) = Σ terms, term_{k+1} = term_k·(x − k)/A, all < 1 and shrinking.
        let whole = x.rounded(.down)
        let fraction = x - whole
        var term = 1.0, sum = 0.0, k = 0.0
        while k < whole {
            sum += term
            term *= (x - k) / a
            k += 1
            if term <= sum * 1e-17 { return -_log(sum) }
        }
        // The last term multiplies 1/B(f, A) (= 1 for integer x).
        sum += term * inverseBlockingOfFraction(fraction, a)
        return -_log(sum)
    }

    /// `1/B(f, A) = e^A·A^(−f)·Γ(f + 1, A)` for 0 ≤ f < 1.
    static func inverseBlockingOfFraction(_ f: Double, _ a: Double) -> Double {
        if f == 0 { return 1 }
        let s = f + 1
        if a >= s {
            // Γ(s, A) = e^(−A)·A^s·h with h the Legendre continued fraction (modified Lentz).
            let tiny = 1e-300
            var b = a + 1 - s
            var c = 1 / tiny
            var d = 1 / b
            var h = d
            var i = 1.0
            while i < 10_000 {
                let an = -i * (i - s)
                b += 2
                d = an * d + b
                if abs(d) < tiny { d = tiny }
                c = b + an / c
                if abs(c) < tiny { c = tiny }
                d = 1 / d
                let delta = d * c
                h *= delta
                if abs(delta - 1) < 1e-16 { break }
                i += 1
            }
            return a * h
        }
        // Small A: Γ(s, A) = Γ(s) − γ(s, A) with γ(s, A) = A^s e^(−A) Σ Aʲ / (s(s+1)…(s+j)).
        var term = 1 / s, sum = 1 / s, j = 1.0
        while j < 10_000 {
            term *= a / (s + j)
            sum += term
            if term <= sum * 1e-17 { break }
            j += 1
        }
        return _exp(a - f * _log(a)) * _tgamma(s) - a * sum
    }

    /// The performance of a loss system (blocked contacts are lost, nobody waits) with `lines`
    /// lines: "service level" is the share not blocked, "abandonment" the blocking probability,
    /// occupancy the carried load per line `A·(1 − B)/n`.
    ///
    /// - Complexity: O(lines).
    public static func metrics(lines n: Int, traffic a: Double, answerWithin t: Double) -> QueueMetrics {
        let b = blocking(servers: n, traffic: a)
        return QueueMetrics(
            trafficIntensity: a, agents: Double(n), probabilityOfWaiting: 0, serviceLevel: 1 - b,
            answerWithin: t, serviceLevelDefinition: .offered, averageSpeedOfAnswer: 0,
            meanWait: 0, probabilityOfAbandonment: b,
            occupancy: n > 0 ? min(1, a * (1 - b) / Double(n)) : 0, isStable: true)
    }

    /// The smallest number of lines whose blocking probability is at most `maxBlocking`.
    ///
    /// Starts from the normal approximation n ≈ A + z·√A and carries the recursion
    /// `B(n) = A·B(n−1) / (n + A·B(n−1))` from there (downward: `B(n−1) = n·B(n) / (A·(1 − B(n)))`).
    ///
    /// - Parameters:
    ///   - traffic: the offered load A ≥ 0 in Erlangs.
    ///   - maxBlocking: the target, 0 < p < 1 (``validate(maxBlocking:)``); p ≤ 0 gives the lines at
    ///     which B underflows to 0, p ≥ 1 one line.
    /// - Returns: the number of lines (at most ``QueueingLimits/maximumAgents``) and the blocking
    ///   probability it achieves.
    /// - Complexity: O(√A) for the start plus O(|guess − answer|) recursion steps.
    public static func lines(traffic a: Double, maxBlocking p: Double) -> (lines: Int, blocking: Double) {
        if !(a > 0) { return (0, 0) }
        let p = max(0, p)
        let most = QueueingLimits.maximumAgents
        var n = max(1, QueueingLimits.count(a + 1.0 * a.squareRoot(), .down))
        var b = blocking(servers: n, traffic: a)
        if b <= p {
            while n > 1 {
                let previous =
                    b < 0.5
                    ? Double(n) * b / (a * (1 - b))
                    : blocking(servers: n - 1, traffic: a)
                if previous > p { break }
                n -= 1
                b = previous
            }
            return (n, b)
        }
        while b > p, n < most {
            n += 1
            b = a * b / (Double(n) + a * b)
        }
        return (n, b)
    }
}
