import CCPlanBase
import Optimization

/// What the solver reported for one problem.
public struct SolverReport: Sendable, Hashable {
    public var status: SolveStatus
    /// The total cost of the plan, as the solver found it.
    public var objective: Double?
    /// The solver's bound on the total cost.
    public var bound: Double?
    /// `(objective − bound) / objective`: relative to the total cost.
    public var gap: Double?
    /// The part of the cost no decision changes: wages of today's people and planned classes,
    /// hiring cost of planned classes.
    public var fixedCost: Double
    /// The gap relative to the cost the plan can change: `(objective − bound) / (objective − fixed)`.
    public var controllableGap: Double? {
        guard let objective, let bound, objective - fixedCost > 0 else { return nil }
        return max(0, objective - bound) / (objective - fixedCost)
    }
    public var seconds: Double
    public var nodes: Int
    public var variables: Int
    public var integerVariables: Int
    public var constraints: Int
}

/// A hiring plan for one group and what it gives.
public struct GroupPlan: Sendable {
    public var problem: GroupProblem
    /// New classes: hires by start week (planned classes not included).
    public var classes: [Int: Int]
    /// Supply and cost per week, recomputed from the classes (planned ones included).
    public var weeks: [WeekOutcome]
    /// `nil` for a plan not made by the solver (the rule of thumb).
    public var solver: SolverReport?

    public var totalCost: Double { problem.totalCost(weeks) }
}

/// The hiring MILP of one group (``GroupProblem`` has the supply model):
///
///     minimise  Σ_t c_t·x_t + Σ_w [wage·(1 + premium)·fte_hours·O_w + penalty·S_w]
///     subject to  Σ_t f·S(w−t)·g·p(w−t)·x_t + O_w + S_w ≥ R_w − P⁰_w           (every week w)
///                 O_w − o·Σ_t f·S(w−t)·g·p(w−t)·x_t ≤ o·P⁰_w                    (overtime cap)
///                 min·u_t ≤ x_t ≤ max·u_t,  u_t ∈ {0, 1},  x_t ∈ ℤ               (class sizes)
///                 O_w, S_w ≥ 0
///
/// over the decision weeks t (allowed starts from the lead time on, planned weeks excluded),
/// with `c_t = hire_cost + wage·fte_hours·f·Σ_{w≥t} S(w−t)·(g if w−t ≥ T else 1)` (a hire's
/// wages to the end of the horizon) and `P⁰_w` the productive FTE of the people of week 0 and
/// the planned classes. Their wages and hiring costs are the objective's constant, so the
/// objective is the total cost of the model and CBC's gap is relative to it
/// (``SolverReport/controllableGap`` gives it relative to the cost the plan can change). When
/// `min ≤ 1` no binary is needed: every integer in 0…max is allowed.
public enum HiringOptimizer {
    /// The MILP and the variables of each decision week.
    public struct Formulation: Sendable {
        public var program: LinearProgram
        /// Decision week and its `x_t`.
        public var hires: [(week: Int, variable: LinearProgram.Variable)]
    }

    /// Builds the MILP.
    ///
    /// - Complexity: O(W × decision weeks).
    public static func formulate(_ p: GroupProblem) -> Formulation {
        var lp = LinearProgram(sense: .minimize)
        let fixed = p.outcome(classes: p.planned)
        lp.objectiveOffset = fixedCost(p)
        let starts = p.decisionWeeks
        let wage = p.costs.weeklyWagePerFTE * p.group.ftePerHead
        var hires: [(week: Int, variable: LinearProgram.Variable)] = []
        for t in starts {
            var wages = 0.0
            for w in t..<p.weeks { wages += p.cohortHeads(w - t) }
            let x = lp.addVariable(
                "hires_w\(t)", lower: 0, upper: Double(p.policy.maxClassSize),
                cost: p.costs.hireCost + wage * wages, integer: true)
            if p.policy.minClassSize > 1 {
                let u = lp.addBinary("class_w\(t)")
                lp.addConstraint([(x, 1), (u, -Double(p.policy.maxClassSize))], .lessOrEqual, 0)
                lp.addConstraint([(x, 1), (u, -Double(p.policy.minClassSize))], .greaterOrEqual, 0)
            }
            hires.append((t, x))
        }
        let o = p.policy.overtimeCap
        for w in 0..<p.weeks {
            let overtime = lp.addVariable("overtime_w\(w)", cost: p.costs.weeklyOvertimePerFTE)
            let shortfall = lp.addVariable("shortfall_w\(w)", cost: p.costs.shortfallPenalty)
            var supply: [(LinearProgram.Variable, Double)] = []
            for (t, x) in hires where t <= w {
                let a = p.cohortFTE(w - t)
                if a > 0 { supply.append((x, a)) }
            }
            let base = fixed[w].productiveFTE
            lp.addConstraint(
                supply + [(overtime, 1), (shortfall, 1)], .greaterOrEqual, p.requirement[w] - base, name: "cover_w\(w)")
            lp.addConstraint(
                [(overtime, 1)] + supply.map { ($0.0, -o * $0.1) }, .lessOrEqual, o * base, name: "overtime_w\(w)")
        }
        return Formulation(program: lp, hires: hires)
    }

    /// Wages of today's people and of the planned classes, and the hiring cost of planned classes
    /// starting in the horizon.
    public static func fixedCost(_ p: GroupProblem) -> Double {
        p.outcome(classes: p.planned).reduce(0) {
            $0 + p.costs.weeklyWagePerFTE * $1.paidFTE + p.costs.hireCost * Double($1.hiresStarting)
        }
    }

    /// CBC settings for this MILP: cuts and heuristics off. On 50 groups × 78 weeks (Benchmarks/
    /// compare-capacity.sh) that solved to a 0.5 % gap in a third of the time of CBC's defaults
    /// and proved optima with fewer seconds, the LP bound being tight and the models small.
    public static func solveOptions(timeLimit: Double? = 60, relativeGap: Double = 0) -> SolveOptions {
        SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap, cuts: false, heuristics: false)
    }

    /// Solves the MILP and recomputes the supply from the classes it chose.
    ///
    /// - Throws: ``CapacityError/solver(group:message:)`` when CBC fails or stops without a plan.
    /// - Complexity: that of the MILP (see ``formulate(_:)``).
    public static func optimise(_ p: GroupProblem, options: SolveOptions) throws(CapacityError) -> GroupPlan {
        let f = formulate(p)
        let solution: Solution
        do { solution = try f.program.solve(options) } catch {
            throw .solver(group: p.group.name, message: error.description)
        }
        guard solution.hasSolution else {
            throw .solver(
                group: p.group.name, message: "the solver stopped without a plan (\(solution.status.rawValue))")
        }
        var classes: [Int: Int] = [:]
        for (t, x) in f.hires where solution[x] > 0 { classes[t] = Int(solution[x]) }
        let report = SolverReport(
            status: solution.status, objective: solution.objective, bound: solution.bestBound, gap: solution.gap,
            fixedCost: f.program.objectiveOffset, seconds: solution.seconds, nodes: solution.nodes,
            variables: f.program.variableCount,
            integerVariables: f.program.integerCount, constraints: f.program.constraintCount)
        return GroupPlan(problem: p, classes: classes, weeks: p.outcome(classes: p.allClasses(classes)), solver: report)
    }

    /// The planners' rule of thumb: at each allowed start, in order, hire what covers the largest
    /// gap of the weeks this class is responsible for (from its graduation to the next class's)
    /// as if each hire were fully productive once trained, `⌈gap / (f·g·S(T))⌉`, clamped to the
    /// class size limits. Ramp-up is ignored in the sizing and overtime is not used to avoid
    /// hiring; the plan is then costed exactly like the optimiser's.
    ///
    /// - Complexity: O(decision weeks × W × classes).
    public static func ruleOfThumb(_ p: GroupProblem) -> GroupPlan {
        let starts = p.decisionWeeks
        let T = p.policy.trainingWeeks
        var decided: [Int: Int] = [:]
        for (i, t) in starts.enumerated() {
            let from = t + T, to = min(p.weeks, i + 1 < starts.count ? starts[i + 1] + T : p.weeks)
            guard from < to else { continue }
            let supply = p.outcome(classes: p.allClasses(decided))
            let gap = (from..<to).map { p.requirement[$0] - supply[$0].productiveFTE }.max() ?? 0
            guard T < p.cohortSurvival.count else { continue }
            let perHire = p.group.ftePerHead * p.policy.graduationRate * p.cohortSurvival[T]
            guard gap > 1e-9, perHire > 0 else { continue }
            let x = min(p.policy.maxClassSize, max(p.policy.minClassSize, Int((gap / perHire - 1e-9).rounded(.up))))
            if x > 0 { decided[t] = x }
        }
        return GroupPlan(problem: p, classes: decided, weeks: p.outcome(classes: p.allClasses(decided)), solver: nil)
    }
}
