import CCPlanBase
import Foundation
import Optimization

/// What the solver reported for one program.
public struct SolverReport: Sendable, Hashable {
    public var status: SolveStatus
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var nodes: Int
    public var variables: Int
    public var integerVariables: Int
    public var constraints: Int
}

/// A break taken by some agents of one scheduled shift.
public struct ScheduledBreak: Sendable, Hashable {
    /// Index into ``WeekGrid/candidates``.
    public var candidate: Int
    /// Index into the shift type's breaks.
    public var breakIndex: Int
    /// The first slot of the break, from Monday 00:00 (may pass the week's end).
    public var slot: Int
    public var agents: Int
}

/// Agents working the same weekly tour.
public struct Tour: Sendable, Hashable {
    /// Index into ``ShiftRules/contracts``.
    public var contract: Int
    /// Per day (0 = Monday): the candidate worked, or nil on a day off.
    public var days: [Int?]
    public var agents: Int
}

/// One interval's coverage, recomputed from the scheduled shifts and breaks.
public struct IntervalCoverage: Sendable, Hashable {
    public var required: Int
    /// Average agents on the floor over the interval's slots.
    public var onFloor: Double
    /// The service level `onFloor` agents deliver (nil without voice or chat volume).
    public var serviceLevel: Double?
    /// Contacts answered in time (0 without volume).
    public var answered: Double
    public var volume: Double

    public var over: Double { max(0, onFloor - Double(required)) }
    public var under: Double { max(0, Double(required) - onFloor) }
}

/// The schedule of one group in one week under one objective.
public struct WeekSchedule: Sendable {
    public var demand: WeekDemand
    public var grid: WeekGrid
    public var objective: ScheduleObjective
    /// The weekly service-level target the program was given (service level only).
    public var target: Double?
    /// Agents per candidate with agents > 0, in candidate order.
    public var shifts: [(candidate: Int, agents: Int)]
    public var breaks: [ScheduledBreak]
    public var tours: [Tour]
    public var coverage: [IntervalCoverage]
    public var solver: SolverReport
    /// Paid hours and their cost.
    public var paidHours: Double
    public var cost: Double

    /// Σ required × interval hours: the agent-hours the requirement asks for on the floor.
    public var requiredHours: Double {
        coverage.reduce(0) { $0 + Double($1.required) } * Double(demand.intervalMinutes) / 60
    }
    /// Required hours ÷ paid hours (paid breaks and over-coverage lower it).
    public var efficiency: Double? { paidHours > 0 ? requiredHours / paidHours : nil }
    /// Agent-hours on the floor short of the requirement.
    public var uncoveredHours: Double { coverage.reduce(0) { $0 + $1.under } * Double(demand.intervalMinutes) / 60 }
    /// Intervals with fewer agents on the floor than required (beyond rounding).
    public var uncoveredIntervals: [Int] { coverage.indices.filter { coverage[$0].under > 1e-9 } }
    /// The volume-weighted service level of the week (nil without volume).
    public var weeklyServiceLevel: Double? {
        let volume = coverage.reduce(0) { $0 + $1.volume }
        return volume > 0 ? coverage.reduce(0) { $0 + $1.answered } / volume : nil
    }
    /// Agents on tours (with contracts).
    public var agents: Int { tours.reduce(0) { $0 + $1.agents } }

    /// Whether the schedule does what was asked: every interval covered (coverage), or the
    /// weekly target met (service level, within 1e-6).
    public var meetsObjective: Bool {
        switch objective {
        case .coverage: return uncoveredIntervals.isEmpty
        case .serviceLevel:
            guard let target, let level = weeklyServiceLevel else { return true }
            return level >= target - 1e-6
        }
    }

    /// Whether the solver stopped on its time limit before reaching the gap asked for.
    public func stoppedEarly(gap: Double) -> Bool {
        solver.status == .timeLimit && (solver.gap ?? .infinity) > gap + 1e-9
    }
}

extension WeekSchedule {
    /// The agents on the floor in every slot: shifts add their agents over their slots, breaks
    /// take theirs off (slots past the week's end wrap to its start).
    ///
    /// - Complexity: O(slots + Σ shift and break lengths).
    static func floorBySlot(
        grid: WeekGrid, rules: ShiftRules, shifts: [(candidate: Int, agents: Int)], breaks: [ScheduledBreak]
    ) -> [Int] {
        var floor = [Int](repeating: 0, count: grid.slotCount)
        for (h, n) in shifts {
            let c = grid.candidates[h]
            for s in c.startSlot..<(c.startSlot + c.lengthSlots) { floor[s % grid.slotCount] += n }
        }
        for b in breaks {
            let length =
                rules.shiftTypes[grid.candidates[b.candidate].type].breaks[b.breakIndex].length / grid.slotMinutes
            for s in b.slot..<(b.slot + length) { floor[s % grid.slotCount] -= b.agents }
        }
        return floor
    }

    /// Coverage per interval, and its service level re-evaluated with the plan's model.
    ///
    /// - Complexity: O(slots + intervals × queueing evaluations).
    static func coverage(demand: WeekDemand, grid: WeekGrid, floor: [Int]) -> [IntervalCoverage] {
        let k = grid.slotsPerInterval
        let items = Array(demand.intervals.enumerated())
        return Parallel.map(items, workers: ProcessInfo.processInfo.activeProcessorCount) { item -> IntervalCoverage in
            let (i, interval) = item
            let onFloor = Double(floor[(i * k)..<((i + 1) * k)].reduce(0, +)) / Double(k)
            let curve = ServiceCurve(
                interval: interval, queues: demand.queues, otherShrinkage: demand.otherShrinkage,
                upTo: Int(onFloor.rounded(.up)) + 1)
            return IntervalCoverage(
                required: interval.required, onFloor: onFloor, serviceLevel: curve.serviceLevel(at: onFloor),
                answered: curve.volume > 0 ? curve.answered(at: onFloor) : 0, volume: curve.volume)
        }
    }
}
