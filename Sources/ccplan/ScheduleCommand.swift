import ArgumentParser
import CCPlanBase
import Foundation
import Scheduling

/// `ccplan schedule`: a plan's interval requirements + shift rules → shifts, breaks and tours.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract:
            "Schedule shifts, breaks and weekly tours against a plan's interval requirements (MILP, COIN-OR CBC).",
        discussion: """
            Writes into --out (atomically): shifts.csv, breaks.csv, tours.csv (with contracts), \
            coverage.csv, schedule.json and report.html, and prints a summary per group and week. \
            The requirement covered is the plan's agents on the phones per interval, grossed up by \
            the shifts file's other_shrinkage; breaks are placed by the schedule itself. The model \
            is in docs/schedule.md.

            Exit status: 0 when every schedule does what was asked (every interval covered, or \
            with --objective service-level the weekly target met) within the gap; 5 when \
            intervals stay uncovered, the target is missed, or the time limit stopped the solver \
            above the gap (the files are written, the shortfalls listed); 64 bad usage or shifts \
            file; 65 bad plan data; 70 solver failure; 75 output not writable.

            Examples:
              ccplan schedule --plan plan-output --shifts SampleData/shifts.yaml --out schedule-output
              ccplan schedule --plan plan-output --shifts SampleData/shifts.yaml --week 2026-11-09 \\
                --objective service-level --target-sl coverage --out schedule-sl
            """)

    @Option(help: ArgumentHelp("A ccplan plan or batch output directory (intervals.csv, plan.json).", valueName: "dir"))
    var plan: String

    @Option(help: ArgumentHelp("Groups, shift types, breaks, contracts and limits (YAML).", valueName: "file"))
    var shifts: String

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String

    @Option(
        name: .customLong("week"),
        help: ArgumentHelp(
            "Monday of a week to schedule (repeatable; default: the plan's first full week).", valueName: "YYYY-MM-DD"))
    var weeks: [String] = []

    @Option(help: ArgumentHelp("The plan's scenario to schedule (default: base).", valueName: "name"))
    var scenario: String?

    @Option(
        help: ArgumentHelp(
            "What to optimise: coverage (every interval's requirement) or service-level (the weekly target at least cost).",
            valueName: "objective"))
    var objective: String = ScheduleObjective.coverage.rawValue

    @Option(
        help: ArgumentHelp(
            "With --objective service-level: plan (the plan's targets), coverage (what the coverage schedule delivers) or a fraction such as 0.8.",
            valueName: "target"))
    var targetSl: String = "plan"

    @Option(help: ArgumentHelp("Solver time limit per solve (group, week and objective).", valueName: "duration"))
    var timeLimit = DurationArgument(seconds: 60)

    @Option(
        help: ArgumentHelp(
            "Stop when the relative gap between the schedule's objective and the best bound is at most this fraction.",
            valueName: "fraction"))
    var gap: Double = 0.005

    @Option(help: "Title of the report.")
    var title = "Schedule"

    func validate() throws {
        guard ScheduleObjective(rawValue: objective) != nil else {
            throw usageError("--objective", "must be coverage or service-level, got '\(objective)'")
        }
        _ = try target()
        guard gap >= 0, gap < 1 else { throw usageError("--gap", "must be in [0, 1)") }
        guard timeLimit.seconds > 0 else { throw usageError("--time-limit", "must be positive") }
        for w in weeks where CivilDate(w) == nil {
            throw usageError("--week", "expected a date YYYY-MM-DD, got '\(w)'")
        }
    }

    func target() throws -> ServiceLevelTarget {
        switch targetSl {
        case "plan": return .plan
        case "coverage": return .coverage
        default:
            let text = targetSl.hasSuffix("%") ? String(targetSl.dropLast()) : targetSl
            guard let x = Double(text).map({ targetSl.hasSuffix("%") ? $0 / 100 : $0 }), x > 0, x < 1 else {
                throw usageError(
                    "--target-sl",
                    "must be plan, coverage or a fraction in (0, 1) such as 0.8 or 80%, got '\(targetSl)'")
            }
            return .value(x)
        }
    }

    func run() throws {
        let target = try target()
        let result = try withScheduleErrors { () throws(ScheduleError) -> ScheduleResult in
            let rules = try ShiftFile.load(shifts)
            let demand = try PlanDemand.load(directory: plan, scenario: scenario)
            var mondays = weeks.compactMap { CivilDate($0) }
            if mondays.isEmpty {
                guard let first = demand.firstFullWeek(rules.groups) else {
                    throw .inconsistent(
                        "--plan: the plan covers no whole week (Monday to Sunday) for every group's queues")
                }
                mondays = [first]
            }
            var inputs = ScheduleInputs(shiftsPath: shifts, rules: rules, plan: demand, weeks: mondays)
            inputs.objective = ScheduleObjective(rawValue: objective)!
            inputs.target = target
            inputs.options = Scheduler.solveOptions(timeLimit: timeLimit.seconds, relativeGap: gap)
            inputs.title = title
            inputs.generatedAt = generatedAt()
            return try ScheduleRun.run(inputs)
        }
        try withPlanningErrors { try ScheduleRun.write(result, to: out) }
        print(ScheduleRun.summary(result), terminator: "")
        print("\nSchedule written to \(out)/ — open \(out)/report.html")
        if result.fallsShort { throw ExitStatus.scheduleShort }
    }
}

/// Schedule's errors as exit statuses: shifts file and mismatched inputs 64, plan data 65, a
/// solver failure 70 (EX_SOFTWARE).
func withScheduleErrors<T>(_ body: () throws(ScheduleError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        if case .solver = error { throw fail(ExitStatus.software, error.description) }
        throw fail(error.isUsageError ? ExitStatus.usage : ExitStatus.dataError, error.description)
    }
}
