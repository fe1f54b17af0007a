import CCPlanBase
import ContactHistory

/// One staff group's capacity problem over the horizon: the requirement, the people already
/// there, the classes already planned and the weeks in which new classes may start.
///
/// Week `w` (0 ≤ w < W) starts on Monday ``start`` + 7w days. A class of `x_t` hires starting in
/// week `t` contributes, in week `w ≥ t`, with `j = w − t` weeks since it started:
///
///     heads     x_t·S(j)·(g if j ≥ T else 1)
///     trainees  x_t·S(j)                    (j < T)
///     FTE       f·x_t·S(j)·g·p(j)            (p(j) = 0 in training, r_i in ramp week i, then 1)
///
/// where `S(j) = Π_{i<j} s(i)` is the survival of a cohort to age j (``Attrition``; one weekly
/// rate `s` gives `S(j) = s^j`). The people of week 0 contribute `N₀·s^w` heads and `f·N₀·s^w`
/// FTE (with a roster, `Σ_p S_p(w)` heads and `Σ_p f_p·S_p(w)` FTE, `S_p` from each person's
/// tenure). Planned classes may have started before week 0 (trainees already in class).
public struct GroupProblem: Sendable {
    public var group: StaffGroup
    public var policy: HiringPolicy
    public var costs: CostRates
    /// The Monday of week 0.
    public var start: CivilDate
    /// `R_w`: the required productive FTE per week.
    public var requirement: [Double]
    /// Hires of the planned classes by start week (may be negative: started before week 0).
    public var planned: [Int: Int]

    /// `S(j)` of a new cohort, j = 0 … (W − 1 − earliest planned week).
    let cohortSurvival: [Double]
    /// Heads, paid FTE and expected leavers of the people of week 0, per week.
    let currentHeads: [Double]
    let currentFTE: [Double]
    let currentLeavers: [Double]

    /// - Complexity: O(W·(people + 1)) with a roster, O(W) with a headcount.
    public init(
        group: StaffGroup, policy: HiringPolicy, costs: CostRates, start: CivilDate,
        requirement: [Double], planned: [Int: Int]
    ) {
        self.group = group
        self.policy = policy
        self.costs = costs
        self.start = start
        self.requirement = requirement
        self.planned = planned
        let weeks = requirement.count
        let past = max(0, -(planned.keys.min() ?? 0))
        cohortSurvival = group.attrition.survivalCurve(initialTenure: 0, weeks: weeks + past)
        var heads = [Double](repeating: 0, count: weeks)
        var fte = heads, leavers = heads
        func add(count: Double, fte perHead: Double, tenure: Int) {
            let curve = group.attrition.survivalCurve(initialTenure: tenure, weeks: weeks)
            for w in 0..<weeks {
                heads[w] += count * curve[w]
                fte[w] += count * perHead * curve[w]
                leavers[w] += count * curve[w] * (1 - group.attrition.weeklySurvival(tenureWeeks: tenure + w))
            }
        }
        switch group.staff {
        case .headcount(let n):
            add(count: n, fte: group.ftePerHead, tenure: group.attrition.band?.tenureWeeks ?? 0)
        case .roster(let people):
            // People of equal FTE and tenure share one curve.
            var byKey: [Int: [Double: Int]] = [:]
            for p in people {
                let tenure = max(0, (start.dayNumber - p.hireDate.dayNumber) / 7)
                byKey[tenure, default: [:]][p.fte, default: 0] += 1
            }
            for tenure in byKey.keys.sorted() {
                for perHead in byKey[tenure]!.keys.sorted() {
                    add(count: Double(byKey[tenure]![perHead]!), fte: perHead, tenure: tenure)
                }
            }
        }
        currentHeads = heads
        currentFTE = fte
        currentLeavers = leavers
    }

    /// `W`.
    public var weeks: Int { requirement.count }

    /// The Monday of week `w`.
    public func weekStart(_ w: Int) -> CivilDate { start.adding(days: 7 * w) }

    /// The week index of `date`'s week.
    public func week(of date: CivilDate) -> Int { (monday(of: date).dayNumber - start.dayNumber) / 7 }

    /// Heads of a class of one hire, `j` weeks after it started.
    func cohortHeads(_ j: Int) -> Double {
        cohortSurvival[j] * (j >= policy.trainingWeeks ? policy.graduationRate : 1)
    }

    /// Productive FTE of a class of one hire, `j` weeks after it started: `f·S(j)·g·p(j)`.
    func cohortFTE(_ j: Int) -> Double {
        group.ftePerHead * cohortSurvival[j] * policy.graduationRate * policy.productivity(weeksSinceStart: j)
    }

    /// The weeks in which the optimiser may start a class: allowed by the policy, not before the
    /// lead time, inside the horizon, and not already holding a planned class.
    ///
    /// - Complexity: O(W + listed dates).
    public var decisionWeeks: [Int] {
        var weeks: Set<Int> = []
        switch policy.classStarts {
        case .every(let step, let from):
            var t = week(of: from)
            while t < self.weeks {
                weeks.insert(t)
                t += max(1, step)
            }
        case .dates(let dates): for d in dates { weeks.insert(week(of: d)) }
        }
        return weeks.filter { $0 >= policy.leadTimeWeeks && $0 < self.weeks && planned[$0] == nil }.sorted()
    }

    /// The first week a class started by the optimiser can put anyone on the floor: the earliest
    /// decision week plus training (`W` when there is none). Earlier shortfalls are beyond the
    /// policy's reach.
    public var firstInfluencedWeek: Int {
        guard let first = decisionWeeks.first else { return weeks }
        return min(weeks, first + policy.trainingWeeks)
    }
}
