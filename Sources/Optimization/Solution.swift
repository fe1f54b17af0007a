/// How a solve should run.
public struct SolveOptions: Sendable, Hashable {
    /// Wall-clock seconds after which the search stops with the best solution found so far
    /// (`nil`: no limit). CBC counts CPU time unless told otherwise; the backend sets elapsed time.
    /// A time limit makes the answer depend on the machine's speed: prefer ``relativeGap`` for
    /// reproducible answers and keep the limit as a guard.
    public var timeLimit: Double?
    /// Stop as soon as the relative gap `|z − b| / |z|` (incumbent z, bound b) is at most this
    /// value; 0 asks for a proven optimum (up to CBC's tolerances).
    public var relativeGap: Double
    /// The seed of CBC's and Clp's random choices. Same seed, same program, same machine: same
    /// search and same answer (never 0, which CBC reads as "seed from the clock").
    public var seed: Int
    /// Cutting planes at the nodes (CBC's default on). Off can be much faster on small models
    /// whose LP bound is already tight (measured for the hiring MILP: docs/capacity.md).
    public var cuts: Bool
    /// Primal heuristics (feasibility pump, RINS, …; CBC's default on).
    public var heuristics: Bool
    /// Stop after about this many branch-and-bound nodes (`nil`: no limit). Unlike a time limit
    /// it stops at the same point on every machine: a reproducible way to bound the effort. CBC
    /// checks it between nodes, so a few more may be explored.
    public var nodeLimit: Int?

    public init(
        timeLimit: Double? = nil, relativeGap: Double = 0, seed: Int = 1_234_567, cuts: Bool = true,
        heuristics: Bool = true,
        nodeLimit: Int? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.seed = seed
        self.cuts = cuts
        self.heuristics = heuristics
        self.nodeLimit = nodeLimit
    }
}

/// The outcome of a solve.
public enum SolveStatus: String, Sendable, Hashable, CaseIterable {
    /// A solution proven optimal.
    case optimal
    /// A solution, but the search stopped before proving optimality: within the requested
    /// ``SolveOptions/relativeGap``, or at the ``SolveOptions/nodeLimit`` (see ``Solution/gap``).
    case feasible
    /// No solution exists.
    case infeasible
    /// The objective can improve without bound (the LP relaxation is unbounded: the program is
    /// unbounded or, in degenerate cases, integer-infeasible).
    case unbounded
    /// The time limit stopped the search; ``Solution/values`` holds the best solution found, if any.
    case timeLimit = "time_limit"
}

/// What a solve found.
public struct Solution: Sendable {
    public var status: SolveStatus
    /// `c·x + c₀` of the returned solution, in the program's sense; `nil` without a solution.
    public var objective: Double?
    /// The best bound on the optimum proven by the search (lower for a minimisation); `nil` when
    /// none is known.
    public var bestBound: Double?
    /// One value per variable, integer variables rounded to the nearest integer; `nil` without
    /// a solution.
    public var values: [Double]?
    /// Wall-clock seconds spent in the solver.
    public var seconds: Double
    /// Branch-and-bound nodes explored.
    public var nodes: Int

    /// Whether ``values`` holds a solution.
    public var hasSolution: Bool { values != nil }

    /// The relative gap `|z − b| / |z|` between the objective and the bound (0 when both are 0;
    /// `nil` without both).
    public var gap: Double? {
        guard let z = objective, let b = bestBound else { return nil }
        let difference = abs(z - b)
        if difference <= 1e-12 * max(1, abs(z)) { return 0 }
        return abs(z) > 0 ? difference / abs(z) : .infinity
    }

    /// The value of `variable` in the solution.
    ///
    /// - Precondition: the solve found a solution.
    public subscript(_ variable: LinearProgram.Variable) -> Double {
        guard let values else { preconditionFailure("no solution (status \(status.rawValue))") }
        return values[variable.index]
    }
}

/// A program the solver cannot be given.
public enum OptimizationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A coefficient, bound or cost is NaN, a bound is infinite on the wrong side, a term names
    /// a variable that does not exist, or the program is larger than CBC's 32-bit indices.
    case invalidProgram(String)
    /// CBC stopped on numerical difficulties or abandoned the search (its status code).
    case solverFailed(status: Int, secondaryStatus: Int)

    public var description: String {
        switch self {
        case .invalidProgram(let why): "invalid linear program: \(why)"
        case .solverFailed(let s, let s2): "CBC failed (status \(s), secondary status \(s2))"
        }
    }
}

extension LinearProgram {
    /// Solves the program with COIN-OR CBC.
    ///
    /// Deterministic: one thread, fixed seeds, so the same program and options give the same
    /// answer on the same machine (a time limit that stops the search is the exception). CBC's log
    /// is silenced. Solves from several threads are serialised (CBC 2.10 is not re-entrant).
    ///
    /// - Throws: ``OptimizationError``.
    /// - Complexity: NP-hard in general (branch and bound); polynomial in practice for LPs.
    public func solve(_ options: SolveOptions = SolveOptions()) throws(OptimizationError) -> Solution {
        try solve(options, start: nil)
    }

    /// Solves the program starting from a known solution (a *warm start*, CBC's MIP start).
    ///
    /// CBC checks the start: if it is feasible it becomes the first incumbent, so the search
    /// always has a solution to return and prunes with its objective from the first node; if it
    /// is not, CBC ignores it. A start never changes what is optimal, only how fast the search
    /// gets there (and, with several optima, possibly which one it returns).
    ///
    /// - Parameter start: one value per variable (integer variables are rounded), or nil.
    /// - Throws: ``OptimizationError/invalidProgram(_:)`` also when `start` has the wrong length
    ///   or a non-finite value.
    /// - Complexity: as ``solve(_:)``, plus O(variables) to load the start.
    public func solve(_ options: SolveOptions = SolveOptions(), start: [Double]?) throws(OptimizationError) -> Solution
    {
        try validate()
        if let start {
            guard start.count == columns.count, start.allSatisfy(\.isFinite) else {
                throw .invalidProgram(
                    "the start has \(start.count) values for \(columns.count) variables, or a non-finite one")
            }
        }
        if crossedBounds() != nil {
            return Solution(status: .infeasible, objective: nil, bestBound: nil, values: nil, seconds: 0, nodes: 0)
        }
        return try CbcBackend.solve(self, options, start: start)
    }

    /// Checks what CBC cannot be trusted with.
    func validate() throws(OptimizationError) {
        for (j, c) in columns.enumerated() {
            guard !c.lower.isNaN, !c.upper.isNaN, c.cost.isFinite else {
                throw .invalidProgram("variable \(j) '\(c.name)' has a NaN bound or a non-finite cost")
            }
            guard c.lower != .infinity, c.upper != -.infinity else {
                throw .invalidProgram("variable \(j) '\(c.name)' has an infinite bound on the wrong side")
            }
        }
        for (r, row) in rows.enumerated() {
            guard !row.lower.isNaN, !row.upper.isNaN, row.lower != .infinity, row.upper != -.infinity else {
                throw .invalidProgram(
                    "constraint \(r) '\(row.name)' has a NaN bound or an infinite bound on the wrong side")
            }
            for t in row.terms {
                guard t.index >= 0, t.index < columns.count else {
                    throw .invalidProgram(
                        "constraint \(r) '\(row.name)' names variable \(t.index), which does not exist")
                }
                guard t.coefficient.isFinite else {
                    throw .invalidProgram("constraint \(r) '\(row.name)' has a non-finite coefficient")
                }
            }
        }
        guard objectiveOffset.isFinite else { throw .invalidProgram("the objective offset is not finite") }
        guard columns.count < Int(Int32.max) - 1, rows.count < Int(Int32.max), termCount < Int(Int32.max) else {
            throw .invalidProgram("more than 2³¹ variables, constraints or terms (CBC's indices are 32-bit)")
        }
    }

    /// The first variable or constraint whose lower bound exceeds its upper bound: the program
    /// is infeasible, and CBC's behaviour on crossed bounds is not documented, so it is not asked.
    func crossedBounds() -> String? {
        if let j = columns.firstIndex(where: {
            $0.lower > $0.upper || ($0.isInteger && $0.lower.rounded(.up) > $0.upper.rounded(.down))
        }) {
            return "variable \(j)"
        }
        if let r = rows.firstIndex(where: { $0.lower > $0.upper }) { return "constraint \(r)" }
        return nil
    }
}
