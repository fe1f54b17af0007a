import CCPlanBase

// Memory bounded by the input: a series takes one grid slot per interval from its first to its
// last row, present or not, so a few rows far apart would claim gigabytes. The grids are sized
// before any is built, and refused (with the rows that stretch them) when they would be larger
// than `HistoryLimits` allows.

extension ReadState {
    /// The number of grid intervals of each staging (0 for one without a step).
    func gridSizes(_ indices: [Int], orders: [[Int]?], steps: [Int64?]) -> [Int: Int] {
        var sizes: [Int: Int] = [:]
        for s in indices {
            guard let step = steps[s] else { continue }
            let staging = stagings[s], order = orders[s]
            let first = staging.instant(order?.first ?? 0)
            let last = staging.instant(order?.last ?? staging.rowCount - 1)
            sizes[s] = Int((last - first) / step) + 1
        }
        return sizes
    }

    /// Logs the stagings whose grids exceed `options.limits`: one series too long, all together
    /// too long, or all together mostly absent (more intervals than `intervalsPerRow` per row).
    mutating func checkGridSizes(_ indices: [Int], orders: [[Int]?], steps: [Int64?], sizes: [Int: Int]) {
        let limits = options.limits
        var tooLong = false
        for s in indices {
            guard let size = sizes[s], size > limits.maximumSeriesIntervals else { continue }
            tooLong = true
            refuse(
                s, order: orders[s], step: steps[s]!, size: size,
                "more than \(limits.maximumSeriesIntervals) intervals in one series")
        }
        guard !tooLong else { return }
        let total = sizes.values.reduce(0, +)
        let rows = indices.reduce(0) { $0 + stagings[$1].rowCount }
        let largest = indices.filter { sizes[$0] != nil }.sorted { (sizes[$0]!, $1) > (sizes[$1]!, $0) }
        if total > limits.maximumTotalIntervals, let s = largest.first {
            refuse(
                s, order: orders[s], step: steps[s]!, size: sizes[s]!,
                "the \(sizes.count) series would take \(total) intervals (\(megabytes(total))) in all, more than \(limits.maximumTotalIntervals)"
            )
            return
        }
        guard total > limits.sparseGridFloor, total > limits.intervalsPerRow * rows else { return }
        // Name the sparsest series: those whose own grid is mostly absent, largest first.
        let sparse = largest.filter { sizes[$0]! > limits.intervalsPerRow * stagings[$0].rowCount }.prefix(3)
        for s in sparse {
            let absent = 100 * Double(sizes[s]! - stagings[s].rowCount) / Double(sizes[s]!)
            refuse(
                s, order: orders[s], step: steps[s]!, size: sizes[s]!,
                "\(fixed(absent, 2)) % of its grid would be absent, and the history would take \(total) intervals (\(megabytes(total))) for \(rows) rows; ccplan refuses grids more than \(limits.intervalsPerRow) intervals per row once they pass \(limits.sparseGridFloor)"
            )
        }
    }

    /// Logs a grid that is too large at the row that ends it, naming where it starts.
    private mutating func refuse(_ s: Int, order: [Int]?, step: Int64, size: Int, _ reason: String) {
        let staging = stagings[s]
        let firstRow = order?.first ?? 0, lastRow = order?.last ?? staging.rowCount - 1
        issue(
            at: staging.origin(lastRow),
            "\(staging.name) would span \(size) \(step / 60)-minute intervals from \(isoString(staging.instant(firstRow))) (\(place(staging.origin(firstRow)))) to \(isoString(staging.instant(lastRow))) with \(staging.rowCount) row\(staging.rowCount == 1 ? "" : "s"): \(reason); check the dates and the interval length"
        )
    }

    /// The memory of `intervals` grid slots (33 bytes each), for messages.
    private func megabytes(_ intervals: Int) -> String {
        let bytes = Double(intervals) * 33
        return bytes >= 1e9 ? "\(fixed(bytes / 1e9, 1)) GB" : "\(fixed(bytes / 1e6, 0)) MB"
    }
}
