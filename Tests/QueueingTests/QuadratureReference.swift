import Foundation

extension Reference {
    /// Erlang A for large systems, where the tagged-contact chain gets slow: P(wait), πₙ and
    /// P(abandon) (= θ·E[queue]/λ) from the birth–death chain's stationary distribution, the
    /// service levels and the ASA by composite Simpson quadrature of the virtual-wait density
    /// `f_V(s) = πₙ·nμ·exp(−nμs + y(1 − e^(−θs)))` — no incomplete-gamma series anywhere.
    static func erlangAByQuadrature(
        agents n: Int, arrivalRate lambda: Double, aht: Double, patience: Double,
        t: Double
    ) -> ErlangAResult {
        let mu = 1 / aht, theta = 1 / patience
        var logPi: [Double] = [0]
        var k = 0, highest = 0.0
        while true {
            let death = Double(min(k + 1, n)) * mu + Double(max(k + 1 - n, 0)) * theta
            logPi.append(logPi[k] + log(lambda / death))
            k += 1
            highest = max(highest, logPi[k])
            if k > n + 10, logPi[k] < highest - 60 { break }
        }
        let weights = logPi.map { exp($0 - highest) }
        let total = weights.reduce(0, +)
        let pi = weights.map { $0 / total }
        let pWait = pi[n...].reduce(0, +)
        var queue = 0.0
        for state in n..<pi.count { queue += Double(state - n) * pi[state] }
        let pAbandon = theta * queue / lambda
        let logPiN = log(pi[n])
        let a = Double(n) * mu, y = lambda / theta

        // log of f_V(s)·e^(−kθs)·sᵖ.
        func logDensity(_ s: Double, extraDecay: Double, power: Int) -> Double {
            var value = logPiN + log(a) - (a + extraDecay) * s - y * expm1(-theta * s)
            if power == 1 { value += s > 0 ? log(s) : -.infinity }
            return value
        }
        func integrate(to limit: Double?, extraDecay: Double, power: Int) -> Double {
            let peak = max(0, log(max(y * theta / (a + extraDecay), 1e-300)) / theta)
            let top = logDensity(max(peak, 1e-9), extraDecay: extraDecay, power: power)
            var end = max(peak, 1 / (a + extraDecay))
            while logDensity(end, extraDecay: extraDecay, power: power) > top - 60 { end *= 2 }
            let upper = min(limit ?? end, end)
            let panels = 200_000
            let h = upper / Double(panels)
            var sum = 0.0
            for i in 0...panels {
                let s = Double(i) * h
                let weight: Double = (i == 0 || i == panels) ? 1 : (i % 2 == 1 ? 4 : 2)
                sum += weight * exp(logDensity(s, extraDecay: extraDecay, power: power))
            }
            return sum * h / 3
        }
        let answeredLate =
            integrate(to: nil, extraDecay: theta, power: 0) - integrate(to: t, extraDecay: theta, power: 0)
        let slOffered = 1 - pAbandon - answeredLate
        let slVirtual = 1 - pWait + integrate(to: t, extraDecay: 0, power: 0)
        let asa = integrate(to: nil, extraDecay: theta, power: 1) / (1 - pAbandon)
        return ErlangAResult(
            pWait: pWait, pAbandon: pAbandon, pAbandonLittle: pAbandon, slOffered: slOffered,
            slAnswered: slOffered / (1 - pAbandon), slVirtual: slVirtual, asaAnswered: asa)
    }
}
