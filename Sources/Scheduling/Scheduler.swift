import CCPlanBase
import Optimization

/// Schedules one group's week: builds the MILP (``ScheduleModel``), solves it with CBC and reads
/// the shifts, breaks and tours back, then recomputes coverage and service level from them.
public enum Scheduler {
    /// The solver settings of ``solve(_:rules:objective:target:options:)``: one thread, fixed
    /// seed, a time limit and a relative gap.
    public static func solveOptions(timeLimit: Double = 60, relativeGap: Double = 0.005) -> SolveOptions {
        SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap)
    }

    /// Schedules `demand` under `rules`.
    ///
    /// - Parameters:
    ///   - target: the weekly service level for `.serviceLevel` (nil: the demand's target).
    ///   - warmStart: a schedule of the same group and week (e.g. the coverage schedule) handed
    ///     to CBC as a first incumbent; without one, the empty schedule (every gap a penalty) is.
    /// - Throws: ``ScheduleError/solver(_:)`` when CBC fails.
    /// - Complexity: a MILP (NP-hard; the time limit bounds it).
    public static func solve(
        _ demand: WeekDemand, rules: ShiftRules, objective: ScheduleObjective, target: Double? = nil,
        options: SolveOptions = solveOptions(), warmStart: WeekSchedule? = nil
    ) throws(ScheduleError) -> WeekSchedule {
        let grid = WeekGrid(demand: demand, rules: rules)
        let model = ScheduleModel(demand: demand, grid: grid, rules: rules, objective: objective, target: target)
        let p = model.program
        let solution: Solution
        do { solution = try p.solve(options, start: model.start(from: warmStart)) } catch {
            throw .solver("group '\(demand.group.name)', week of \(demand.monday): \(error.description)")
        }
        guard var values = solution.values else {
            throw .solver(
                "group '\(demand.group.name)', week of \(demand.monday): CBC returned no schedule (status \(solution.status.rawValue))"
            )
        }
        if let better = secondPass(model, from: values, options: options) { values = better }
        func whole(_ v: LinearProgram.Variable) -> Int { Int(values[v.index].rounded()) }
        let shifts = model.shifts.enumerated().compactMap { h, v in whole(v) > 0 ? (h, whole(v)) : nil }
        var breaks: [ScheduledBreak] = []
        for f in model.families {
            let counts = f.members.map { whole(model.shifts[$0]) }
            let starts = f.starts.map { whole($0.variable) }
            guard
                let given = f.assign(
                    shifts: counts, breaks: starts, startSlots: f.members.map { grid.candidates[$0].startSlot })
            else {
                throw .solver(
                    "group '\(demand.group.name)', week of \(demand.monday): the breaks of a family cannot be handed out (internal error)"
                )
            }
            breaks += given.map {
                ScheduledBreak(
                    candidate: f.members[$0.member], breakIndex: f.breakIndex, slot: $0.slot, agents: $0.agents)
            }
        }
        breaks.sort { ($0.candidate, $0.breakIndex, $0.slot) < ($1.candidate, $1.breakIndex, $1.slot) }
        let tours = model.tours.flatMap { Self.tours($0, values: values, grid: grid) }
        let floor = WeekSchedule.floorBySlot(grid: grid, rules: rules, shifts: shifts, breaks: breaks)
        let coverage = WeekSchedule.coverage(demand: demand, grid: grid, floor: floor)
        var paid = 0.0, cost = 0.0
        for (h, n) in shifts {
            let type = rules.shiftTypes[grid.candidates[h].type]
            paid += Double(n * type.paidMinutes) / 60
            cost += Double(n * type.paidMinutes) / 60 * type.costPerHour
        }
        let report = SolverReport(
            status: solution.status, objective: solution.objective, bound: solution.bestBound, gap: solution.gap,
            seconds: solution.seconds, nodes: solution.nodes, variables: p.variableCount,
            integerVariables: p.integerCount, constraints: p.constraintCount)
        return WeekSchedule(
            demand: demand, grid: grid, objective: objective, target: model.serviceLevel?.target, shifts: shifts,
            breaks: breaks, tours: tours, coverage: coverage, solver: report, paidHours: paid, cost: cost)
    }

    /// The node limit of the second pass: a fixed effort, so that the pass ends at the same
    /// schedule on every machine.
    public static let secondPassNodes = 100

    /// With the shifts (and tours) of `values` fixed, places the breaks again to minimise the
    /// over-coverage penalties; nil if that finds nothing better. The first objective cannot
    /// change: it depends on the shifts and on coverage, which the breaks only move.
    static func secondPass(_ model: ScheduleModel, from values: [Double], options: SolveOptions) -> [Double]? {
        guard !model.secondary.isEmpty else { return nil }
        var p = model.program
        let primary = (model.shifts + model.under.compactMap { $0 }).map { ($0, p.columns[$0.index].cost) }.filter {
            $0.1 != 0
        }
        let first = p.objective(at: values)
        p.addConstraint(primary, .lessOrEqual, first + 1e-6 * max(1, abs(first)), name: "first_objective")
        for (v, _) in primary { p.setCost(v, 0) }
        for (v, c) in model.secondary { p.setCost(v, c) }
        for v in model.shifts + model.tours.flatMap({ $0.patterns.map(\.variable) + $0.shifts.map(\.variable) })
            + model.patternTotals.map(\.variable)
        {
            p.setBounds(v, lower: values[v.index], upper: values[v.index])
        }
        var second = options
        second.nodeLimit = secondPassNodes
        guard let s = try? p.solve(second), let better = s.values,
            p.objective(at: better) < p.objective(at: values) - 1e-9
        else {
            return nil
        }
        return better
    }

    /// The tours of one block: agents listed by pattern, each day's shifts handed out in start
    /// order to the agents working that day; identical tours are merged.
    static func tours(_ block: TourBlock, values: [Double], grid: WeekGrid) -> [Tour] {
        var agents: [Int] = []  // pattern per agent
        for (p, v) in block.patterns { agents += Array(repeating: p, count: Int(values[v.index].rounded())) }
        var days = [[Int?]](repeating: Array(repeating: nil, count: 7), count: agents.count)
        for day in 0..<7 {
            var queue: [Int] = []
            for (h, v) in block.shifts where grid.candidates[h].day == day {
                queue += Array(repeating: h, count: Int(values[v.index].rounded()))
            }
            queue.sort { (grid.candidates[$0].startSlot, $0) < (grid.candidates[$1].startSlot, $1) }
            var next = 0
            for a in agents.indices where agents[a] & (1 << day) != 0 && next < queue.count {
                days[a][day] = queue[next]
                next += 1
            }
        }
        var out: [Tour] = []
        for d in days {
            if let i = out.firstIndex(where: { $0.days == d }) {
                out[i].agents += 1
            } else {
                out.append(Tour(contract: block.contract, days: d, agents: 1))
            }
        }
        return out
    }
}

extension ScheduleModel {
    /// A feasible start: the given schedule's shifts, breaks and tours with the slacks that make
    /// it feasible, or the empty schedule.
    func start(from schedule: WeekSchedule?) -> [Double] {
        var x = [Double](repeating: 0, count: program.variableCount)
        var floorSlots = [Double](repeating: 0, count: demand.intervals.count)
        if let schedule, schedule.grid.candidates == grid.candidates {
            for (h, n) in schedule.shifts { x[shifts[h].index] = Double(n) }
            for f in families {
                for b in schedule.breaks where b.breakIndex == f.breakIndex && f.members.contains(b.candidate) {
                    if let w = f.starts.first(where: { $0.slot == b.slot }) { x[w.variable.index] += Double(b.agents) }
                }
            }
            // Tours: rebuilt per block from the tours of the same contract whose starts fit its band.
            for tour in schedule.tours {
                guard
                    let b = tours.firstIndex(where: { block in
                        block.contract == tour.contract
                            && tour.days.allSatisfy {
                                $0.map { h in block.shifts.contains { $0.candidate == h } } ?? true
                            }
                    })
                else { return start(from: nil) }
                let pattern = tour.days.enumerated().reduce(0) { $0 | ($1.element == nil ? 0 : 1 << $1.offset) }
                guard let y = tours[b].patterns.first(where: { $0.pattern == pattern }) else { return start(from: nil) }
                x[y.variable.index] += Double(tour.agents)
                if let total = patternTotals.first(where: { $0.contract == tour.contract && $0.pattern == pattern }) {
                    x[total.variable.index] += Double(tour.agents)
                }
                for case let h? in tour.days {
                    x[tours[b].shifts.first { $0.candidate == h }!.variable.index] += Double(tour.agents)
                }
            }
            for (i, c) in schedule.coverage.enumerated() { floorSlots[i] = c.onFloor * Double(grid.slotsPerInterval) }
        }
        let k = Double(grid.slotsPerInterval)
        switch objective {
        case .coverage:
            for (i, u) in under.enumerated() {
                guard let u else { continue }
                let gap = Double(demand.intervals[i].required) - floorSlots[i] / k
                x[u.index] = (k * max(0, gap)).rounded()
                let over = max(0, -gap), o1 = u.index + 1, o2 = u.index + 2  // o¹ and o² follow u
                x[o1] = min(over, rules.penalties.spikeAbove)
                x[o2] = over - x[o1]
            }
        case .serviceLevel:
            guard let sl = serviceLevel else { break }
            var answered = 0.0
            for (i, u) in under.enumerated() {
                guard let u, let curve = sl.curves[i] else { continue }
                let floor = Double(sl.floors[i]), n = floorSlots[i] / k
                x[u.index] = (k * max(0, floor - n)).rounded()
                var left = max(0, n - floor)
                for (m, z) in ((sl.floors[i] + 1)..<curve.answered.count).enumerated() {
                    let fill = min(1, left)
                    x[u.index + 1 + m] = fill  // the increments follow u
                    answered += fill * (curve.answered[z] - curve.answered[z - 1])
                    left -= fill
                }
                answered += curve.answered[sl.floors[i]]
            }
            x[sl.shortfall.index] = max(0, sl.requiredAnswered - answered - 1e-9).rounded(.up)
        }
        return x
    }
}
