import ArgumentParser
import ContactHistory
import Foundation
import Planning

/// `ccplan plan`: history → forecast → interval staffing → hours and FTE, under what-if scenarios.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Make the staffing plan: forecast, staff every interval, roll up to hours and FTE.",
        discussion: """
            Writes into --out (atomically: an existing directory is replaced only once the new plan \
            is complete): intervals.csv, daily.csv, weekly.csv, monthly.csv, forecast.csv, plan.json, \
            report.html and, with --scenarios, scenarios.csv. Prints a summary per queue and month. \
            An existing --out is replaced only when it is empty or a plan ccplan wrote (exit 73 \
            otherwise: ccplan never deletes files it did not write); a symbolic link is followed.

            Settings come from the flags, then from the scenario file's base block, then from each \
            scenario (see the README for the YAML schema).

            Examples:
              ccplan plan --history SampleData/contact-history.csv \\
                --timezone Europe/Berlin --horizon 13w \\
                --holidays SampleData/holidays.csv --events SampleData/events.csv \\
                --scenarios SampleData/scenarios.yaml --out plan-output
              ccplan plan --forecast forecast.csv --timezone Europe/Berlin \\
                --target-sl 0.9 --answer-within 15s --shrinkage 0.3 --out plan-output
            """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("History files (CSV).", valueName: "file"))
    var history: [String] = []

    @Option(
        help: ArgumentHelp(
            "Plan this forecast (ccplan's or another tool's CSV) instead of forecasting history.", valueName: "file"))
    var forecast: String?

    @OptionGroup var ingest: IngestOptions
    @OptionGroup var forecasting: ForecastOptions

    @Option(help: ArgumentHelp("Service-level threshold (default 20s).", valueName: "duration")) var answerWithin:
        String?
    @Option(
        help: ArgumentHelp(
            "Service-level target, e.g. 0.8 or 80% (default 0.8 unless --target-asa or --max-abandon is given).",
            valueName: "fraction")) var targetSl: String?
    @Option(help: ArgumentHelp("Maximum average speed of answer.", valueName: "duration")) var targetAsa: String?
    @Option(help: ArgumentHelp("Maximum abandonment rate (needs a patience: Erlang A).", valueName: "fraction"))
    var maxAbandon: String?
    @Option(
        help: ArgumentHelp(
            "Mean caller patience: Erlang A. 'none' for Erlang C (default: estimated from the history when it reports abandons and waits).",
            valueName: "duration")) var patience: String?
    @Option(help: ArgumentHelp("Occupancy cap.", valueName: "fraction")) var maxOccupancy: String?
    @Option(help: ArgumentHelp("Shrinkage (default 0).", valueName: "fraction")) var shrinkage: String?
    @Option(help: ArgumentHelp("Service-level definition: offered, answered or virtual.", valueName: "definition"))
    var slDefinition: String?
    @Option(help: ArgumentHelp("Chat: conversations per agent at once (default 1).", valueName: "c")) var concurrency:
        String?
    @Option(help: ArgumentHelp("Email: response window (default 4h).", valueName: "duration")) var responseWithin:
        String?
    @Option(help: ArgumentHelp("Contracted hours per FTE and week (default 37.5).", valueName: "hours")) var fteHours:
        String?
    @Option(help: ArgumentHelp("Cost of one scheduled hour.", valueName: "amount")) var costPerHour: String?
    @Option(help: ArgumentHelp("What to staff to: point, p90 or expected-sl (default point).", valueName: "basis"))
    var staffTo: String?

    @Option(help: ArgumentHelp("What-if scenarios (YAML).", valueName: "file"))
    var scenarios: String?

    @Option(
        help:
            "Queues planned at once, and threads reading a large history file (default: all cores); the output does not depend on it."
    )
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Title of the report.")
    var title: String = "Contact centre staffing plan"

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String

    func validate() throws {
        if forecast == nil && history.isEmpty {
            throw usageError("--history", "give history files, or --forecast FILE")
        }
        if forecast != nil && !history.isEmpty { throw usageError("--forecast", "cannot be combined with --history") }
        if forecast != nil {
            // A forecast file is planned as it is: these flags only shape a forecast made from history.
            for (flag, given) in [
                ("--horizon", forecasting.horizon != nil), ("--start", forecasting.start != nil),
                ("--holidays", forecasting.holidays != nil), ("--events", forecasting.events != nil),
            ] where given {
                throw usageError(
                    flag,
                    "applies to forecasts made from --history; with --forecast the file's intervals are planned as they are (use scenario events to adjust them)"
                )
            }
        }
        if forecast == nil && forecasting.horizon == nil {
            throw usageError("--horizon", "is required with --history, e.g. --horizon 13w")
        }
        guard workers >= 1 else { throw usageError("--workers", "must be at least 1") }
    }

    /// The base assumptions from the flags (each validated exactly as in scenario files).
    func assumptions() throws -> PlanAssumptions {
        var a = PlanAssumptions()
        let flags: [(String, String, String?)] = [
            ("--answer-within", "answer_within", answerWithin), ("--target-asa", "target_asa", targetAsa),
            ("--max-abandon", "max_abandon", maxAbandon), ("--patience", "patience", patience),
            ("--max-occupancy", "max_occupancy", maxOccupancy), ("--shrinkage", "shrinkage", shrinkage),
            ("--sl-definition", "sl_definition", slDefinition), ("--concurrency", "concurrency", concurrency),
            ("--response-within", "response_within", responseWithin), ("--fte-hours", "fte_hours", fteHours),
            ("--cost-per-hour", "cost_per_hour", costPerHour), ("--staff-to", "staff_to", staffTo),
        ]
        // As in `ccplan erlang`: an ASA or abandonment target replaces the default 80/20.
        if targetSl == nil && (targetAsa != nil || maxAbandon != nil) { a.targetServiceLevel = nil }
        for (flag, key, value) in flags + [("--target-sl", "target_sl", targetSl)] {
            guard let value else { continue }
            do { try a.set(key, to: value) } catch {
                if case .badAssumption(_, let reason) = error { throw usageError(flag, reason) }
                throw usageError(flag, error.description)
            }
        }
        return a
    }

    func run() throws {
        let readOptions = try ingest.readOptions()
        var inputs = PlanInputs()
        inputs.historyPaths = history
        inputs.forecastPath = forecast
        inputs.readOptions = readOptions
        inputs.timeZone = readOptions.timeZone
        if forecasting.horizon != nil {
            inputs.request = try forecasting.request(timeZone: readOptions.timeZone)
        } else {
            inputs.request.quantileLevels = try forecasting.quantileLevels()
            inputs.request.defaultAHT = forecasting.aht?.seconds
        }
        inputs.assumptions = try assumptions()
        if let scenarios {
            do { inputs.scenarioFile = try ScenarioFile.load(scenarios) } catch {
                if case .badScenarioFile(let issue) = error, issue.line == 0 {
                    throw usageError("--scenarios", issue.description)
                }
                throw fail(ExitStatus.usage, error.description)
            }
        }
        inputs.otherInputs = forecasting.calendarFiles + (scenarios.map { [$0] } ?? [])
        inputs.title = title
        inputs.workers = workers
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) {
            inputs.generatedAt = Date(timeIntervalSince1970: seconds)
        }
        let result = try withPlanningErrors { try PlanRun.make(inputs) }
        try withPlanningErrors { try PlanRun.write(result, to: out) }
        print(result.summary, terminator: "")
        print("\nPlan written to \(out)/ — open \(out)/report.html")
    }
}
