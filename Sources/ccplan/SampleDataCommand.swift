import CCPlanBase
import ArgumentParser
import ContactHistory
import Foundation

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

    @Option(help: ArgumentHelp("Also write the volume events (start,end,queue,factor) to this file.", valueName: "file"))
    var events: String?

    func validate() throws {
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
            printError("ccplan: wrote \(rows) rows (\(generator.firstDay) to \(generator.lastDay)) to \(out)")
        } catch {
            throw fail(ExitStatus.temporaryFailure, "cannot write the sample data: \(error.localizedDescription)")
        }
    }
}
