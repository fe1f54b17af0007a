import CCPlanBase
import ContactHistory
import Foundation

/// Attrition of a staff group as monthly leaving probabilities, converted to weekly survival
///
///     s = (1 − a)^(12/52)
///
/// (a monthly leaving probability of 4 % keeps 99.062 % of a cohort each week; twelve months
/// lose 1 − 0.96¹² = 38.7 %, not 48 %). With a tenure band, people whose tenure (weeks since
/// hire, or since their class started) is below ``Band/tenureWeeks`` leave at ``monthlyRate``
/// and the others at ``Band/monthlyRateAbove``, so a cohort's survival depends on its age.
public struct Attrition: Sendable, Hashable {
    /// The tenure band: one rate below `tenureWeeks`, another from it on.
    public struct Band: Sendable, Hashable {
        public var tenureWeeks: Int
        public var monthlyRateAbove: Double
        public init(tenureWeeks: Int, monthlyRateAbove: Double) {
            self.tenureWeeks = tenureWeeks
            self.monthlyRateAbove = monthlyRateAbove
        }
    }

    /// The monthly leaving probability (below the band's tenure when there is a band).
    public var monthlyRate: Double
    public var band: Band?

    public init(monthlyRate: Double, band: Band? = nil) {
        self.monthlyRate = monthlyRate
        self.band = band
    }

    /// `(1 − a)^(12/52)`.
    public static func weeklySurvival(monthlyRate a: Double) -> Double { pow(1 - a, 12.0 / 52.0) }

    /// The probability that a person of `tenure` weeks is still employed a week later.
    ///
    /// - Complexity: O(1).
    public func weeklySurvival(tenureWeeks tenure: Int) -> Double {
        if let band, tenure >= band.tenureWeeks { return Self.weeklySurvival(monthlyRate: band.monthlyRateAbove) }
        return Self.weeklySurvival(monthlyRate: monthlyRate)
    }

    /// `S(j | τ₀) = Π_{i<j} s(τ₀ + i)` for j = 0 … `weeks` − 1: the share of people of tenure τ₀
    /// in week 0 still employed in week j.
    ///
    /// - Complexity: O(weeks).
    public func survivalCurve(initialTenure: Int, weeks: Int) -> [Double] {
        var out = [Double](repeating: 1, count: max(weeks, 0))
        var alive = 1.0
        for j in 0..<max(weeks, 0) {
            out[j] = alive
            alive *= weeklySurvival(tenureWeeks: initialTenure + j)
        }
        return out
    }

    /// The same attrition with every monthly rate raised by `delta` (e.g. 0.01 for +1 pp),
    /// clamped to [0, 1).
    public func adding(_ delta: Double) -> Attrition {
        func shift(_ a: Double) -> Double { min(max(a + delta, 0), 0.999_999) }
        return Attrition(
            monthlyRate: shift(monthlyRate),
            band: band.map { Band(tenureWeeks: $0.tenureWeeks, monthlyRateAbove: shift($0.monthlyRateAbove)) })
    }
}

/// One person of a roster: FTE and hire date (their tenure in week 0 is the whole weeks between).
public struct RosterEntry: Sendable, Hashable {
    public var person: String
    public var fte: Double
    public var hireDate: CivilDate
    public init(person: String, fte: Double, hireDate: CivilDate) {
        self.person = person
        self.fte = fte
        self.hireDate = hireDate
    }
}

/// The people of a group in week 0.
public enum CurrentStaff: Sendable, Hashable {
    /// `N₀` people at the group's FTE per head, counted as tenured (the rate above a tenure band).
    case headcount(Double)
    /// One entry per person.
    case roster([RosterEntry])
}

/// A staff group: queues whose agents can take any of them; its requirement is the sum of their
/// weekly FTE.
public struct StaffGroup: Sendable, Hashable {
    public var name: String
    public var queues: [String]
    public var staff: CurrentStaff
    /// `f`: the FTE of one head (also of every new hire).
    public var ftePerHead: Double
    public var attrition: Attrition

    public init(name: String, queues: [String], staff: CurrentStaff, ftePerHead: Double, attrition: Attrition) {
        self.name = name
        self.queues = queues
        self.staff = staff
        self.ftePerHead = ftePerHead
        self.attrition = attrition
    }
}

/// When classes may start.
public enum ClassStarts: Sendable, Hashable {
    /// Every `weeks` weeks from the Monday of `from`'s week.
    case every(weeks: Int, from: CivilDate)
    /// On the Mondays of the listed dates' weeks.
    case dates([CivilDate])
}

/// How new hires are trained and how classes run.
public struct HiringPolicy: Sendable, Hashable {
    /// `T`: weeks in training (productivity 0).
    public var trainingWeeks: Int
    /// `g`: the share of a class that graduates at the end of training.
    public var graduationRate: Double
    /// `r₁ … r_k`: productivity in the ramp-up weeks after training (then 1).
    public var ramp: [Double]
    public var classStarts: ClassStarts
    /// A class has 0 or `min…max` hires.
    public var minClassSize: Int
    public var maxClassSize: Int
    /// No class starts before week `leadTimeWeeks`.
    public var leadTimeWeeks: Int
    /// `o`: overtime up to this share of productive FTE.
    public var overtimeCap: Double

    public init(
        trainingWeeks: Int, graduationRate: Double, ramp: [Double], classStarts: ClassStarts,
        minClassSize: Int, maxClassSize: Int, leadTimeWeeks: Int, overtimeCap: Double
    ) {
        self.trainingWeeks = trainingWeeks
        self.graduationRate = graduationRate
        self.ramp = ramp
        self.classStarts = classStarts
        self.minClassSize = minClassSize
        self.maxClassSize = maxClassSize
        self.leadTimeWeeks = leadTimeWeeks
        self.overtimeCap = overtimeCap
    }

    /// `p(j)`: the productivity of a hire `j` weeks after the class started.
    public func productivity(weeksSinceStart j: Int) -> Double {
        if j < trainingWeeks { return 0 }
        let i = j - trainingWeeks
        return i < ramp.count ? ramp[i] : 1
    }
}

/// Cost rates.
public struct CostRates: Sendable, Hashable {
    public var wagePerHour: Double
    /// Paid hours of one FTE in a week.
    public var fteHours: Double
    public var hireCost: Double
    /// Overtime hours cost `wage·(1 + premium)`.
    public var overtimePremium: Double
    /// Cost of one FTE-week of unmet requirement.
    public var shortfallPenalty: Double

    public init(
        wagePerHour: Double, fteHours: Double, hireCost: Double, overtimePremium: Double, shortfallPenalty: Double
    ) {
        self.wagePerHour = wagePerHour
        self.fteHours = fteHours
        self.hireCost = hireCost
        self.overtimePremium = overtimePremium
        self.shortfallPenalty = shortfallPenalty
    }

    /// The wage of one paid FTE for a week: `wage·fte_hours`.
    public var weeklyWagePerFTE: Double { wagePerHour * fteHours }
    /// One FTE-week of overtime: `wage·(1 + premium)·fte_hours`.
    public var weeklyOvertimePerFTE: Double { wagePerHour * (1 + overtimePremium) * fteHours }
}

/// A class already decided: it runs whatever the optimiser says.
public struct PlannedClass: Sendable, Hashable {
    public var group: String
    public var start: CivilDate
    public var hires: Int
    public init(group: String, start: CivilDate, hires: Int) {
        self.group = group
        self.start = start
        self.hires = hires
    }
}

/// Everything the staff file says.
public struct StaffPlan: Sendable, Hashable {
    public var groups: [StaffGroup]
    public var policy: HiringPolicy
    public var costs: CostRates
    public var plannedClasses: [PlannedClass]

    public init(groups: [StaffGroup], policy: HiringPolicy, costs: CostRates, plannedClasses: [PlannedClass]) {
        self.groups = groups
        self.policy = policy
        self.costs = costs
        self.plannedClasses = plannedClasses
    }
}

/// The Monday of `date`'s week.
func monday(of date: CivilDate) -> CivilDate { date.adding(days: 1 - date.isoWeekday) }
