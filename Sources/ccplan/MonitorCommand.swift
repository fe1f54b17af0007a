import ArgumentParser
import CCPlanBase
import ContactHistory
import Foundation
import Monitoring
import Planning

/// `ccplan monitor`: the plan against what happened (ISO 18295-2, 6.8), the miss explained.
struct MonitorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monitor",
        abstract: "Review a plan against actuals: forecast accuracy, staffing, service level, the miss explained.",
        discussion: """
            Reads a plan directory (ccplan plan) and what happened — interval exports (--actuals, \
            with answered_within or service_level, and staffed_agents or staffed_seconds when the \
            platform reports them) or one row per contact (--contacts) — and writes into --out \
            (atomically): intervals.csv, daily.csv, weekly.csv, monthly.csv (with the service-level \
            gap split into forecast, delivery and other, and a status against --tolerances), \
            monitor.json and report.html. Prints one line per queue and month.

            Exit status: 0 within tolerance, 4 when a period breaches a tolerance (the files are \
            written), 64 bad usage, 65 bad data (nothing written), 75 output not writable.

            Examples:
              ccplan monitor --plan plan-output --actuals SampleData/actuals.csv \\
                --timezone Europe/Berlin --tolerances SampleData/tolerances.yaml \\
                --out monitor-output
              ccplan monitor --plan plan-output --contacts calls.csv --timezone Asia/Jerusalem \\
                --map queue=type --map wait_seconds=queue_sec --out monitor-output
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: ArgumentHelp("The plan directory to review (written by ccplan plan).", valueName: "dir"))
    var plan: String

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp("Interval exports of what happened (CSV).", valueName: "file"))
    var actuals: [String] = []

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Per-contact records (arrival, queue, channel, wait_seconds, handle_seconds, outcome) instead of --actuals.",
            valueName: "file"))
    var contacts: [String] = []

    @OptionGroup var ingest: IngestOptions

    @Option(
        help: ArgumentHelp(
            "With --contacts: what an outcome text means (repeatable), e.g. TRANSFER=skip.",
            valueName: "text=answered|abandoned|skip"))
    var outcome: [String] = []

    @Option(help: "The plan's scenario to review.")
    var scenario: String = "base"

    @Option(
        help: ArgumentHelp("Agreed tolerances (YAML): monthly_volume: 10%, service_level: 5pp, …", valueName: "file"))
    var tolerances: String?

    @Option(help: "What to print: table or json (monitor.json).")
    var format: Format = .table

    @Option(
        help:
            "Queues reviewed at once, and threads reading a large actuals file (default: all cores); the output does not depend on it."
    )
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("Output directory.", valueName: "dir"))
    var out: String

    func validate() throws {
        if actuals.isEmpty && contacts.isEmpty {
            throw usageError("--actuals", "give interval exports, or --contacts FILE")
        }
        if !actuals.isEmpty && !contacts.isEmpty { throw usageError("--contacts", "cannot be combined with --actuals") }
        if !outcome.isEmpty && contacts.isEmpty { throw usageError("--outcome", "applies to --contacts only") }
        guard workers >= 1 else { throw usageError("--workers", "must be at least 1") }
    }

    func run() throws {
        let planDirectory: PlanDirectory
        do { planDirectory = try PlanDirectory.read(path: plan, scenario: scenario) } catch {
            throw fail(ExitStatus.dataError, error.description)
        }
        var limits = Tolerances()
        if let tolerances {
            do { limits = try Tolerances.read(path: tolerances) } catch {
                throw fail(ExitStatus.usage, error.description)
            }
        }
        let actualQueues = try readActuals(planDirectory)
        let result = MonitorRun.review(plan: planDirectory, actuals: actualQueues, tolerances: limits, workers: workers)
        let provenance = MonitorProvenance(
            planPath: plan, scenario: scenario, planDescriptionSHA256: planDirectory.descriptionSHA256,
            planIntervalsSHA256: planDirectory.intervalsSHA256,
            inputs: (actuals.map { ("actuals", $0) } + contacts.map { ("contacts", $0) }).compactMap { role, path in
                fileSHA256(path).map { (role, path, $0.bytes, $0.hex) }
            },
            tolerancesPath: tolerances, tolerances: limits, version: CCPlanVersion.string,
            generatedAt: ISO8601DateFormatter().string(from: generatedAt))
        try writeOutputs(result, provenance: provenance, title: planDirectory.title)
        print(
            format == .json ? MonitorJSON.render(result, provenance: provenance) : MonitorOutput.table(result),
            terminator: "")
        if format == .table { print("\nReview written to \(out)/ — open \(out)/report.html") }
        if !result.breaches.isEmpty { throw ExitStatus.toleranceBreached }
    }

    /// `SOURCE_DATE_EPOCH` makes `generated_at` reproducible, as for plans.
    var generatedAt: Date {
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) {
            return Date(timeIntervalSince1970: seconds)
        }
        return Date()
    }

    func readActuals(_ planDirectory: PlanDirectory) throws -> [ActualQueue] {
        if !actuals.isEmpty {
            return try ingest.load(actuals, workers: workers).series.map(ActualQueue.init)
        }
        var options = ContactRecordOptions(timeZone: try ingest.readOptionsTimeZone())
        for text in ingest.mappings {
            switch ContactRecordOptions.parseMapping(text) {
            case .success(let (field, header)): options.mappings[field] = header
            case .failure(let issue): throw usageError("--map", issue.message)
            }
        }
        for text in outcome {
            switch ContactRecordOptions.parseOutcome(text) {
            case .success(let (value, meaning)): options.outcomes[value] = .some(meaning)
            case .failure(let issue): throw usageError("--outcome", issue.message)
            }
        }
        var grid: [String: (Int64, Double)] = [:]
        for q in planDirectory.queues {
            grid["\(q.queue)\u{1F}\(q.channel.rawValue)"] = (Int64(q.intervalMinutes) * 60, q.assumptions.answerWithin)
        }
        let fallback = (planDirectory.queues.first.map { Int64($0.intervalMinutes) * 60 } ?? 1800, 20.0)
        do {
            return try ContactRecords.aggregate(contacts, options: options) { queue, channel in
                grid["\(queue)\u{1F}\(channel.rawValue)"] ?? fallback
            }.map(ActualQueue.init)
        } catch {
            throw fail(ExitStatus.dataError, error.description)
        }
    }

    func writeOutputs(_ result: MonitorResult, provenance: MonitorProvenance, title: String) throws {
        do {
            try MonitorOutput.write(result, provenance: provenance, planTitle: title, to: out)
        } catch let error as OutputError {
            throw fail(
                error.kind == .refused ? ExitStatus.cannotCreate : ExitStatus.temporaryFailure, error.description)
        }
    }
}
