import CCPlanBase
import Foundation
import Planning

extension CapacityRun {
    /// The files of a run, in the order they are written.
    public static func files(_ r: CapacityResult) -> [(name: String, contents: String)] {
        [
            ("capacity.csv", CapacityFiles.capacity(r)), ("hiring-plan.csv", CapacityFiles.hiringPlan(r)),
            ("capacity.json", CapacityJSON.render(r)), ("report.html", CapacityReport.render(r)),
        ]
    }

    /// Writes the files into `directory`, replacing it only once every file is complete, and only
    /// when it is absent, empty or a capacity run's output (never a directory holding anything else).
    ///
    /// - Throws: ``OutputError``: refused (exit 73) or cannot write (transient: exit 75).
    public static func write(_ r: CapacityResult, to directory: String) throws {
        let files = files(r)
        let isOutput = AtomicOutput.isOutput(files: files.map(\.name), marker: "capacity.json")
        try AtomicOutput.replaceDirectory(at: directory, isReplaceable: isOutput) { staging in
            for (name, contents) in files { try AtomicOutput.write(contents, to: staging + "/" + name) }
        }
    }

    /// Whether the base scenario's best plan still leaves a week short that the policy can influence.
    public static func hasShortfall(_ r: CapacityResult) -> Bool { !r.outcomes[0].shortfalls.isEmpty }

    /// A few lines per scenario for the terminal.
    public static func summary(_ r: CapacityResult) -> String {
        var out =
            "scenario                        cost     rule of thumb   saving   hires  short FTE-wks  solver      gap     seconds\n"
        for o in r.outcomes {
            let hires = o.plans.reduce(0) { $0 + $1.classes.values.reduce(0, +) }
            let short = o.plans.reduce(0.0) { $0 + $1.weeks.reduce(0) { $0 + $1.shortfallFTE } }
            let gap = o.plans.compactMap { $0.solver?.gap }.max() ?? 0
            let seconds = o.plans.reduce(0.0) { $0 + ($1.solver?.seconds ?? 0) }
            let name = o.scenario.name.count > 24 ? String(o.scenario.name.prefix(23)) + "…" : o.scenario.name
            out += name.padding(toLength: 24, withPad: " ", startingAt: 0)
            out +=
                [
                    fixed(o.totalCost, 0).leftPadded(12), fixed(o.ruleOfThumbCost, 0).leftPadded(16),
                    fixed(o.ruleOfThumbCost - o.totalCost, 0).leftPadded(10),
                    "\(hires)".leftPadded(7), fixed(short, 1).leftPadded(14),
                    "  " + CapacityJSON.worstStatus(o).rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                    (fixed(100 * gap, 2) + "%").leftPadded(7), fixed(seconds, 2).leftPadded(10),
                ].joined() + "\n"
        }
        let base = r.outcomes[0]
        if !base.shortfalls.isEmpty {
            out += "\nShort of the requirement in the base scenario:\n"
            for s in base.shortfalls {
                out += "  \(s.group) week of \(s.weekStart): \(fixed(s.shortfallFTE, 2)) FTE short"
                out += (s.serviceLevel.map { ", SL \(fixed(100 * $0, 1))%" } ?? "") + "\n"
            }
        }
        for plan in base.plans where plan.problem.decisionWeeks.isEmpty {
            out +=
                "\nGroup \(plan.problem.group.name): no class can start inside the horizon (allowed starts, lead time \(plan.problem.policy.leadTimeWeeks) weeks); only overtime can cover a gap.\n"
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
