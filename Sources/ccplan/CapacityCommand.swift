import ArgumentParser
import Capacity
import Foundation
import Optimization
import Planning

/// `ccplan capacity`: required FTE + staff (attrition, training, classes) → the optimal hiring plan.
struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract:
            "Plan hiring: headcount, attrition and training classes against the required FTE (MILP, COIN-OR CBC).",
        discussion: """
            Writes into --out (atomically): capacity.csv, hiring-plan.csv, capacity.json and \
            report.html, and prints a summary per scenario. The model is in docs/capacity.md.

            Exit status: 0 when the base scenario's plan meets the requirement in every week the \
            policy can still influence; 3 when the best plan still leaves such a week short (the \
            files are written and the weeks listed); 64 bad usage or staff/scenario file; 65 bad \
            data; 75 output not writable.

            Examples:
              ccplan capacity --plan plan-output --staff SampleData/staff.yaml --out capacity-output
              ccplan capacity --requirements required.csv --staff staff.yaml \\
                --scenarios capacity-scenarios.yaml --weeks 52 --out capacity-output
            """)

    @Option(
        help: ArgumentHelp(
            "A ccplan plan or batch output directory (weekly FTE per queue and scenario).", valueName: "dir"))
    var plan: String?

    @Option(help: ArgumentHelp("Required FTE as CSV: queue,week_start,required_fte.", valueName: "file"))
    var requirements: String?

    @Option(help: ArgumentHelp("Staff groups, hiring policy, costs and planned classes (YAML).", valueName: "file"))
    var staff: String

    @Option(help: ArgumentHelp("What-if scenarios (YAML).", valueName: "file"))
    var scenarios: String?

    @Option(help: ArgumentHelp("Plan only the first N weeks of the requirement.", valueName: "N"))
    var weeks: Int?

    @Option(help: ArgumentHelp("Solver time limit per group and scenario.", valueName: "duration"))
    var timeLimit = DurationArgument(seconds: 60)

    @Option(
        help: ArgumentHelp(
            "Stop when the gap between the plan's total cost and the best bound is at most this fraction (default 0: proven optimal).",
            valueName: "fraction"))
    var gap: Double = 0

    @Option(help: "Title of the report.")
    var title = "Capacity plan"

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String

    func validate() throws {
        if (plan == nil) == (requirements == nil) {
            throw usageError("--plan", "give either --plan DIR or --requirements FILE")
        }
        if let weeks, weeks < 1 { throw usageError("--weeks", "must be at least 1") }
        guard gap >= 0, gap < 1 else { throw usageError("--gap", "must be in [0, 1)") }
        guard timeLimit.seconds > 0 else { throw usageError("--time-limit", "must be positive") }
    }

    func run() throws {
        let result = try withCapacityErrors { () throws(CapacityError) -> CapacityResult in
            let (staffPlan, rosters) = try StaffFile.load(staff)
            let req: Requirements
            if let plan {
                req = try Requirements.planDirectory(plan)
            } else {
                req = try Requirements.csv(requirements!)
            }
            var inputs = CapacityInputs(staffPath: staff, staff: staffPlan, requirements: req)
            inputs.rosterPaths = rosters
            if let scenarios {
                guard let data = FileManager.default.contents(atPath: scenarios) else {
                    throw .inconsistent("--scenarios: cannot read \(scenarios)")
                }
                inputs.scenarios = try CapacityScenario.parse(
                    yaml: String(decoding: data, as: UTF8.self), path: scenarios, staff: staffPlan)
                inputs.scenarioPath = scenarios
            }
            inputs.weeks = weeks
            inputs.options = HiringOptimizer.solveOptions(timeLimit: timeLimit.seconds, relativeGap: gap)
            inputs.title = title
            inputs.generatedAt = generatedAt()
            return try CapacityRun.run(inputs)
        }
        try withPlanningErrors { try CapacityRun.write(result, to: out) }
        print(CapacityRun.summary(result), terminator: "")
        print("\nCapacity plan written to \(out)/ — open \(out)/report.html")
        if CapacityRun.hasShortfall(result) { throw ExitStatus.shortfall }
    }
}

/// Capacity's errors as exit statuses: staff/scenario files and mismatched inputs 64, data 65,
/// a solver failure 70 (EX_SOFTWARE).
func withCapacityErrors<T>(_ body: () throws(CapacityError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        if case .solver = error { throw fail(ExitStatus.software, error.description) }
        throw fail(error.isUsageError ? ExitStatus.usage : ExitStatus.dataError, error.description)
    }
}
