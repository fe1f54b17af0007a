import CCPlanBase
import Foundation

extension ScheduleRun {
    /// The files of a run, in the order they are written (`tours.csv` only with contracts).
    public static func files(_ r: ScheduleResult) -> [(name: String, contents: String)] {
        var out = [("shifts.csv", ScheduleFiles.shifts(r)), ("breaks.csv", ScheduleFiles.breaks(r))]
        if !r.inputs.rules.contracts.isEmpty { out.append(("tours.csv", ScheduleFiles.tours(r))) }
        out += [
            ("coverage.csv", ScheduleFiles.coverage(r)), ("schedule.json", ScheduleJSON.render(r)),
            ("report.html", ScheduleReport.render(r)),
        ]
        return out
    }

    /// Every file a schedule directory may hold.
    public static let fileNames = [
        "shifts.csv", "breaks.csv", "tours.csv", "coverage.csv", "schedule.json", "report.html",
    ]

    /// Writes the files into `directory`, replacing it only once every file is complete, and only
    /// when it is absent, empty or a schedule ccplan wrote (`schedule.json` is the marker).
    ///
    /// - Throws: ``OutputError``: refused (exit 73) for a directory that is not a schedule, or
    ///   transient (exit 75).
    public static func write(_ r: ScheduleResult, to directory: String) throws {
        let files = files(r)
        let isOutput = AtomicOutput.isOutput(files: fileNames, marker: "schedule.json")
        try AtomicOutput.replaceDirectory(at: directory, isReplaceable: isOutput) { staging in
            for (name, contents) in files { try AtomicOutput.write(contents, to: staging + "/" + name) }
        }
    }

    /// A few lines per group and week for the terminal.
    public static func summary(_ r: ScheduleResult) -> String {
        var out =
            "week        group         objective      paid h  required h  effic.  uncovered  weekly SL  solver       gap   seconds\n"
        for gw in r.groupWeeks {
            for s in [gw.coverage] + (gw.serviceLevel.map { [$0] } ?? []) {
                let name =
                    s.demand.group.name.count > 12 ? String(s.demand.group.name.prefix(11)) + "…" : s.demand.group.name
                out += "\(s.demand.monday)  " + name.padding(toLength: 12, withPad: " ", startingAt: 0) + "  "
                out += s.objective.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
                out +=
                    [
                        fixed(s.paidHours, 1).leftPadded(8), fixed(s.requiredHours, 1).leftPadded(12),
                        s.efficiency.map { fixed(100 * $0, 1) + "%" }?.leftPadded(8) ?? "–".leftPadded(8),
                        "\(s.uncoveredIntervals.count)".leftPadded(11),
                        (s.weeklyServiceLevel.map { fixed(100 * $0, 2) + "%" } ?? "–").leftPadded(11),
                        "  " + s.solver.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                        (s.solver.gap.map { fixed(100 * $0, 2) + "%" } ?? "–").leftPadded(7),
                        fixed(s.solver.seconds, 2).leftPadded(10),
                    ].joined() + "\n"
            }
            if let sl = gw.serviceLevel {
                out +=
                    "            service level \(sl.target.map { fixed(100 * $0, 2) + "%" } ?? "–") at \(fixed(gw.coverage.paidHours - sl.paidHours, 1)) paid hours less than full coverage\n"
            }
        }
        for gw in r.groupWeeks {
            let s = gw.chosen
            if s.objective == .coverage, !s.uncoveredIntervals.isEmpty {
                out +=
                    "\nGroup \(s.demand.group.name), week of \(s.demand.monday): \(s.uncoveredIntervals.count) intervals uncovered (\(fixed(s.uncoveredHours, 1)) agent-hours); see coverage.csv\n"
            }
            if s.objective == .serviceLevel, !s.meetsObjective {
                out +=
                    "\nGroup \(s.demand.group.name), week of \(s.demand.monday): the weekly service level \(fixed(100 * (s.weeklyServiceLevel ?? 0), 2))% misses the target \(fixed(100 * (s.target ?? 0), 2))%\n"
            }
            if s.stoppedEarly(gap: r.inputs.options.relativeGap) {
                out +=
                    "\nGroup \(s.demand.group.name), week of \(s.demand.monday): the time limit stopped the solver at a gap of \(s.solver.gap.map { fixed(100 * $0, 2) + "%" } ?? "unknown") (asked: \(fixed(100 * r.inputs.options.relativeGap, 2))%)\n"
            }
        }
        if !r.unassignedQueues.isEmpty {
            out += "\nQueues in no group (ignored): \(r.unassignedQueues.joined(separator: ", "))\n"
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
