import ArgumentParser
import CCPlanBase
import ContactHistory
import Foundation

/// `ccplan inspect`: a data-quality report of interval history files.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Check interval history files and report their quality.",
        discussion: """
            Reads contact-centre interval exports (canonical columns interval_start, queue, \
            channel, offered, handled, abandoned and a handle time; or a vendor --profile; or \
            --map for other headers) and reports per queue and channel: the interval length, the \
            first and last interval, how many intervals are observed, zero and missing, the \
            totals, the mean AHT, the longest gaps, days with unusual totals and the detected \
            opening hours. Timestamps are shown in --timezone with their UTC offset.

            Any bad row (a non-numeric or negative count, handled above offered, abandoned or \
            handled + abandoned above offered by more than 1 contact or 5 %, an unknown channel, a \
            missing column, a date that does not parse or does not exist, fractional seconds, a \
            duplicate interval, mixed interval lengths, an outlier count) and any file that is empty, \
            has a header only, or would need a grid mostly absent is reported as file:line:column \
            with what was expected; the command then exits 65 and prints no report. Rows without \
            contacts at local times the clocks skip are dropped and counted. The rules, tolerances \
            and bounds are in docs/inspect.md.

            Example:
              ccplan inspect SampleData/contact-history.csv --timezone Europe/Berlin
              ccplan inspect calls.csv --map interval_start=timestamp --format json
            """)

    @Argument(help: ArgumentHelp("History CSV files (read together, in order).", valueName: "file"))
    var files: [String]

    @OptionGroup var ingest: IngestOptions

    /// The report format.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    @Option(
        name: .customLong("output"),
        help: ArgumentHelp(
            "Write the report to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func validate() throws {
        guard !files.isEmpty else { throw usageError("<file>", "expected at least one history file") }
    }

    func run() throws {
        let history = try ingest.load(files)
        let report = QualityReport(history)
        let text = format == .json ? report.json() : report.table()
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try AtomicTextFile.write(text, to: output)
        } catch {
            throw fail(ExitStatus.temporaryFailure, "\(output): cannot write the report: \(error.localizedDescription)")
        }
    }
}
