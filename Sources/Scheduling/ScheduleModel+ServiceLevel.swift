import CCPlanBase
import Foundation
import Optimization

/// The service-level objective's part of the program.
struct ServiceLevelPart: Sendable {
    /// Per interval: the curve (nil without voice or chat volume).
    var curves: [ServiceCurve?]
    /// Per interval: the floor `f_i` (agents on the floor).
    var floors: [Int]
    /// The weekly target α.
    var target: Double
    /// Contacts answered in time the target asks for: α Σ λ_i.
    var requiredAnswered: Double
    var shortfall: LinearProgram.Variable
}

extension ScheduleModel {
    /// Increments stop where the interval's service level is within this fraction of 1: beyond,
    /// one more agent adds less than a millionth of the interval's contacts (the weekly level the
    /// model sees is at most that much below the one re-evaluated, never above).
    static let saturation = 1e-6

    /// Koole & van der Sluis (2003): meet the weekly volume-weighted service level
    ///
    ///     Σ_i g_i(n_i) ≥ α Σ_i λ_i
    ///
    /// with `g_i` (``ServiceCurve``) concave above its floor `f_i`. Per interval with volume:
    /// continuous `0 ≤ z_im ≤ 1` for `m = f_i + 1 … n̄_i` and
    ///
    ///     F_i + U_i − k·Σ_m z_im ≥ k·f_i                         (U_i: agent-slots below the floor, penalised)
    ///     Σ_i Σ_m Δ_im z_im + v ≥ α Σ_i λ_i − Σ_i g_i(f_i)        (v: whole contacts short, penalised)
    ///
    /// with increments `Δ_im = g_i(m) − g_i(m − 1)`, non-increasing in `m`: for given shifts the
    /// LP fills each interval's increments in order, so `Σ_m Δ_im z_im = g_i(F_i/k)` exactly
    /// (interpolated between whole agents, as ``ServiceCurve`` defines it). `n̄_i` is where
    /// `g_i` is within ``saturation`` of the volume, or twice the requirement plus 20 agents.
    ///
    /// Both slacks keep every week schedulable. `U_i` lends the floor row agent-slots that are not
    /// on the floor (it counts `g_i(f_i)` and lets the increments fill as if they were), so an agent
    /// of it costs at least `P_v · max_m Δ_im`, the contacts one agent can answer priced as
    /// shortfall: buying service level through `U_i` is never cheaper than admitting the shortfall
    /// `v`. The slacks are whole (as `F_i` is, and a contact): with every priced variable whole,
    /// the objective moves on the grid of the shift costs, which CBC's search exploits.
    mutating func addServiceLevelRows(target: Double) {
        let k = Double(grid.slotsPerInterval), p = rules.penalties
        let uncovered = p.uncovered(rules), shortfallPenalty = p.serviceLevelShortfall(rules)
        var curves: [ServiceCurve?] = [], floors: [Int] = []
        var increments: [(LinearProgram.Variable, Double)] = []
        var volume = 0.0, atFloors = 0.0
        let d = demand
        let all = Parallel.map(d.intervals, workers: ProcessInfo.processInfo.activeProcessorCount) { interval in
            ServiceCurve(
                interval: interval, queues: d.queues, otherShrinkage: d.otherShrinkage,
                upTo: 2 * interval.required + 20,
                saturation: Self.saturation)
        }
        for (i, curve) in all.enumerated() {
            guard curve.volume > 0 else {
                curves.append(nil)
                floors.append(0)
                under.append(nil)
                continue
            }
            let floor = curve.concaveFrom
            curves.append(curve)
            floors.append(floor)
            volume += curve.volume
            atFloors += curve.answered[floor]
            // u_i lends the floor row agents it does not have: make each cost at least what the
            // contacts one agent can answer cost as shortfall.
            let steepest = (1..<curve.answered.count).map { curve.answered[$0] - curve.answered[$0 - 1] }.max() ?? 0
            let u = program.addVariable(
                "u\(i)", upper: k * Double(floor), cost: max(uncovered, shortfallPenalty * steepest) / k, integer: true)
            under.append(u)
            var terms = sorted(floorTerms[i]) + [(u, 1)]
            for m in (floor + 1)..<curve.answered.count {
                let z = program.addVariable("z\(i)_\(m)", upper: 1)
                terms.append((z, -k))
                increments.append((z, curve.answered[m] - curve.answered[m - 1]))
            }
            program.addConstraint(terms, .greaterOrEqual, k * Double(floor), name: "floor\(i)")
        }
        let v = program.addVariable("v", cost: shortfallPenalty, integer: true)
        program.addConstraint(increments + [(v, 1)], .greaterOrEqual, target * volume - atFloors, name: "weekly_sl")
        serviceLevel = ServiceLevelPart(
            curves: curves, floors: floors, target: target, requiredAnswered: target * volume, shortfall: v)
    }
}
