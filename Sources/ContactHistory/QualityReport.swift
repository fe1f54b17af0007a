import CCPlanBase
import Foundation

/// A run of absent intervals inside a series' range.
public struct HistoryGap: Sendable, Hashable {
    /// The start of the first absent interval (ISO 8601 with offset).
    public var from: String
    /// The start of the next observed interval (ISO 8601 with offset).
    public var until: String
    /// The number of absent intervals.
    public var intervals: Int
}

/// A local day whose offered total is far from the median of its weekday.
public struct UnusualDay: Sendable, Hashable {
    /// The local date.
    public var date: CivilDate
    /// Offered contacts on the day (observed intervals only).
    public var offered: Double
    /// The median total of the same weekday in the five weeks before and after.
    public var weekdayMedian: Double
    /// Whether some intervals of the day are absent (a partial day).
    public var partial: Bool
}

/// An outlier the reader let through (`--accept-outliers`), as the report shows it.
public struct ReportedOutlier: Sendable, Hashable {
    /// The interval's start (ISO 8601 with offset).
    public var intervalStart: String
    /// The offered count.
    public var offered: Double
    /// The median offered count of the series' intervals with contacts.
    public var seriesMedian: Double
    /// The robust z-score (see `OutlierRule`).
    public var robustZ: Double
}

/// The hours during which a queue usually receives contacts on one weekday.
public struct OpeningHours: Sendable, Hashable {
    /// The ISO weekday, 1 Monday … 7 Sunday.
    public var weekday: Int
    /// Local opening time `HH:MM`, or `nil` when closed.
    public var opens: String?
    /// Local closing time `HH:MM` (end of the last open slot), or `nil` when closed.
    public var closes: String?
}

/// The data-quality summary of one series, as `ccplan inspect` shows it.
public struct SeriesQuality: Sendable {
    /// The queue.
    public var queue: String
    /// The channel.
    public var channel: Channel
    /// The interval length in minutes.
    public var intervalMinutes: Int
    /// The first and last interval starts, ISO 8601 with offset.
    public var firstInterval: String, lastInterval: String
    /// Intervals with a row; of those, with offered 0; and intervals inside the range without a row.
    public var observedIntervals: Int, zeroIntervals: Int, missingIntervals: Int
    /// Offered contacts over the observed intervals.
    public var offeredTotal: Double
    /// Totals over the intervals that report them; `nil` when none does.
    public var handledTotal: Double?, abandonedTotal: Double?
    /// Mean handle time per handled contact in seconds; `nil` without handle time.
    public var ahtSeconds: Double?
    /// The longest runs of absent intervals, longest first (at most five).
    public var longestGaps: [HistoryGap]
    /// Days with offered below half or above 1.5 times the median of the same weekday in the
    /// five weeks around them (and more than four Poisson standard deviations away), by date.
    public var unusualDays: [UnusualDay]
    /// Detected opening hours, Monday through Sunday: slots with contacts on at least a quarter
    /// of the observed days of that weekday.
    public var openingHours: [OpeningHours]
    /// Rows in a spring-forward gap without contacts that the reader dropped, and rows with
    /// contacts it moved later by the gap (`--dst-gap shift`).
    public var droppedGapRows: Int, shiftedGapRows: Int
    /// Outliers kept under `--accept-outliers`.
    public var outliers: [ReportedOutlier]

    /// Summarises a series.
    ///
    /// - Complexity: O(*n*) in the number of intervals (plus sorting the days of each weekday).
    public init(_ s: IntervalSeries) {
        queue = s.queue
        channel = s.channel
        intervalMinutes = s.intervalMinutes
        firstInterval = s.isoStart(0)
        lastInterval = s.isoStart(s.count - 1)
        let slots = s.localSlots()
        var observed = 0, zeros = 0
        var offered = 0.0, handled = 0.0, abandoned = 0.0, handle = 0.0, handleBase = 0.0
        var anyHandled = false, anyAbandoned = false, anyHandle = false
        var gaps: [(start: Int, length: Int)] = []
        var runStart = -1
        // Per local day (index from the first day): offered total and whether the day is partial.
        // Per weekday and slot: on how many days the slot had contacts.
        let firstDay = slots.first?.dayNumber ?? 0
        let dayCount = (slots.last?.dayNumber ?? 0) - firstDay + 1
        var dayOffered = [Double](repeating: 0, count: dayCount)
        var dayPartial = [Bool](repeating: false, count: dayCount)
        var dayObserved = [Bool](repeating: false, count: dayCount)
        let slotsPerDay = 1440 / s.intervalMinutes
        var openCounts = [[Int]](repeating: [Int](repeating: 0, count: slotsPerDay), count: 8)
        for i in s.indices {
            let d = slots[i].dayNumber - firstDay
            guard s.states[i] == .observed else {
                if runStart < 0 { runStart = i }
                dayPartial[d] = true
                continue
            }
            if runStart >= 0 {
                gaps.append((runStart, i - runStart))
                runStart = -1
            }
            observed += 1
            let o = s.offered[i]
            if o == 0 { zeros += 1 }
            offered += o
            dayOffered[d] += o
            dayObserved[d] = true
            if o > 0 { openCounts[(CivilDate.weekdayIndex(dayNumber: d + firstDay) + 1)][slots[i].slot] += 1 }
            if !s.handled[i].isNaN { handled += s.handled[i]; anyHandled = true }
            if !s.abandoned[i].isNaN { abandoned += s.abandoned[i]; anyAbandoned = true }
            if !s.handleSeconds[i].isNaN {
                anyHandle = true
                handle += s.handleSeconds[i]
                handleBase += s.handleTimeBase(i)
            }
        }
        // The first and last day are partial when the series starts or ends inside them.
        if let first = slots.first, first.slot != 0 { dayPartial[0] = true }
        if let last = slots.last, last.slot != slotsPerDay - 1 { dayPartial[dayCount - 1] = true }
        observedIntervals = observed
        zeroIntervals = zeros
        missingIntervals = s.count - observed
        offeredTotal = offered
        handledTotal = anyHandled ? handled : nil
        abandonedTotal = anyAbandoned ? abandoned : nil
        ahtSeconds = anyHandle && handleBase > 0 ? handle / handleBase : nil
        droppedGapRows = s.readNotes.droppedGapRows
        shiftedGapRows = s.readNotes.shiftedGapRows
        var clock = ZoneClock(s.timeZone)
        outliers = s.readNotes.outliers.map {
            ReportedOutlier(
                intervalStart: iso8601($0.start, offset: Int(clock.offset(at: $0.start))), offered: $0.offered,
                seriesMedian: $0.seriesMedian, robustZ: $0.robustZ)
        }

        longestGaps = gaps.sorted { ($0.length, -$0.start) > ($1.length, -$1.start) }.prefix(5).map {
            HistoryGap(from: s.isoStart($0.start), until: s.isoStart($0.start + $0.length), intervals: $0.length)
        }

        // A day is unusual when its total is below half or above 1.5 times the median of the
        // same weekday over the five weeks before and after it (complete days only), so that a
        // trend or a season does not make every day unusual.
        var unusual: [UnusualDay] = []
        var daysSeen = [Int](repeating: 0, count: 8)
        for d in 0..<dayCount where dayObserved[d] {
            daysSeen[(CivilDate.weekdayIndex(dayNumber: d + firstDay) + 1)] += 1
            var neighbours: [Double] = []
            for week in -5...5 where week != 0 {
                let e = d + 7 * week
                if e >= 0, e < dayCount, dayObserved[e], !dayPartial[e] { neighbours.append(dayOffered[e]) }
            }
            guard neighbours.count >= 3 else { continue }
            neighbours.sort()
            let m = neighbours.count / 2
            let median = neighbours.count % 2 == 1 ? neighbours[m] : (neighbours[m - 1] + neighbours[m]) / 2
            let total = dayOffered[d]
            // Far from the median both relatively and beyond Poisson noise (4 standard deviations).
            guard median > 0, total < 0.5 * median || total > 1.5 * median,
                abs(total - median) > 4 * median.squareRoot()
            else { continue }
            unusual.append(
                UnusualDay(
                    date: CivilDate(dayNumber: d + firstDay), offered: total, weekdayMedian: median,
                    partial: dayPartial[d]))
        }
        unusualDays = unusual

        openingHours = (1...7).map { weekday in
            let days = daysSeen[weekday]
            let open = (0..<slotsPerDay).filter { days > 0 && 4 * openCounts[weekday][$0] >= days }
            guard let first = open.first, let last = open.last else {
                return OpeningHours(weekday: weekday, opens: nil, closes: nil)
            }
            func clock(_ slot: Int) -> String {
                let minutes = slot * s.intervalMinutes
                return "\(zeroPadded(minutes / 60, 2)):\(zeroPadded(minutes % 60, 2))"
            }
            return OpeningHours(weekday: weekday, opens: clock(first), closes: clock(last + 1))
        }
    }
}

/// The data-quality report of a history: what `ccplan inspect` prints.
public struct QualityReport: Sendable {
    /// Data rows read.
    public var rows: Int
    /// The time zone of the series.
    public var timeZone: String
    /// One summary per series, by queue and channel.
    public var series: [SeriesQuality]

    /// Summarises a history.
    ///
    /// - Complexity: O(*n*) in the total number of intervals.
    public init(_ history: ContactHistory) {
        rows = history.rowCount
        timeZone = history.timeZoneName
        series = history.series.map(SeriesQuality.init)
    }

    /// The report as JSON with keys in a fixed order (byte-identical for the same input).
    ///
    /// Numbers are written by the shortest-number writer, fractions rounded to 3 decimals; a
    /// value that is not finite (a total that overflows) is `null`.
    ///
    /// - Complexity: O(*n*) in the size of the report.
    public func json() -> String {
        func str(_ s: String) -> String { jsonQuoted(s) }
        func num(_ v: Double?) -> String {
            guard let v, v.isFinite else { return "null" }
            return JSONText.format(v == v.rounded() ? v : (v * 1000).rounded() / 1000)
        }
        var lines: [String] = []
        for q in series {
            let gaps = q.longestGaps.map {
                "{\"from\": \(str($0.from)), \"until\": \(str($0.until)), \"intervals\": \($0.intervals)}"
            }
            let days = q.unusualDays.map {
                "{\"date\": \(str($0.date.description)), \"offered\": \(num($0.offered)), \"weekday_median\": \(num($0.weekdayMedian)), \"partial\": \($0.partial)}"
            }
            let hours = q.openingHours.map {
                "{\"weekday\": \(str(CivilDate.weekdayNames[$0.weekday])), \"opens\": \($0.opens.map(str) ?? "null"), \"closes\": \($0.closes.map(str) ?? "null")}"
            }
            var fields = [
                "\"queue\": \(str(q.queue))", "\"channel\": \(str(q.channel.rawValue))",
                "\"interval_minutes\": \(q.intervalMinutes)",
                "\"first_interval\": \(str(q.firstInterval))", "\"last_interval\": \(str(q.lastInterval))",
                "\"observed_intervals\": \(q.observedIntervals)", "\"missing_intervals\": \(q.missingIntervals)",
                "\"zero_intervals\": \(q.zeroIntervals)",
                "\"offered_total\": \(num(q.offeredTotal))", "\"handled_total\": \(num(q.handledTotal))",
                "\"abandoned_total\": \(num(q.abandonedTotal))", "\"aht_seconds\": \(num(q.ahtSeconds))",
            ]
            fields.append("\"longest_gaps\": [\(gaps.joined(separator: ", "))]")
            fields.append("\"unusual_days\": [\(days.joined(separator: ", "))]")
            fields.append("\"opening_hours\": [\(hours.joined(separator: ", "))]")
            let outliers = q.outliers.map {
                "{\"interval_start\": \(str($0.intervalStart)), \"offered\": \(num($0.offered)), \"series_median\": \(num($0.seriesMedian)), \"robust_z\": \(num($0.robustZ))}"
            }
            fields.append("\"dst_gap_rows_dropped\": \(q.droppedGapRows)")
            fields.append("\"dst_gap_rows_shifted\": \(q.shiftedGapRows)")
            fields.append("\"outliers\": [\(outliers.joined(separator: ", "))]")
            lines.append("    {\n      " + fields.joined(separator: ",\n      ") + "\n    }")
        }
        return "{\n  \"rows\": \(rows),\n  \"time_zone\": \(str(timeZone)),\n  \"series\": [\n"
            + lines.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// The report as text tables for a terminal.
    ///
    /// - Parameter unusualDayLimit: how many unusual days to list per series.
    /// - Complexity: O(*n*) in the size of the report.
    public func table(unusualDayLimit: Int = 8) -> String {
        func n(_ v: Double?) -> String {
            guard let v, v.isFinite else { return "-" }
            return shortestNumber(v == v.rounded() ? v : (v * 10).rounded() / 10)
        }
        // Queue names come from files: control characters are escaped for the terminal.
        func name(_ q: SeriesQuality) -> String { TerminalText.escaped(q.queue) }
        let header = [
            "queue", "channel", "min", "first interval", "last interval", "observed", "zero", "missing",
            "offered", "handled", "abandoned", "AHT s",
        ]
        var rowsText = series.map { q in
            [
                name(q), q.channel.rawValue, String(q.intervalMinutes), q.firstInterval, q.lastInterval,
                String(q.observedIntervals), String(q.zeroIntervals), String(q.missingIntervals),
                n(q.offeredTotal), n(q.handledTotal), n(q.abandonedTotal), n(q.ahtSeconds),
            ]
        }
        rowsText.insert(header, at: 0)
        let widths = (0..<rowsText[0].count).map { c in rowsText.map { $0[c].count }.max() ?? 0 }
        let numeric = Set(2..<12).subtracting([3, 4])
        var out = "\(rows) rows, \(series.count) series, time zone \(TerminalText.escaped(timeZone))\n\n"
        for row in rowsText {
            let cells = row.indices.map { c -> String in
                let space = String(repeating: " ", count: widths[c] - row[c].count)
                return numeric.contains(c) ? space + row[c] : row[c] + space
            }
            out += cells.joined(separator: "  ").trimmingSpaces + "\n"
        }
        for q in series {
            out += "\n\(name(q)) (\(q.channel.rawValue))\n"
            let hours = q.openingHours.map { h in
                "\(CivilDate.weekdayNames[h.weekday]) "
                    + (h.opens.flatMap { o in h.closes.map { "\(o)–\($0)" } } ?? "closed")
            }
            out += "  opening hours: \(hours.joined(separator: ", "))\n"
            if q.longestGaps.isEmpty {
                out += "  longest gaps: none\n"
            } else {
                out +=
                    "  longest gaps: "
                    + q.longestGaps.prefix(3).map {
                        "\($0.intervals) intervals from \($0.from)"
                    }.joined(separator: "; ") + "\n"
            }
            let shown = q.unusualDays.prefix(unusualDayLimit).map {
                "\($0.date) \(CivilDate.weekdayNames[$0.date.isoWeekday]) \(n($0.offered)) (median \(n($0.weekdayMedian)))\($0.partial ? " partial" : "")"
            }
            let more = q.unusualDays.count - shown.count
            out +=
                "  unusual days (\(q.unusualDays.count)): " + (shown.isEmpty ? "none" : shown.joined(separator: ", "))
                + (more > 0 ? ", … \(more) more" : "") + "\n"
            if q.droppedGapRows > 0 || q.shiftedGapRows > 0 {
                out +=
                    "  DST gap: \(q.droppedGapRows) rows without contacts dropped, \(q.shiftedGapRows) rows shifted\n"
            }
            if !q.outliers.isEmpty {
                out +=
                    "  outliers accepted (\(q.outliers.count)): "
                    + q.outliers.prefix(unusualDayLimit).map {
                        "\($0.intervalStart) \(n($0.offered)) (median \(n($0.seriesMedian)), z \(fixed($0.robustZ, 1)))"
                    }.joined(separator: ", ") + (q.outliers.count > unusualDayLimit ? ", …" : "") + "\n"
            }
        }
        return out
    }
}
