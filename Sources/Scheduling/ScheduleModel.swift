import CCPlanBase
import Optimization

/// What the schedule is optimised for.
public enum ScheduleObjective: String, Sendable, Hashable, CaseIterable {
    /// Cover every interval's requirement at least cost (the default).
    case coverage
    /// Meet the weekly volume-weighted service level at least cost.
    case serviceLevel = "service-level"
}

/// The MILP of one group and week (docs/schedule.md has it in full):
///
///     minimise  Σ_h c_h x_h + P_u Σ_i u_i                   (coverage)
///               Σ_h c_h x_h + P_u Σ_i u_i + P_v v           (service level)
///
/// and, for coverage, then the over-coverage `Σ_i (ε₁ o¹_i + ε₂ o²_i)` with the shifts fixed and
/// the breaks placed again (``secondary``; a second objective rather than a term of the first
/// keeps the first objective on the grid of shift costs, which CBC's search exploits).
/// over whole shift counts `x_h` (one per candidate shift), whole break counts (implicit break
/// placement per shift type, day and break, ``BreakFamily``), tours (``TourBlock``) when there
/// are contracts, and continuous slacks. Coverage of interval `i` is counted in agent-slots:
/// `F_i = Σ_h a_ih x_h − Σ_b a_ib w_b` with `a` the slots of `i` the shift or break occupies, so
/// `F_i / k` (k slots per interval) is the average number of agents on the floor.
struct ScheduleModel {
    var program = LinearProgram()
    let demand: WeekDemand
    let grid: WeekGrid
    let rules: ShiftRules
    let objective: ScheduleObjective
    /// One whole variable per candidate shift: agents working it.
    var shifts: [LinearProgram.Variable] = []
    var families: [BreakFamily] = []
    var tours: [TourBlock] = []
    /// Per interval: agent-slots short of the requirement (coverage) or of the floor (service
    /// level), whole.
    var under: [LinearProgram.Variable?] = []
    /// Service level only: per interval, the floor, the increments' variables and the curve.
    var serviceLevel: ServiceLevelPart?
    /// The second objective, minimised over the break placement once the shifts are chosen:
    /// over-coverage penalties.
    var secondary: [(LinearProgram.Variable, Double)] = []
    /// Per contract with several bands: whole agents per pattern over its bands.
    var patternTotals: [(contract: Int, pattern: Int, variable: LinearProgram.Variable)] = []
    /// Per interval: the floor-agent-slot terms `F_i` (variable index → coefficient).
    var floorTerms: [[LinearProgram.Variable: Double]]

    /// Builds the program.
    ///
    /// - Parameter target: the weekly service level (service-level objective only).
    /// - Complexity: O(candidates × slots per shift + break variables + tours).
    init(demand: WeekDemand, grid: WeekGrid, rules: ShiftRules, objective: ScheduleObjective, target: Double?) {
        self.demand = demand
        self.grid = grid
        self.rules = rules
        self.objective = objective
        floorTerms = Array(repeating: [:], count: demand.intervals.count)
        addShifts()
        addBreaks()
        addTours()
        addLimits()
        switch objective {
        case .coverage: addCoverageRows()
        case .serviceLevel: addServiceLevelRows(target: target ?? demand.targetServiceLevel ?? 0)
        }
    }

    /// `x_h ≥ 0` whole, cost = paid hours × cost per hour; its slots enter `F_i`.
    mutating func addShifts() {
        for (h, c) in grid.candidates.enumerated() {
            let type = rules.shiftTypes[c.type]
            let v = program.addVariable("x\(h)", cost: Double(type.paidMinutes) / 60 * type.costPerHour, integer: true)
            shifts.append(v)
            for span in grid.intervalSpans(first: c.startSlot, count: c.lengthSlots) {
                floorTerms[span.interval][v, default: 0] += Double(span.slots)
            }
        }
    }

    /// Agents per shift type and day; the part-time share per day (without contracts).
    mutating func addLimits() {
        for j in grid.types {
            guard let limit = rules.shiftTypes[j].maxAgentsPerDay else { continue }
            for day in 0..<7 {
                let terms = grid.candidates.indices.filter {
                    grid.candidates[$0].type == j && grid.candidates[$0].day == day
                }.map { (shifts[$0], 1.0) }
                if !terms.isEmpty { program.addConstraint(terms, .lessOrEqual, Double(limit), name: "max_\(j)_\(day)") }
            }
        }
        guard rules.contracts.isEmpty, let share = rules.partTimeShare else { return }
        for day in 0..<7 {
            let terms = grid.candidates.indices.filter { grid.candidates[$0].day == day }.map { h in
                (shifts[h], rules.shiftTypes[grid.candidates[h].type].partTime ? 1 - share : -share)
            }
            if terms.contains(where: { $0.1 > 0 }) {
                program.addConstraint(terms, .lessOrEqual, 0, name: "part_time_\(day)")
            }
        }
    }

    /// Coverage objective: `F_i + U_i − k·o¹_i − k·o²_i = k·r_i`, `0 ≤ o¹_i ≤ spike_above`, with
    /// `U_i = k·u_i` the uncovered agent-slots (whole, as `F_i` is). The over-coverage `o¹, o²`
    /// is the second objective (``secondary``), not part of the first.
    mutating func addCoverageRows() {
        let k = Double(grid.slotsPerInterval), p = rules.penalties
        let uncovered = p.uncovered(rules)
        for (i, interval) in demand.intervals.enumerated() {
            let required = Double(interval.required)
            if floorTerms[i].isEmpty && required == 0 {
                under.append(nil)
                continue
            }
            let u = program.addVariable("u\(i)", upper: k * required, cost: uncovered / k, integer: true)
            let o1 = program.addVariable("o\(i)", upper: p.spikeAbove)
            let o2 = program.addVariable("s\(i)")
            under.append(u)
            if p.over > 0 { secondary.append((o1, p.over)) }
            if p.spike > 0 { secondary.append((o2, p.spike)) }
            program.addConstraint(
                sorted(floorTerms[i]) + [(u, 1), (o1, -k), (o2, -k)], .equal, k * required, name: "cover\(i)")
        }
    }

    /// Terms in variable order (deterministic programs).
    func sorted(_ terms: [LinearProgram.Variable: Double]) -> [(LinearProgram.Variable, Double)] {
        terms.keys.sorted().compactMap { v in terms[v] == 0 ? nil : (v, terms[v]!) }
    }
}
