/// The number of agents a queue needs: the smallest n meeting every target at once.
public struct StaffingRequirement: Sendable, Hashable {
    /// Agents on the phones ("net" agents, before shrinkage).
    public var agents: Int
    /// The performance of that many agents.
    public var metrics: QueueMetrics
}

/// Staffing solvers for Erlang C and Erlang A.
public enum Staffing {
    /// The smallest number of agents that meets every target in `targets` at once.
    ///
    /// The search starts from square-root staffing `n₀ = ⌈A + β√A⌉` (Halfin–Whitt: β solves the
    /// targets under `P(wait) ≈ 1 / (1 + β·Φ(β)/φ(β))`) and evaluates n₀ exactly, with B(n₀, A)
    /// computed directly (never a loop from zero). Erlang C then walks one agent at a time down
    /// (while the targets still hold) or up (until they hold), carrying the Erlang B recursion
    /// `B(n+1) = A·B(n)/(n + 1 + A·B(n))`; Erlang A, whose answer abandonment moves further from
    /// n₀, gallops and bisects. Every metric is monotone in n, so the result is the smallest n.
    ///
    /// - Parameters:
    ///   - workload: arrivals and handle time (λ ≥ 0, AHT > 0).
    ///   - model: Erlang C or Erlang A (with its mean patience).
    ///   - targets: the targets; at least one is usually given.
    /// - Returns: the agents and their metrics (0 agents when no contact arrives).
    /// - Throws: as ``validate(workload:model:targets:shrinkage:concurrency:)``:
    ///   `StaffingError.invalidParameter` for a parameter outside its range (``QueueingLimits``),
    ///   or an occupancy cap that would need more than 10⁹ agents; `StaffingError.unreachable`
    ///   when no finite number of agents meets a target (an SL of 100 %, an ASA or abandonment of 0).
    /// - Complexity: Erlang C: O(√A) for the start plus O(1 + |n₀ − n|) recursion steps of O(1).
    ///   Erlang A: O(log(1 + |n₀ − n|)) evaluations (galloping, then bisection), each O(√A) for
    ///   E_B and O(1) beyond (at most a few microseconds, whatever the patience).
    public static func requiredAgents(
        workload: Workload, model: QueueModel = .erlangC, targets: StaffingTargets
    ) throws(StaffingError) -> StaffingRequirement {
        try validate(workload: workload, model: model, targets: targets)
        let a = workload.trafficIntensity
        let t = targets.answerWithin
        let definition = targets.serviceLevelDefinition
        if a == 0 {
            let metrics = ErlangC.metrics(agents: 0, workload: workload, answerWithin: t, definition: definition)
            return StaffingRequirement(agents: 0, metrics: metrics)
        }
        let evaluate: (Int, Double) -> QueueMetrics
        let lowest: Int
        switch model {
        case .erlangC:
            evaluate = { n, b in
                ErlangC.metrics(
                    agents: Double(n), workload: workload, blocking: b, answerWithin: t, definition: definition)
            }
            var floor = QueueingLimits.count(a, .down) + 1
            if let cap = targets.maxOccupancy {
                floor = max(floor, QueueingLimits.count(a / cap, .down))
            }
            lowest = floor
        case .erlangA(let patience):
            evaluate = { n, b in
                ErlangA.metrics(
                    agents: n, workload: workload, patience: patience, logBlocking: _log(b),
                    answerWithin: t, definition: definition)
            }
            lowest = 1
        }
        let highest = upperSearchLimit(traffic: a, targets: targets)
        let start = min(highest, max(lowest, squareRootStaffing(workload: workload, targets: targets)))
        if case .erlangA = model {
            return try gallop(
                from: start, lowest: lowest, highest: highest, traffic: a, targets: targets, evaluate: evaluate)
        }
        var n = start
        var b = ErlangB.blocking(servers: n, traffic: a)
        var metrics = evaluate(n, b)
        if targets.areMet(by: metrics) {
            // Walk down while the targets still hold.
            while n > lowest {
                let previousB = b < 0.5 ? Double(n) * b / (a * (1 - b)) : ErlangB.blocking(servers: n - 1, traffic: a)
                let previous = evaluate(n - 1, previousB)
                if !targets.areMet(by: previous) { break }
                n -= 1
                b = previousB
                metrics = previous
            }
            return StaffingRequirement(agents: n, metrics: metrics)
        }
        while n < highest {
            n += 1
            b = a * b / (Double(n) + a * b)
            metrics = evaluate(n, b)
            if targets.areMet(by: metrics) { return StaffingRequirement(agents: n, metrics: metrics) }
        }
        throw .unreachable(targets.firstUnmet(by: metrics) ?? .serviceLevel)
    }

    /// Erlang A: abandonment moves the answer away from the Erlang C start by up to a few √A, and
    /// one evaluation costs O(√n) anyway, so the search doubles its step from the start until
    /// it brackets the answer, then bisects: O(log |n₀ − n|) evaluations.
    static func gallop(
        from start: Int, lowest: Int, highest: Int, traffic a: Double, targets: StaffingTargets,
        evaluate: (Int, Double) -> QueueMetrics
    ) throws(StaffingError) -> StaffingRequirement {
        var cache: [Int: QueueMetrics] = [:]
        func metrics(_ n: Int) -> QueueMetrics {
            if let known = cache[n] { return known }
            let m = evaluate(n, ErlangB.blocking(servers: n, traffic: a))
            cache[n] = m
            return m
        }
        // Invariant once bracketed: `low` misses (or is below `lowest`), `high` meets.
        var low: Int, high: Int
        if targets.areMet(by: metrics(start)) {
            high = start
            var step = 1
            while true {
                let candidate = high - step
                if candidate < lowest { low = lowest - 1; break }
                if !targets.areMet(by: metrics(candidate)) { low = candidate; break }
                high = candidate
                step *= 2
            }
        } else {
            low = start
            var step = 1
            while true {
                let candidate = min(highest, low + step)
                if targets.areMet(by: metrics(candidate)) { high = candidate; break }
                if candidate == highest {
                    throw .unreachable(targets.firstUnmet(by: metrics(candidate)) ?? .serviceLevel)
                }
                low = candidate
                step *= 2
            }
        }
        while high - low > 1 {
            let mid = low + (high - low) / 2
            if targets.areMet(by: metrics(mid)) { high = mid } else { low = mid }
        }
        return StaffingRequirement(agents: high, metrics: metrics(high))
    }

    /// The smallest real number of agents x (continuous Erlang C, `B(x, A) = Aˣe^(−A)/Γ(x+1, A)`)
    /// meeting the service-level, ASA and occupancy targets: 17.4 rather than 18.
    ///
    /// Bisection (to 1e-9 agent) between the integer requirement minus one and the integer
    /// requirement; every Erlang C metric is continuous and monotone in x.
    ///
    /// - Returns: x and the metrics at x.
    /// - Throws: as ``requiredAgents(workload:model:targets:)``.
    /// - Complexity: O(√A · log(1/1e-9)).
    public static func fractionalAgents(
        workload: Workload, targets: StaffingTargets
    ) throws(StaffingError) -> (agents: Double, metrics: QueueMetrics) {
        let whole = try requiredAgents(workload: workload, model: .erlangC, targets: targets)
        let a = workload.trafficIntensity
        if a == 0 { return (0, whole.metrics) }
        let t = targets.answerWithin
        var floor = max(a, Double(whole.agents - 1))
        if let cap = targets.maxOccupancy { floor = max(floor, a / cap) }
        func meets(_ x: Double) -> Bool {
            targets.areMet(
                by: ErlangC.metrics(
                    agents: x, workload: workload, answerWithin: t,
                    definition: targets.serviceLevelDefinition))
        }
        if let cap = targets.maxOccupancy, meets(a / cap), a / cap >= floor {
            let x = a / cap
            return (
                x,
                ErlangC.metrics(
                    agents: x, workload: workload, answerWithin: t,
                    definition: targets.serviceLevelDefinition)
            )
        }
        var low = floor, high = Double(whole.agents)
        while high - low > 1e-10 * max(1, high) {
            let mid = 0.5 * (low + high)
            if meets(mid) { high = mid } else { low = mid }
        }
        return (
            high,
            ErlangC.metrics(
                agents: high, workload: workload, answerWithin: t,
                definition: targets.serviceLevelDefinition)
        )
    }

    /// Square-root staffing `⌈A + β√A⌉`, β the smallest value meeting the SL and ASA targets under
    /// the Halfin–Whitt approximation `P(wait) ≈ α(β) = 1/(1 + β·Φ(β)/φ(β))`,
    /// `SL ≈ 1 − α·e^(−β√A·t/AHT)`, `ASA ≈ α·AHT/(β√A)`. A start for the exact search, not a result.
    ///
    /// - Complexity: O(1) (a 40-step bisection).
    public static func squareRootStaffing(workload: Workload, targets: StaffingTargets) -> Int {
        let a = workload.trafficIntensity
        guard a > 0 else { return 0 }
        let root = a.squareRoot()
        let aht = workload.averageHandleTime
        func alpha(_ beta: Double) -> Double {
            // Φ(β)/φ(β) = √(2π)·e^(β²/2)·Φ(β).
            let ratio = (2 * Double.pi).squareRoot() * _exp(0.5 * beta * beta) * (1 - normalUpperTail(beta))
            return 1 / (1 + beta * ratio)
        }
        func meets(_ beta: Double) -> Bool {
            let p = alpha(beta)
            if let sl = targets.serviceLevel, 1 - p * _exp(-beta * root * targets.answerWithin / aht) < sl {
                return false
            }
            if let asa = targets.maxAverageSpeedOfAnswer, p * aht / (beta * root) > asa { return false }
            return true
        }
        var low = 0.0, high = 8.0
        if !meets(high) { return QueueingLimits.count(a + high * root, .up) }
        for _ in 0..<40 {
            let mid = 0.5 * (low + high)
            if meets(mid) { high = mid } else { low = mid }
        }
        return QueueingLimits.count(a + high * root, .up)
    }

    static func upperSearchLimit(traffic a: Double, targets: StaffingTargets) -> Int {
        let cap = targets.maxOccupancy ?? 1
        return QueueingLimits.count(a / cap + 60 * a.squareRoot() + 5000, .up)
    }
}
