import ArgumentParser
import CCPlanBase
import ContactHistory
import Foundation
import Monitoring

/// `ccplan sample-data`: writes the deterministic sample history (and its calendars).
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-data",
        abstract: "Generate a realistic, deterministic contact history (CSV).",
        discussion: """
            Writes every 30-minute interval of the given years in Europe/Berlin for the queues \
            billing (voice, ~1,000 calls a day), vip (voice, ~80 a day) and webchat (chat), and \
            generated queues beyond the third. The same flags always give the same bytes. \
            SampleData/ was made with the defaults.

            Example:
              ccplan sample-data --out SampleData/contact-history.csv \\
                --holidays SampleData/holidays.csv --events SampleData/events.csv
              ccplan sample-data --out /tmp/big.csv --queues 240 --years 1
              # after make demo: the four weeks after the history as actuals, for ccplan monitor
              ccplan sample-data --out SampleData/contact-history.csv \\
                --plan plan-output --actuals SampleData/actuals.csv
            """)

    @Option(help: ArgumentHelp("The history CSV to write.", valueName: "file"))
    var out: String

    @Option(help: "The number of queues (1 or more).")
    var queues: Int = 3

    @Option(help: "Years of history, ending on --end.")
    var years: Int = 2

    @Option(help: ArgumentHelp("The last day of the history (YYYY-MM-DD).", valueName: "date"))
    var end: String = "2026-10-31"

    @Option(help: "The random seed.")
    var seed: UInt64 = 20_261_031

    @Option(help: ArgumentHelp("Also write the public holidays (date,name) to this file.", valueName: "file"))
    var holidays: String?

    @Option(
        help: ArgumentHelp("Also write the volume events (start,end,queue,factor) to this file.", valueName: "file"))
    var events: String?

    @Option(
        help: ArgumentHelp(
            "Also write four weeks of actuals after the history, for the plan in --plan (the monitor demo).",
            valueName: "file"))
    var actuals: String?

    @Option(help: ArgumentHelp("The plan the actuals are for (a directory written by ccplan plan).", valueName: "dir"))
    var plan: String?

    func validate() throws {
        if (actuals == nil) != (plan == nil) {
            throw usageError(actuals == nil ? "--plan" : "--actuals", "--actuals and --plan go together")
        }
        guard queues >= 1 else { throw usageError("--queues", "expected 1 or more, found \(queues)") }
        guard (1...50).contains(years) else { throw usageError("--years", "expected 1 to 50, found \(years)") }
        guard CivilDate(end) != nil else { throw usageError("--end", "expected a date YYYY-MM-DD, found \"\(end)\"") }
    }

    func run() throws {
        guard let lastDay = CivilDate(end) else { throw usageError("--end", "expected a date YYYY-MM-DD") }
        let generator = SampleHistoryGenerator(queueCount: queues, years: years, lastDay: lastDay, seed: seed)
        do {
            let rows = try generator.writeHistory(to: out)
            if let holidays { try AtomicTextFile.write(generator.holidaysCSV(), to: holidays) }
            if let events { try AtomicTextFile.write(SampleHistoryGenerator.eventsCSV(), to: events) }
            if let actuals, let plan {
                let directory: PlanDirectory
                do { directory = try PlanDirectory.read(path: plan, scenario: "base") } catch {
                    throw fail(ExitStatus.dataError, error.description)
                }
                try AtomicTextFile.write(try SampleActuals.csv(plan: directory, generator: generator), to: actuals)
                printError("ccplan: wrote four weeks of actuals after \(generator.lastDay) to \(actuals)")
            }
            printError("ccplan: wrote \(rows) rows (\(generator.firstDay) to \(generator.lastDay)) to \(out)")
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw fail(ExitStatus.temporaryFailure, "cannot write the sample data: \(error.localizedDescription)")
        }
    }
}
