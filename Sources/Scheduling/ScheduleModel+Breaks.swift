import Optimization

/// Implicit break placement (Bechtold & Jacobs 1990) for one break of one shift type on one day.
///
/// The family's shifts `h` start at slots `s_h`; break `k` may start in `[s_h + e, s_h + f]` and
/// lasts `ℓ` slots. Instead of one variable per shift and break start (Aykin 1996), the family
/// has one whole variable `w_τ` per break start `τ` in the union of its windows: how many of the
/// family's agents start this break at `τ`. A break plan can be handed out to the shifts iff
///
///     Σ_τ w_τ = Σ_h x_h
///     Σ_{h: s_h ≤ s} x_h ≤ Σ_{τ ≤ s + f} w_τ      for each start s (forward: windows closed by s + f)
///     Σ_{h: s_h ≥ s} x_h ≤ Σ_{τ ≥ s + e} w_τ      for each start s (backward: windows opening from s + e)
///
/// All windows of a family have the same width, so none lies strictly inside another (Bechtold
/// and Jacobs' condition for exactness), and the hand-out is first come, first served: the
/// agents sorted by start take the breaks sorted by start (``assign(shifts:breaks:)``). The
/// forward row at `s` puts the r-th break no later than `s_r + f`, the backward row no earlier
/// than `s_r + e`. Windows of different breaks of a shift type are ordered and do not overlap
/// (the shifts file checks it), so each break is placed independently.
struct BreakFamily: Sendable {
    var type: Int
    var day: Int
    /// Index of the break in the shift type's list.
    var breakIndex: Int
    /// Candidate indices sorted by start slot.
    var members: [Int]
    var earliest: Int
    var latest: Int
    var length: Int
    /// Break start slot (from Monday 00:00; may pass the week's end) and its variable.
    var starts: [(slot: Int, variable: LinearProgram.Variable)] = []

    /// Hands the breaks out to the agents, first come first served.
    ///
    /// - Parameters:
    ///   - shifts: agents per member (same order as ``members``).
    ///   - breaks: agents per break start (same order as ``starts``).
    /// - Returns: (member position, break start slot, agents), or nil if a break falls outside its
    ///   agent's window (the constraints exclude it).
    /// - Complexity: O(members + starts).
    func assign(shifts: [Int], breaks: [Int], startSlots: [Int]) -> [(member: Int, slot: Int, agents: Int)]? {
        var out: [(member: Int, slot: Int, agents: Int)] = []
        var b = 0, leftInBreak = breaks.first ?? 0
        for (m, count) in shifts.enumerated() {
            var need = count
            while need > 0 {
                while leftInBreak == 0 {
                    b += 1
                    guard b < breaks.count else { return nil }
                    leftInBreak = breaks[b]
                }
                let slot = starts[b].slot
                guard slot >= startSlots[m] + earliest, slot <= startSlots[m] + latest else { return nil }
                let take = min(need, leftInBreak)
                if let last = out.last, last.member == m, last.slot == slot {
                    out[out.count - 1].agents += take
                } else {
                    out.append((m, slot, take))
                }
                need -= take
                leftInBreak -= take
            }
        }
        return out
    }
}

extension ScheduleModel {
    /// One ``BreakFamily`` per shift type, day and break, with its rows; breaks leave the floor.
    mutating func addBreaks() {
        let g = grid.slotMinutes
        for j in grid.types {
            let type = rules.shiftTypes[j]
            for day in 0..<7 {
                let members = grid.candidates.indices.filter {
                    grid.candidates[$0].type == j && grid.candidates[$0].day == day
                }
                .sorted { (grid.candidates[$0].startSlot, $0) < (grid.candidates[$1].startSlot, $1) }
                guard !members.isEmpty else { continue }
                for (k, rule) in type.breaks.enumerated() {
                    var f = BreakFamily(
                        type: j, day: day, breakIndex: k, members: members, earliest: rule.earliestOffset / g,
                        latest: rule.latestOffset / g, length: rule.length / g)
                    var slots = Set<Int>()
                    for h in members {
                        for o in f.earliest...f.latest { slots.insert(grid.candidates[h].startSlot + o) }
                    }
                    for slot in slots.sorted() {
                        let w = program.addVariable("b\(j)_\(day)_\(k)_\(slot)", integer: true)
                        f.starts.append((slot, w))
                        for span in grid.intervalSpans(first: slot, count: f.length) {
                            floorTerms[span.interval][w, default: 0] -= Double(span.slots)
                        }
                    }
                    addFamilyRows(f)
                    families.append(f)
                }
            }
        }
    }

    private mutating func addFamilyRows(_ f: BreakFamily) {
        let x = f.members.map { (shifts[$0], grid.candidates[$0].startSlot) }
        program.addConstraint(
            f.starts.map { ($0.variable, 1.0) } + x.map { ($0.0, -1.0) }, .equal, 0, name: "breaks\(families.count)")
        let distinct = Array(Set(x.map(\.1))).sorted()
        for s in distinct.dropLast() {  // the last forward row is the equality
            let terms =
                x.filter { $0.1 <= s }.map { ($0.0, 1.0) }
                + f.starts.filter { $0.slot <= s + f.latest }.map { ($0.variable, -1.0) }
            program.addConstraint(terms, .lessOrEqual, 0)
        }
        for s in distinct.dropFirst() {  // the first backward row is the equality
            let terms =
                x.filter { $0.1 >= s }.map { ($0.0, 1.0) }
                + f.starts.filter { $0.slot >= s + f.earliest }.map { ($0.variable, -1.0) }
            program.addConstraint(terms, .lessOrEqual, 0)
        }
    }
}
