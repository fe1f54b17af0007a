import CCPlanBase

/// The values of one row as they are staged: counts, and handle time and waits as totals of
/// seconds over the interval. NaN stands for "not reported".
struct RowValues {
    var offered = Double.nan
    var handled = Double.nan
    var abandoned = Double.nan
    /// Total handle time of the contacts handled in the interval.
    var handleSeconds = Double.nan
    /// Total time the offered contacts waited (mean wait × offered).
    var waitSeconds = Double.nan
    /// Contacts answered within the threshold; the reported SL × offered; staffed agents (mean)
    /// or staffed agent-seconds.
    var answeredWithin = Double.nan
    var serviceLevelContacts = Double.nan
    var staffedAgents = Double.nan
    var staffedSeconds = Double.nan

    /// Whether any optional measure is reported.
    var hasMeasures: Bool {
        !waitSeconds.isNaN || !answeredWithin.isNaN || !serviceLevelContacts.isNaN || !staffedAgents.isNaN
            || !staffedSeconds.isNaN
    }
}

extension ReadState {
    /// The counts, handle time and wait of a row; problems are logged (the caller compares the
    /// issue count before and after).
    @inline(__always)
    mutating func values(_ record: CSVRecord, _ layout: Layout, file: String, decimalComma: Bool) -> RowValues {
        var v = RowValues()
        // Counts.
        if layout.offered >= 0 {
            v.offered =
                quantity(record, layout.offered, "offered", required: true, decimalComma: decimalComma, file: file)
                ?? .nan
        }
        if layout.handled >= 0 {
            v.handled =
                quantity(
                    record, layout.handled, "handled", required: layout.derivesOffered, decimalComma: decimalComma,
                    file: file) ?? .nan
        }
        if layout.abandoned >= 0 {
            v.abandoned =
                quantity(
                    record, layout.abandoned, "abandoned", required: layout.derivesOffered, decimalComma: decimalComma,
                    file: file) ?? .nan
        }
        if layout.derivesOffered {
            v.offered = v.handled + v.abandoned
            if v.offered.isInfinite { tooLarge(record, layout.handled, "offered (handled + abandoned)", file: file) }
        }
        if v.handled > v.offered {
            issues.add(
                file, record.line, record.column(of: layout.handled),
                "handled (\(shortestNumber(v.handled))) exceeds offered (\(shortestNumber(v.offered))); expected at most the offered count"
            )
        } else if !layout.derivesOffered, layout.abandoned >= 0 {
            checkOutcomes(v, record, layout, file: file)
        }
        // Waiting, as a total of seconds (mean wait × offered).
        if layout.wait >= 0 {
            let mean =
                quantity(
                    record, layout.wait, "wait_seconds", required: false, decimalComma: decimalComma, duration: true,
                    file: file) ?? .nan
            v.waitSeconds = v.offered == 0 ? 0 : mean * v.offered
            if v.waitSeconds.isInfinite { tooLarge(record, layout.wait, "wait_seconds × offered", file: file) }
        }
        if layout.hasServiceMeasures { serviceMeasures(&v, record, layout, file: file, decimalComma: decimalComma) }
        if layout.hasHandleTime {
            v.handleSeconds = handleSeconds(record, layout, v, file: file, decimalComma: decimalComma)
            if v.handleSeconds.isInfinite {
                tooLarge(
                    record,
                    layout.handleTotal >= 0
                        ? layout.handleTotal
                        : layout.aht >= 0
                            ? layout.aht
                            : (layout.componentTotals + layout.componentMeans)[0], "the handle time", file: file)
            }
        }
        return v
    }

    /// Logs a value whose total overflows a Double (counts and durations far beyond any contact centre).
    private mutating func tooLarge(_ record: CSVRecord, _ column: Int, _ name: String, file: String) {
        issues.add(
            file, record.line, record.column(of: column),
            "\(name): the total is too large to represent; expected counts and durations of a contact centre")
    }

    /// Abandoned, and handled plus abandoned, may exceed offered by at most
    /// `CountTolerance.excess(offered:)`: platforms that count an abandon (or an answer) in the
    /// interval it happened rather than the one the contact arrived in report a little more than
    /// was offered in busy intervals, never a lot more.
    private mutating func checkOutcomes(_ v: RowValues, _ record: CSVRecord, _ layout: Layout, file: String) {
        guard v.abandoned > 0 else { return }
        let allowed = v.offered + CountTolerance.excess(offered: v.offered)
        if v.abandoned > allowed {
            issues.add(
                file, record.line, record.column(of: layout.abandoned),
                "abandoned (\(shortestNumber(v.abandoned))) exceeds offered (\(shortestNumber(v.offered))) by more than the tolerance of \(CountTolerance.text); expected at most \(shortestNumber(allowed.rounded(.down)))"
            )
        } else if v.handled + v.abandoned > allowed {
            issues.add(
                file, record.line, record.column(of: layout.abandoned),
                "handled + abandoned (\(shortestNumber(v.handled)) + \(shortestNumber(v.abandoned))) exceeds offered (\(shortestNumber(v.offered))) by more than the tolerance of \(CountTolerance.text); expected a sum of at most \(shortestNumber(allowed.rounded(.down)))"
            )
        }
    }

    /// The service measures of `ccplan monitor`'s actuals: answered within the threshold (at most
    /// the contacts offered, within ``CountTolerance``), the reported service level (a fraction in
    /// [0, 1] or a percentage), staffed agents or staffed agent-seconds (≥ 0).
    private mutating func serviceMeasures(
        _ v: inout RowValues, _ record: CSVRecord, _ layout: Layout, file: String, decimalComma: Bool
    ) {
        if layout.answeredWithin >= 0,
            let within = quantity(
                record, layout.answeredWithin, "answered_within", required: false,
                decimalComma: decimalComma, file: file)
        {
            if within > v.offered + CountTolerance.excess(offered: v.offered) {
                issues.add(
                    file, record.line, record.column(of: layout.answeredWithin),
                    "answered_within (\(shortestNumber(within))) exceeds offered (\(shortestNumber(v.offered))) by more than the tolerance of \(CountTolerance.text)"
                )
            } else {
                v.answeredWithin = within
            }
        }
        if layout.serviceLevel >= 0 {
            let text = record.trimmedString(layout.serviceLevel)
            if !text.isEmpty {
                let percent = text.hasSuffix("%")
                let number = percent ? String(text.dropLast()).trimmingSpaces : text
                let parsed = Double(decimalComma ? number.replacingOccurrences(of: ",", with: ".") : number)
                if let x = parsed.map({ percent ? $0 / 100 : $0 }), x.isFinite, x >= 0, x <= 1 {
                    v.serviceLevelContacts = x * v.offered
                } else {
                    issues.add(
                        file, record.line, record.column(of: layout.serviceLevel),
                        "service_level: expected a fraction in [0, 1] such as 0.85 or a percentage such as 85%, found \(record.quoted(layout.serviceLevel))"
                    )
                }
            }
        }
        if layout.staffedAgents >= 0 {
            v.staffedAgents =
                quantity(
                    record, layout.staffedAgents, "staffed_agents", required: false,
                    decimalComma: decimalComma, file: file) ?? .nan
        }
        if layout.staffedSeconds >= 0 {
            v.staffedSeconds =
                quantity(
                    record, layout.staffedSeconds, "staffed_seconds", required: false,
                    decimalComma: decimalComma, duration: true, file: file) ?? .nan
        }
    }

    /// Handle time as a total of seconds: the total column, or a mean (or component means) times
    /// the contacts it is a mean over, which are the handled contacts, or without a handled
    /// column the offered ones less the abandoned (when reported).
    private mutating func handleSeconds(
        _ record: CSVRecord, _ layout: Layout, _ v: RowValues, file: String, decimalComma: Bool
    ) -> Double {
        let base = v.handled.isNaN ? (v.abandoned.isNaN ? v.offered : v.offered - v.abandoned) : v.handled
        func part(_ column: Int, _ name: String) -> Double {
            quantity(record, column, name, required: false, decimalComma: decimalComma, duration: true, file: file)
                ?? .nan
        }
        if layout.handleTotal >= 0 { return part(layout.handleTotal, "handle_seconds") }
        var seconds: Double
        if layout.aht >= 0 {
            seconds = part(layout.aht, "aht_seconds") * base
        } else {
            seconds = 0.0
            for c in layout.componentTotals { seconds += part(c, "handle time") }
            for c in layout.componentMeans { seconds += part(c, "handle time") * base }
        }
        // Exports leave the mean empty when nothing was handled: that is no handle time.
        if seconds.isNaN, base == 0 { seconds = 0 }
        return seconds
    }

    /// A count or duration field: a finite, non-negative number, or NaN when empty and allowed.
    @inline(__always)
    mutating func quantity(
        _ record: CSVRecord, _ column: Int, _ name: String, required: Bool, decimalComma: Bool,
        duration: Bool = false, file: String
    ) -> Double? {
        switch record.number(column, decimalComma: decimalComma, allowDuration: duration) {
        case .value(let v) where v >= 0:
            return v
        case .value:
            issues.add(
                file, record.line, record.column(of: column),
                "\(name): expected a non-negative number, found \(record.quoted(column))")
        case .empty:
            if !required { return .nan }
            issues.add(file, record.line, record.column(of: column), "\(name): expected a number, found an empty field")
        case .invalid:
            issues.add(
                file, record.line, record.column(of: column),
                "\(name): expected a non-negative number, found \(record.quoted(column))")
        case .nonFinite:
            issues.add(
                file, record.line, record.column(of: column),
                "\(name): expected a finite number, found \(record.quoted(column))")
        }
        return nil
    }

    /// The interval_minutes field: a whole number of minutes that divides a day.
    mutating func intervalMinutes(_ record: CSVRecord, _ layout: Layout, file: String) -> Int? {
        guard layout.intervalMinutes >= 0 else { return nil }
        if case .value(let v) = record.number(layout.intervalMinutes, decimalComma: false),
            v >= 1, v <= 1440, v == v.rounded(), 1440 % Int(v) == 0
        {
            return Int(v)
        }
        issues.add(
            file, record.line, record.column(of: layout.intervalMinutes),
            "interval_minutes: expected a whole number of minutes that divides a day (5, 15, 30, 60, …), found \(record.quoted(layout.intervalMinutes))"
        )
        return nil
    }
}

/// How far the outcomes of an interval (handled + abandoned) may exceed its offered count.
///
/// Platforms differ in the interval they count an outcome in: by arrival (then handled +
/// abandoned ≤ offered exactly), or when it happened (an abandon or answer of a contact that
/// arrived in the previous interval lands in this one). The second kind exceeds offered by the
/// contacts that cross an interval boundary while waiting: a few, or a few percent in busy
/// intervals. More than that is a broken export (columns swapped, totals of another queue).
public enum CountTolerance {
    /// The tolerance in words, for messages and documents.
    public static let text = "1 contact or 5 % of offered, whichever is more"

    /// The excess allowed: max(1, 0.05 × offered).
    ///
    /// - Complexity: O(1).
    @inline(__always)
    public static func excess(offered: Double) -> Double { max(1, 0.05 * offered) }
}
