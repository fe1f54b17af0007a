import ArgumentParser
import ContactHistory
import Foundation
import Planning

extension ModelChoice: ExpressibleByArgument {}

/// The forecasting flags shared by `forecast`, `backtest` and `plan`.
struct ForecastOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("How far ahead to forecast, e.g. 4w as 28d, 13w as 91d, 2160h.", valueName: "duration"),
        transform: DurationArgument.parse)
    var horizon: DurationArgument?

    @Option(
        help: ArgumentHelp(
            "First interval of the forecast, ISO 8601 (default: the interval after the last history interval).",
            valueName: "time"))
    var start: String?

    @Option(
        help: ArgumentHelp(
            "Forecasting model: \(ModelChoice.allCases.map(\.rawValue).joined(separator: ", ")). auto picks per queue by backtest.",
            valueName: "model"))
    var model: ModelChoice = .auto

    @Option(help: ArgumentHelp("Closed days: a CSV with date,name[,queue].", valueName: "file"))
    var holidays: String?

    @Option(help: ArgumentHelp("Campaigns and mailings: a CSV with start,end,queue,factor.", valueName: "file"))
    var events: String?

    @Option(help: ArgumentHelp("Quantile levels of the forecast range, comma-separated.", valueName: "levels"))
    var quantiles: String = "0.1,0.9"

    @Option(
        help: ArgumentHelp("Handle time to use when the history has none.", valueName: "duration"),
        transform: DurationArgument.parse)
    var aht: DurationArgument?

    func validate() throws {
        if let horizon, let reason = ForecastRequest.checkHorizon(horizon.seconds) {
            throw usageError("--horizon", reason)
        }
    }

    func quantileLevels() throws -> [Double] {
        var levels: [Double] = []
        for part in quantiles.split(separator: ",") {
            guard let q = Double(part.trimmingCharacters(in: .whitespaces)), q > 0, q < 1 else {
                throw usageError("--quantiles", "expected levels between 0 and 1 such as 0.1,0.9; got '\(part)'")
            }
            levels.append(q)
        }
        guard !levels.isEmpty else { throw usageError("--quantiles", "expected at least one level") }
        return Array(Set(levels)).sorted()
    }

    /// The forecast request these flags describe (`horizon` must be set).
    func request(timeZone: TimeZone) throws -> ForecastRequest {
        guard let horizon else { throw usageError("--horizon", "a positive duration is required, e.g. 28d") }
        if let reason = ForecastRequest.checkHorizon(horizon.seconds) { throw usageError("--horizon", reason) }
        var request = ForecastRequest(horizonSeconds: horizon.seconds)
        if let start {
            guard let t = Timestamps.parse(start, timeZone: timeZone) else {
                throw usageError(
                    "--start",
                    "'\(start)' is not an ISO 8601 time (e.g. 2026-11-02T00:00 or 2026-11-02T00:00:00+01:00) that exists in \(timeZone.identifier)"
                )
            }
            request.start = t
        }
        request.model = model
        request.quantileLevels = try quantileLevels()
        if let aht {
            guard aht.seconds > 0 else { throw usageError("--aht", "must be positive") }
            request.defaultAHT = aht.seconds
        }
        if let holidays { request.holidays = try withPlanningErrors { try CalendarFiles.holidays(holidays) } }
        if let events { request.events = try withPlanningErrors { try CalendarFiles.events(events) } }
        return request
    }

    /// The calendar files given, for provenance.
    var calendarFiles: [String] { [holidays, events].compactMap { $0 } }
}
