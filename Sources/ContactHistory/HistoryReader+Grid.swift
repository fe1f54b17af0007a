import CCPlanBase

extension ReadState {
    /// Checks every staging, then places each on its grid (in queue and channel order).
    ///
    /// Orders, steps, grid sizes and outliers come first, so that every problem is reported
    /// before any grid is built.
    mutating func finish() throws(HistoryError) -> ContactHistory {
        if let error = issues.error { throw error }
        // A staging without rows had only rows dropped in a DST gap.
        let byName = stagings.indices.filter { stagings[$0].rowCount > 0 }.sorted {
            (stagings[$0].queue, stagings[$0].channel) < (stagings[$1].queue, stagings[$1].channel)
        }
        var orders = [[Int]?](repeating: nil, count: stagings.count)
        var steps = [Int64?](repeating: nil, count: stagings.count)
        for s in byName {
            let staging = stagings[s]
            let order: [Int]? =
                staging.strictlyIncreasing
                ? nil
                : staging.times.indices.sorted {
                    (staging.times[$0], $0) < (staging.times[$1], $1)
                }
            orders[s] = order
            steps[s] = staging.intervalMinutes.map { Int64($0) * 60 } ?? inferredStep(staging, order)
        }
        // A series of one interval takes the step most other series have.
        let known = steps.compactMap { $0 }
        let fallback = Dictionary(grouping: known, by: { $0 }).max {
            ($0.value.count, -$0.key) < ($1.value.count, -$1.key)
        }?.key
        for s in byName {
            if steps[s] == nil { steps[s] = fallback }
            check(s, order: orders[s], step: steps[s])
            checkOutliers(s)
        }
        checkGridSizes(byName, orders: orders, steps: steps, sizes: gridSizes(byName, orders: orders, steps: steps))
        logPendingIssues()
        if let error = issues.error { throw error }
        var series: [IntervalSeries] = []
        series.reserveCapacity(byName.count)
        for s in byName {
            guard let step = steps[s] else { continue }  // logged by `check`, so not reached
            // Take the rows out of `stagings`, so that their arrays can be reused or freed at once.
            var staging = Staging(queue: "", channel: .voice)
            swap(&staging, &stagings[s])
            var placed = grid(&staging, order: orders[s], step: step)
            placed.readNotes = staging.notes
            series.append(placed)
        }
        return ContactHistory(
            series: series, rowCount: rowCount, byteCount: byteCount, timeZone: options.timeZone,
            timeZoneName: options.timeZoneName)
    }

    /// The interval length of a staging's rows from their spacing: the most frequent gap between
    /// consecutive distinct starts among 5, 6, 10, 15, 30 and 60 minutes.
    func inferredStep(_ staging: Staging, _ order: [Int]?) -> Int64? {
        var counts = [Int](repeating: 0, count: inferableIntervalMinutes.count)
        var previous: Int64?
        for k in 0..<staging.rowCount {
            let t = staging.instant(order?[k] ?? k)
            if let p = previous, t > p, (t - p) % 60 == 0,
                let slot = inferableIntervalMinutes.firstIndex(of: Int((t - p) / 60))
            {
                counts[slot] += 1
            }
            previous = t
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }),
            counts[best] > 0
        else { return nil }
        return Int64(inferableIntervalMinutes[best]) * 60
    }

    /// Logs rows off the grid and duplicates (under `.error`).
    mutating func check(_ s: Int, order: [Int]?, step: Int64?) {
        let staging = stagings[s]
        let name = staging.name
        guard let step else {
            issue(
                at: staging.origin(0),
                "cannot infer the interval length of \(name) from one interval; add an interval_minutes column")
            return
        }
        let first = order?[0] ?? 0
        let t0 = staging.instant(first)
        var previous = -1
        for k in 0..<staging.rowCount {
            let r = order?[k] ?? k
            let t = staging.instant(r)
            if (t - t0) % step != 0 {
                issue(
                    at: staging.origin(r),
                    "mixed interval lengths in \(name): expected interval starts every \(step / 60) minutes from \(isoString(t0)), found \(isoString(t))"
                )
            } else if previous >= 0, staging.instant(previous) == t, options.onDuplicate == .error,
                !staging.shiftedRows.contains(r), !staging.shiftedRows.contains(previous)
            {
                issue(
                    at: staging.origin(r),
                    "duplicate row for \(name) at \(isoString(t)), first given at \(place(staging.origin(previous))); expected one row per interval (or --on-duplicate sum|last)"
                )
            }
            previous = r
        }
    }

    /// Places a staging's rows on its grid, consuming them.
    ///
    /// Rows strictly in time order (the usual case) are spread over the grid inside their own
    /// arrays, so that the peak memory is about the rows plus one column; other rows are sorted
    /// through `order`, and duplicates summed or replaced as the policy says.
    func grid(_ staging: inout Staging, order: [Int]?, step: Int64) -> IntervalSeries {
        let first = order?[0] ?? 0
        let t0 = staging.instant(first)
        let last = staging.instant(order?.last ?? staging.rowCount - 1)
        let n = Int((last - t0) / step) + 1
        var states = [IntervalState](repeating: .absent, count: n)
        // Slot of row r: (base + times[r] − t0) / step.
        let times = staging.times, shift = staging.base - t0
        staging.times = []
        staging.lines = []
        func take(_ column: inout [Double]) -> [Double] {
            var taken: [Double] = []
            swap(&taken, &column)
            return taken
        }
        var offered = take(&staging.offered), handled = take(&staging.handled)
        var abandoned = take(&staging.abandoned), handle = take(&staging.handleSeconds)
        var measures = staging.measures
        staging.measures = [:]
        // Staffed agents (means) become agent-seconds now that the interval length is known.
        if let agents = staging.staffedAgents {
            measures[.staffedSeconds] = agents.map { $0 * Double(step) }
            staging.staffedAgents = nil
        }
        if order == nil {
            for t in times { states[Int((Int64(t) + shift) / step)] = .observed }
            // Slot i(k) ≥ k, so moving rows from the last to the first never overwrites one not yet moved.
            func spread(_ column: inout [Double]) {
                let rows = column.count
                column.append(contentsOf: repeatElement(Double.nan, count: n - rows))
                var k = rows - 1
                while k >= 0 {
                    let value = column[k]
                    column[k] = .nan
                    column[Int((Int64(times[k]) + shift) / step)] = value
                    k -= 1
                }
            }
            spread(&offered)
            spread(&handled)
            spread(&abandoned)
            spread(&handle)
            for key in Array(measures.keys) { spread(&measures[key]!) }
        } else {
            let rows = (offered, handled, abandoned, handle)
            let measureRows = measures
            offered = [Double](repeating: .nan, count: n)
            handled = offered
            abandoned = offered
            handle = offered
            for key in Array(measures.keys) { measures[key] = offered }
            // Slots that hold a row shifted out of a DST gap: what else lands there is added.
            var shiftedSlots = Set<Int>()
            for k in times.indices {
                let r = order?[k] ?? k
                let i = Int((Int64(times[r]) + shift) / step)
                let shifted = staging.shiftedRows.contains(r)
                if shifted { shiftedSlots.insert(i) }
                if states[i] == .observed, options.onDuplicate == .sum || shifted || shiftedSlots.contains(i) {
                    offered[i] += rows.0[r]
                    handled[i] += rows.1[r]
                    abandoned[i] += rows.2[r]
                    handle[i] += rows.3[r]
                    for (key, column) in measureRows { measures[key]![i] += column[r] }
                } else {
                    offered[i] = rows.0[r]
                    handled[i] = rows.1[r]
                    abandoned[i] = rows.2[r]
                    handle[i] = rows.3[r]
                    for (key, column) in measureRows { measures[key]![i] = column[r] }
                    states[i] = .observed
                }
            }
        }
        return IntervalSeries(
            queue: staging.queue, channel: staging.channel, intervalMinutes: Int(step / 60),
            timeZone: options.timeZone, start: t0, offered: offered, handled: handled,
            abandoned: abandoned, handleSeconds: handle, states: states, measures: measures)
    }
}
