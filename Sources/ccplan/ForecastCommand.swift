import ArgumentParser
import CCPlanBase
import ContactHistory
import Forecasting
import Foundation
import Planning

/// `ccplan forecast`: contact volume, its range and AHT per interval, from history.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast contacts and handle time per interval from history.",
        discussion: """
            Each queue and channel is forecast on its own local calendar (date × interval of day, \
            so holidays, missing days and DST do not shift the weekly cycle). --model auto pools, \
            on the queue's own history, the three interval models with the lowest backtest RMSE \
            for the first weeks and, for horizons beyond 28 days, takes the day-level model alone \
            or hedged with last year's numbers, as a long-horizon backtest prefers, blended by \
            lead time (docs/forecasting.md). --horizon in days \
            or weeks counts local days.

            Output columns: queue,channel,interval_start,volume,volume_p10,volume_p90,aht_seconds,model \
            (quantile columns follow --quantiles), sorted by queue, channel and time, closed intervals \
            included with volume 0.

            Example:
              ccplan forecast --history SampleData/contact-history.csv \\
                --timezone Europe/Berlin --horizon 28d \\
                --holidays SampleData/holidays.csv --out forecast.csv
            """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("History files (CSV).", valueName: "file"))
    var history: [String] = []

    @OptionGroup var ingest: IngestOptions
    @OptionGroup var forecast: ForecastOptions

    @Option(help: ArgumentHelp("Write here instead of standard output (atomically).", valueName: "file"))
    var out: String?

    @Option(
        help:
            "Queues forecast at once, and threads reading a large history file (default: all cores); the output does not depend on it."
    )
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }
    @Option(help: "Output format: csv or json.")
    var format: Format = .csv

    func validate() throws {
        guard !history.isEmpty else { throw usageError("--history", "expected at least one history file") }
        guard forecast.horizon != nil else { throw usageError("--horizon", "is required, e.g. --horizon 28d") }
        guard workers >= 1 else { throw usageError("--workers", "must be at least 1") }
    }

    func run() throws {
        let options = try ingest.readOptions()
        let request = try forecast.request(timeZone: options.timeZone)
        let contacts = try ingest.load(history, workers: workers)
        let forecasts = try withPlanningErrors {
            try Parallel.map(contacts.series, workers: workers) { series in
                Result { () throws(PlanError) in try ForecastPipeline.forecast(series, request) }
            }.map { try $0.get() }
        }
        let text: String
        switch format {
        case .csv: text = ForecastCSV.render(forecasts)
        case .json: text = ForecastJSON.render(forecasts)
        }
        try emit(text, to: out)
    }
}
