import Foundation

/// Independent reference computations, written separately from the production code and with
/// other algorithms: nothing here calls the `Queueing` module.
enum Reference {
    #if arch(x86_64) && !os(Windows)
    typealias Wide = Float80
    #else
    typealias Wide = Double
    #endif

    /// log B(n, A) for integer n from the definition `1/B = Σ_{k=0..n} n!/(k!·A^(n−k))`, summed in
    /// extended precision as a log-sum-exp over all n + 1 terms (no recursion, no truncation).
    static func logErlangB(servers n: Int, traffic a: Double) -> Double {
        let la = Wide(log(a))
        // log of term j = Σ_{i<j} log((n − i)/A), j = 0…n; term j corresponds to k = n − j.
        var logs = [Wide](repeating: 0, count: n + 1)
        var acc: Wide = 0
        for j in 1...max(1, n) where j <= n {
            acc += Wide(log(Double(n - j + 1))) - la
            logs[j] = acc
        }
        let peak = logs.max() ?? 0
        var sum: Wide = 0, compensation: Wide = 0
        for value in logs {
            let y = Wide(exp(Double(value - peak))) - compensation
            let t = sum + y
            compensation = (t - sum) - y
            sum = t
        }
        return -Double(peak + Wide(log(Double(sum))))
    }

    /// Erlang C P(wait) from the reference Erlang B; 1 when n ≤ A.
    static func erlangC(servers n: Int, traffic a: Double) -> Double {
        let nn = Double(n)
        if nn <= a { return 1 }
        let b = exp(logErlangB(servers: n, traffic: a))
        return nn * b / (nn - a * (1 - b))
    }

    /// What the birth–death chain and a tagged contact say about Erlang A.
    struct ErlangAResult {
        var pWait: Double
        var pAbandon: Double
        var pAbandonLittle: Double
        var slOffered: Double
        var slAnswered: Double
        var slVirtual: Double
        var asaAnswered: Double
    }

    /// Erlang A by brute force: the stationary distribution of the birth–death chain
    /// (birth λ, death min(k, n)μ + max(k − n, 0)θ), seen by arrivals (PASTA); then a tagged
    /// contact with m contacts ahead moves forward at rate nμ + jθ (j ahead) and abandons at
    /// rate θ. P(answered within t) comes from uniformization of that absorbing chain, the mean
    /// wait of answered contacts from the phases' closed form Π pᵢ · Σ 1/rᵢ.
    static func erlangA(agents n: Int, arrivalRate lambda: Double, aht: Double, patience: Double, t: Double)
        -> ErlangAResult
    {
        let mu = 1 / aht, theta = 1 / patience
        // Stationary distribution, unnormalised, in log space to survive thousands of states.
        var logPi: [Double] = [0]
        var k = 0
        var highest = 0.0
        while true {
            let death = Double(min(k + 1, n)) * mu + Double(max(k + 1 - n, 0)) * theta
            logPi.append(logPi[k] + log(lambda / death))
            k += 1
            highest = max(highest, logPi[k])
            if k > n + 10, logPi[k] < highest - 60 { break }
        }
        let peak = logPi.max() ?? 0
        var pi = logPi.map { exp($0 - peak) }
        let total = pi.reduce(0, +)
        pi = pi.map { $0 / total }
        let states = pi.count
        let pWait = pi[n...].reduce(0, +)
        var queue = 0.0
        for state in n..<states { queue += Double(state - n) * pi[state] }
        let pAbandonLittle = theta * queue / lambda

        let maxAhead = states - n
        // Phases of the tagged contact with j ahead: progress rate nμ + jθ, own abandonment θ.
        var pAbandon = 0.0, waitServed = 0.0
        var productServed = 1.0, sumMeans = 0.0
        for m in 0..<maxAhead {
            let r = Double(n) * mu + Double(m) * theta + theta
            productServed *= (Double(n) * mu + Double(m) * theta) / r
            sumMeans += 1 / r
            pAbandon += pi[n + m] * (1 - productServed)
            waitServed += pi[n + m] * productServed * sumMeans
        }
        let slOffered = (1 - pWait) + reachedWithin(t, n: n, mu: mu, theta: theta, ownAbandon: true, pi: pi)
        let slVirtual = (1 - pWait) + reachedWithin(t, n: n, mu: mu, theta: theta, ownAbandon: false, pi: pi)
        return ErlangAResult(
            pWait: pWait, pAbandon: pAbandon, pAbandonLittle: pAbandonLittle, slOffered: slOffered,
            slAnswered: slOffered / (1 - pAbandon), slVirtual: slVirtual, asaAnswered: waitServed / (1 - pAbandon))
    }

    /// Σₘ π(n + m)·P(the tagged contact with m ahead reaches an agent by t), by uniformization.
    private static func reachedWithin(_ t: Double, n: Int, mu: Double, theta: Double, ownAbandon: Bool, pi: [Double])
        -> Double
    {
        let maxAhead = pi.count - n
        let own = ownAbandon ? theta : 0
        let rate = { (j: Int) in Double(n) * mu + Double(j) * theta }
        let uniform = rate(maxAhead) + own + 1e-12
        // v[j] = P(served within k jumps | j ahead); jumps: forward w.p. rate(j)/Λ, abandon own/Λ.
        var v = [Double](repeating: 0, count: maxAhead)
        var poisson = exp(-uniform * t)  // P(N(t) = 0)
        var result = [Double](repeating: 0, count: maxAhead)
        var step = 0
        let mean = uniform * t
        while Double(step) < mean || poisson > 1e-18 {
            step += 1
            // In place, from the back: v[j] uses the previous v[j − 1].
            for j in stride(from: maxAhead - 1, through: 0, by: -1) {
                let forward = rate(j) / uniform
                let stay = 1 - forward - own / uniform
                let ahead = j == 0 ? 1.0 : v[j - 1]
                v[j] = forward * ahead + stay * v[j]
            }
            poisson *= mean / Double(step)
            for j in 0..<maxAhead { result[j] += poisson * v[j] }
            if step > 100_000 { break }
        }
        var total = 0.0
        for j in 0..<maxAhead { total += pi[n + j] * result[j] }
        return total
    }
}
