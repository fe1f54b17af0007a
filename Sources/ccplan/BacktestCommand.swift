import ArgumentParser
import ContactHistory
import Foundation
import Planning

/// `ccplan backtest`: how accurate each model would have been on each queue's own history.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin accuracy of the forecasting models on your history.",
        discussion: """
            For each fold, every model trains on all history before the fold's origin and forecasts \
            the horizon in one shot; folds are --step apart and the last ends with the history. \
            Reports per queue and model WAPE, MAPE (over actual > 0), RMSE, bias (forecast − actual \
            ÷ actual), MASE against the seasonal naive, and fit + predict time; the model auto would \
            pick is marked with *. The baselines (seasonal-naive, seasonal-average, \
            same-day-last-year, last-year-growth) are models like the others. A second table gives \
            WAPE (bias) of interval, day, ISO-week and calendar-month totals (whole periods inside a \
            fold) and the share of intervals inside each model's p10–p90 range.

            Examples:
              ccplan backtest --history SampleData/contact-history.csv \\
                --timezone Europe/Berlin --horizon 14d --folds 6 --step 14d \\
                --holidays SampleData/holidays.csv
              ccplan backtest --history SampleData/contact-history.csv \\
                --timezone Europe/Berlin --horizon 52w --folds 3 --step 26w \\
                --models auto,day-level,same-day-last-year,last-year-growth
            """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("History files (CSV).", valueName: "file"))
    var history: [String] = []

    @OptionGroup var ingest: IngestOptions

    @Option(
        help: ArgumentHelp("Forecast horizon of each fold (whole days).", valueName: "duration"),
        transform: DurationArgument.parse)
    var horizon: DurationArgument

    @Option(help: "Number of folds.")
    var folds: Int = 4

    @Option(
        help: ArgumentHelp("Distance between fold origins (default: the horizon).", valueName: "duration"),
        transform: DurationArgument.parse)
    var step: DurationArgument?

    @Option(help: ArgumentHelp("Models to compare, comma-separated (default: all).", valueName: "list"))
    var models: String = ModelChoice.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: ArgumentHelp("Closed days: a CSV with date,name[,queue].", valueName: "file"))
    var holidays: String?

    @Option(help: ArgumentHelp("Campaigns: a CSV with start,end,queue,factor.", valueName: "file"))
    var events: String?

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }
    @Option(help: "Output format: table, csv or json.")
    var format: Format = .table

    func validate() throws {
        guard !history.isEmpty else { throw usageError("--history", "expected at least one history file") }
        guard horizon.seconds >= 86_400, horizon.seconds.truncatingRemainder(dividingBy: 86_400) == 0 else {
            throw usageError("--horizon", "must be a whole number of days, e.g. 14d")
        }
        if let reason = ForecastRequest.checkHorizon(horizon.seconds) { throw usageError("--horizon", reason) }
        if let step, step.seconds < 86_400 || step.seconds.truncatingRemainder(dividingBy: 86_400) != 0 {
            throw usageError("--step", "must be a whole number of days, e.g. 7d")
        }
        guard (1...52).contains(folds) else { throw usageError("--folds", "must be between 1 and 52") }
        _ = try modelChoices()
    }

    func modelChoices() throws -> [ModelChoice] {
        try models.split(separator: ",").map { name in
            guard let m = ModelChoice(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                throw usageError(
                    "--models",
                    "unknown model '\(name)'; expected \(ModelChoice.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return m
        }
    }

    func run() throws {
        let contacts = try ingest.load(history)
        let holidayList = try holidays.map { path in try withPlanningErrors { try CalendarFiles.holidays(path) } } ?? []
        let eventList = try events.map { path in try withPlanningErrors { try CalendarFiles.events(path) } } ?? []
        let days = Int(horizon.seconds / 86_400)
        let stepDays = Int((step?.seconds ?? horizon.seconds) / 86_400)
        let choices = try modelChoices()
        var rows: [BacktestRow] = []
        for series in contacts.series {
            rows += try withPlanningErrors {
                try BacktestRun.run(
                    series, models: choices, horizonDays: days, folds: folds, stepDays: stepDays,
                    holidays: holidayList, events: eventList)
            }
        }
        switch format {
        case .table: print(BacktestReport.table(rows), terminator: "")
        case .csv: print(BacktestReport.csv(rows), terminator: "")
        case .json: print(BacktestReport.json(rows), terminator: "")
        }
    }
}
