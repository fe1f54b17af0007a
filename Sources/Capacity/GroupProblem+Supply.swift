import CCPlanBase

/// One week of a group's supply and cost under a hiring plan.
public struct WeekOutcome: Sendable, Hashable {
    public var week: Int
    /// `R_w`.
    public var requiredFTE: Double
    /// `H_w`: expected people on the payroll, trainees included.
    public var headcount: Double
    /// Paid FTE: `f·H_w` (with a roster, each person at their own FTE).
    public var paidFTE: Double
    /// `P_w`.
    public var productiveFTE: Double
    public var inTraining: Double
    /// Hires of the classes starting this week.
    public var hiresStarting: Int
    /// Expected leavers during the week (attrition; wash-out at graduation not included).
    public var attrition: Double
    /// `O_w`.
    public var overtimeFTE: Double
    /// `S_w = max(0, R_w − P_w − O_w)`.
    public var shortfallFTE: Double
    /// `wage·fte_hours·paid FTE + wage·(1 + premium)·fte_hours·O_w + penalty·S_w + hire_cost·hires`.
    public var cost: Double

    /// `P_w + O_w − R_w`: surplus (positive) or shortfall (negative).
    public var gapFTE: Double { productiveFTE + overtimeFTE - requiredFTE }
}

extension GroupProblem {
    /// Recomputes the supply from a hiring plan and fills each week's gap at least cost: overtime
    /// up to `o·P_w` when an FTE-week of overtime costs less than the shortfall penalty, the rest
    /// as shortfall. For the optimiser's plan this reproduces its overtime, shortfall and cost
    /// (for fixed classes the MILP separates into one such choice per week).
    ///
    /// - Parameter classes: hires by start week, planned classes included (see ``allClasses(_:)``).
    /// - Complexity: O(W × classes).
    public func outcome(classes: [Int: Int]) -> [WeekOutcome] {
        let overtimeIsCheaper = costs.weeklyOvertimePerFTE < costs.shortfallPenalty
        let starts = classes.keys.sorted()  // a fixed order of summation: byte-identical outputs
        return (0..<weeks).map { w in
            var heads = currentHeads[w], productive = currentFTE[w], paid = currentFTE[w]
            var trainees = 0.0, leavers = currentLeavers[w]
            for t in starts where t <= w && classes[t]! > 0 {
                let j = w - t, n = Double(classes[t]!)
                let h = cohortHeads(j)
                heads += n * h
                paid += n * h * group.ftePerHead
                productive += n * cohortFTE(j)
                if j < policy.trainingWeeks { trainees += n * cohortSurvival[j] }
                leavers += n * h * (1 - group.attrition.weeklySurvival(tenureWeeks: j))
            }
            let need = max(0, requirement[w] - productive)
            let overtime = overtimeIsCheaper ? min(policy.overtimeCap * productive, need) : 0
            let shortfall = max(0, need - overtime)
            let hires = classes[w] ?? 0
            let cost =
                costs.weeklyWagePerFTE * paid + costs.weeklyOvertimePerFTE * overtime
                + costs.shortfallPenalty * shortfall + costs.hireCost * Double(hires)
            return WeekOutcome(
                week: w, requiredFTE: requirement[w], headcount: heads, paidFTE: paid,
                productiveFTE: productive, inTraining: trainees, hiresStarting: hires,
                attrition: leavers, overtimeFTE: overtime, shortfallFTE: shortfall, cost: cost)
        }
    }

    /// The planned classes plus `decided` (hires by start week).
    public func allClasses(_ decided: [Int: Int]) -> [Int: Int] {
        planned.merging(decided) { $0 + $1 }
    }

    /// The cost of planned classes that started before week 0 is sunk: only classes starting in
    /// the horizon pay `hire_cost` (their wages count from week 0 like everyone's).
    public func totalCost(_ weeks: [WeekOutcome]) -> Double { weeks.reduce(0) { $0 + $1.cost } }
}
