import CCPlanBase

/// The shifts file of `ccplan schedule` (YAML, read by ``ShiftFile``): the staff groups, the
/// shift types with their breaks, the optional weekly contracts, limits and penalties.
///
/// Times of day and durations are whole minutes. A shift lasts ``ShiftType/length`` from its
/// start in elapsed time; its paid time is the length less its unpaid breaks.
public struct ShiftRules: Sendable, Hashable {
    /// Staff groups: queues that share agents (as in `ccplan capacity`); each is scheduled on its own.
    public var groups: [ScheduleGroup]
    /// Shift types in file order.
    public var shiftTypes: [ShiftType]
    /// Weekly contracts; empty: shifts are chosen day by day without tours.
    public var contracts: [Contract] = []
    /// The largest share of part-time shifts (per day, without contracts) or part-time agents
    /// (per week, with contracts); nil: no limit.
    public var partTimeShare: Double?
    /// Shrinkage that happens off the floor and outside the schedule (absence, coaching,
    /// meetings): the requirement becomes ⌈agents / (1 − s)⌉. Breaks are not part of it: the
    /// schedule places them explicitly.
    public var otherShrinkage: Double = 0
    /// The penalties of the objective.
    public var penalties = Penalties()

    public init(groups: [ScheduleGroup], shiftTypes: [ShiftType]) {
        self.groups = groups
        self.shiftTypes = shiftTypes
    }

    /// The shift type named `name`.
    public func shiftType(_ name: String) -> ShiftType? { shiftTypes.first { $0.name == name } }

    /// The cost of the dearest shift (paid hours × hourly cost), at least 1.
    public var dearestShiftCost: Double {
        max(1, shiftTypes.map { Double($0.paidMinutes) / 60 * $0.costPerHour }.max() ?? 1)
    }

    /// The cost of the dearest way to add one agent: a shift, or with contracts a tour of the
    /// longest contract's days on the dearest shift.
    public var dearestAgentCost: Double {
        dearestShiftCost * Double(max(1, contracts.map(\.maxDays).max() ?? 1))
    }
}

/// Queues whose agents can take any of them: their on-floor requirements add up.
public struct ScheduleGroup: Sendable, Hashable {
    public var name: String
    public var queues: [String]
    /// Shift types this group may use (nil: all).
    public var shiftTypes: [String]?
    /// The weekly service-level target of `--objective service-level` (nil: the plan's targets,
    /// volume-weighted over the group's queues).
    public var targetServiceLevel: Double?

    public init(name: String, queues: [String], shiftTypes: [String]? = nil, targetServiceLevel: Double? = nil) {
        self.name = name
        self.queues = queues
        self.shiftTypes = shiftTypes
        self.targetServiceLevel = targetServiceLevel
    }
}

/// A kind of shift: its length, the start times allowed on the days it may run, and its breaks.
public struct ShiftType: Sendable, Hashable {
    public var name: String
    /// From start to end, minutes (breaks included).
    public var length: Int
    /// The earliest start, minutes after midnight.
    public var earliestStart: Int
    /// The latest start, minutes after midnight (≥ earliest).
    public var latestStart: Int
    /// Minutes between allowed starts.
    public var startStep: Int
    /// ISO weekdays (1 = Monday … 7 = Sunday) on which the shift may start.
    public var days: Set<Int> = Set(1...7)
    /// Whether the shift may run past midnight into the next day.
    public var overnight = false
    /// Cost per paid hour.
    public var costPerHour = 1.0
    /// At most this many agents on this shift type per day (nil: no limit).
    public var maxAgentsPerDay: Int?
    /// Counts towards ``ShiftRules/partTimeShare`` (without contracts).
    public var partTime = false
    /// Breaks in the order they are taken (their windows do not overlap).
    public var breaks: [BreakRule] = []

    public init(name: String, length: Int, earliestStart: Int, latestStart: Int, startStep: Int) {
        self.name = name
        self.length = length
        self.earliestStart = earliestStart
        self.latestStart = latestStart
        self.startStep = startStep
    }

    /// The allowed start times, minutes after midnight.
    public var startTimes: [Int] { Array(stride(from: earliestStart, through: latestStart, by: startStep)) }

    /// Paid minutes: the length less the unpaid breaks.
    public var paidMinutes: Int { length - breaks.filter { !$0.paid }.reduce(0) { $0 + $1.length } }
}

/// A break or meal of a shift type: its length and the window, relative to the shift's start, in
/// which it may start.
public struct BreakRule: Sendable, Hashable {
    public var name: String
    public var length: Int
    public var paid: Bool
    /// Earliest start, minutes after the shift's start.
    public var earliestOffset: Int
    /// Latest start, minutes after the shift's start.
    public var latestOffset: Int

    public init(name: String, length: Int, paid: Bool, earliestOffset: Int, latestOffset: Int) {
        self.name = name
        self.length = length
        self.paid = paid
        self.earliestOffset = earliestOffset
        self.latestOffset = latestOffset
    }
}

/// A weekly contract: agents on it work a *tour*, the same number of days every week on shifts
/// of the contract's types.
public struct Contract: Sendable, Hashable {
    public var name: String
    /// Working days per week, at least.
    public var minDays: Int
    /// Working days per week, at most.
    public var maxDays: Int
    /// The days off form one run of consecutive days (Sunday and Monday are consecutive).
    public var consecutiveDaysOff = false
    /// Shift types an agent on this contract may work.
    public var shiftTypes: [String]
    /// The latest start of the week minus the earliest (times of day), at most this (nil: any).
    public var maxStartVariation: Int?
    /// Counts towards ``ShiftRules/partTimeShare``.
    public var partTime = false

    public init(name: String, minDays: Int, maxDays: Int, shiftTypes: [String]) {
        self.name = name
        self.minDays = minDays
        self.maxDays = maxDays
        self.shiftTypes = shiftTypes
    }

    /// The days-on patterns allowed (bit d set = works ISO weekday d + 1), ascending.
    ///
    /// - Complexity: O(2⁷).
    public var patterns: [Int] {
        (1..<128).filter { p in
            let days = p.nonzeroBitCount
            guard days >= minDays, days <= maxDays else { return false }
            guard consecutiveDaysOff, days < 7 else { return true }
            // Days off form one cyclic run: exactly one transition from on to off around the week.
            let starts = (0..<7).filter { d in p & (1 << d) == 0 && p & (1 << ((d + 6) % 7)) != 0 }
            return starts.count == 1
        }
    }
}

/// The penalties of the objective, in the unit of shift costs (paid hours × cost per hour).
public struct Penalties: Sendable, Hashable {
    /// Per agent-interval of requirement left uncovered (nil: twice ``ShiftRules/dearestAgentCost``,
    /// so that one more shift or tour that covers one more agent-interval is always cheaper than
    /// the gap).
    public var uncovered: Double?
    /// Per agent-interval of over-coverage up to ``spikeAbove`` agents.
    public var over = 0.01
    /// Per agent-interval of over-coverage beyond ``spikeAbove`` agents.
    public var spike = 0.05
    /// Over-coverage up to this many agents is charged ``over``, beyond it ``spike``.
    public var spikeAbove = 2.0
    /// `--objective service-level`: per contact short of the weekly target answered in time (nil:
    /// twenty times ``ShiftRules/dearestAgentCost``).
    public var serviceLevelShortfall: Double?

    public init() {}

    /// The penalty per uncovered agent-interval under `rules`.
    public func uncovered(_ rules: ShiftRules) -> Double { uncovered ?? 2 * rules.dearestAgentCost }

    /// The penalty per contact below the service-level target under `rules`.
    public func serviceLevelShortfall(_ rules: ShiftRules) -> Double {
        serviceLevelShortfall ?? 20 * rules.dearestAgentCost
    }
}
