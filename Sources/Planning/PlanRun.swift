import CCPlanBase
import ContactHistory
import Forecasting
import Foundation

/// Everything `ccplan plan` needs.
public struct PlanInputs: Sendable {
    /// History files (used when ``forecastPath`` is nil).
    public var historyPaths: [String] = []
    public var readOptions = HistoryReadOptions()
    /// What to forecast from the history.
    public var request = ForecastRequest(horizonSeconds: 13 * 7 * 86_400)
    /// An external forecast to plan instead of forecasting history.
    public var forecastPath: String?
    /// Time zone of an external forecast's local timestamps and roll-ups.
    public var timeZone = TimeZone(identifier: "UTC")!
    /// The base assumptions (command line).
    public var assumptions = PlanAssumptions()
    public var scenarioFile: ScenarioFile?
    /// Files to record in the provenance besides the history and forecast (holidays, events, scenarios).
    public var otherInputs: [String] = []
    public var title = "Contact centre staffing plan"
    /// The time recorded as `generated_at` (`SOURCE_DATE_EPOCH` makes it reproducible).
    public var generatedAt = Date()
    /// Queues forecast and planned at once (the results do not depend on it).
    public var workers = ProcessInfo.processInfo.activeProcessorCount

    public init() {}
}

/// A finished plan: every scenario, the roll-ups and the text of every output file.
public struct PlanResult: Sendable {
    public var forecasts: [QueueForecast]
    public var scenarios: [ScenarioPlan]
    public var daily: [PeriodTotals]
    public var weekly: [PeriodTotals]
    public var monthly: [PeriodTotals]
    public var scenarioMonths: [PlanFiles.ScenarioMonth]
    public var quality: [SeriesQuality]
    /// The history the forecasts came from (empty when an external forecast was planned).
    public var history: [IntervalSeries] = []
    /// The output files, in the order they are written.
    public var files: [File]
    /// The stdout summary (base scenario, per queue and month).
    public var summary: String

    /// The text of the file `name`, nil when the plan has no such file.
    public func text(of name: String) -> String? {
        files.first { $0.name == name }.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    /// One output file: its name and its UTF-8 contents as parts written one after the other (a
    /// CSV file's header, then each queue's rows), so that they are never joined in memory.
    public struct File: Sendable {
        public var name: String
        public var parts: [[UInt8]]

        public init(name: String, parts: [[UInt8]]) {
            self.name = name
            self.parts = parts
        }

        /// The whole contents.
        public var bytes: [UInt8] { parts.count == 1 ? parts[0] : Array(parts.joined()) }
    }
}

/// `ccplan plan`: history (or a forecast) → forecast → staffing under every scenario → files.
public enum PlanRun {
    /// Makes the plan in memory; nothing is written.
    ///
    /// - Throws: `HistoryError` for bad history (exit 65), ``PlanError`` otherwise.
    /// - Complexity: O(queues × (forecast + horizon intervals × scenarios × solver)).
    public static func make(_ inputs: PlanInputs) throws -> PlanResult {
        try inputs.assumptions.validate()
        var outputs: [QueueOutputs] = []
        var quality: [SeriesQuality] = []
        var historySeries: [IntervalSeries] = []
        if let path = inputs.forecastPath {
            let forecasts = try ForecastCSV.read(
                path: path, timeZone: inputs.timeZone, defaultAHT: inputs.request.defaultAHT)
            let (assumptions, scenarios) = (inputs.assumptions, inputs.scenarioFile)
            outputs = try Parallel.map(forecasts, workers: inputs.workers) { f in
                Result { () throws(PlanError) in
                    try QueuePlanning.plan(f, assumptions: assumptions, scenarios: scenarios)
                }
            }.map { try $0.get() }
        } else {
            let history = try HistoryReader(options: inputs.readOptions, workers: inputs.workers).read(
                inputs.historyPaths)
            guard !history.series.isEmpty else { throw PlanError.badHistory("the history has no rows") }
            quality = history.series.map(SeriesQuality.init)
            historySeries = history.series
            let (request, assumptions, scenarios) = (inputs.request, inputs.assumptions, inputs.scenarioFile)
            // In parallel across queues; the first error in queue order is reported.
            outputs = try Parallel.map(history.series, workers: inputs.workers) { series in
                Result { () throws(PlanError) in
                    try QueuePlanning.planQueue(
                        series, request: request, assumptions: assumptions, scenarios: scenarios)
                }
            }.map { try $0.get() }
        }
        outputs.sort { ($0.forecast.queue, $0.forecast.channel) < ($1.forecast.queue, $1.forecast.channel) }
        let forecasts = outputs.map(\.forecast)
        let levels = forecasts.first?.quantileLevels ?? inputs.request.quantileLevels

        // Scenario views (for the JSON, the report and scenarios.csv).
        let names = QueuePlanning.scenarioSpecs(inputs.scenarioFile)
        // Each queue's plans by scenario name, once (a search per scenario was O(scenarios²)).
        let plansByName = outputs.map { o in Dictionary(o.plans.map { ($0.scenario, $0) }) { first, _ in first } }
        let scenarios = names.map { s in
            ScenarioPlan(name: s.name, description: s.description, queues: plansByName.compactMap { $0[s.name] })
        }
        var daily: [PeriodTotals] = [], weekly: [PeriodTotals] = [], monthly: [PeriodTotals] = []
        for o in outputs {
            for r in o.rollUps {
                daily += r.daily
                weekly += r.weekly
                monthly += r.monthly
            }
        }
        let months = PlanFiles.scenarioMonths(monthly, scenarios: names.map(\.name))
        // Each file: its header, then every queue's rows in (queue, channel) order.
        var files: [PlanResult.File] = QueuePlanning.fileNames.map { name in
            PlanResult.File(
                name: name,
                parts: [Array(QueuePlanning.header(for: name, quantileLevels: levels).utf8)]
                    + outputs.map { o in o.rows.first { $0.name == name }?.bytes ?? [] })
        }
        if inputs.scenarioFile != nil {
            files.append(
                PlanResult.File(name: "scenarios.csv", parts: [Array(PlanFiles.scenarios(months, base: "base").utf8)]))
        }
        var result = PlanResult(
            forecasts: forecasts, scenarios: scenarios, daily: daily, weekly: weekly, monthly: monthly,
            scenarioMonths: months, quality: quality, history: historySeries, files: files, summary: "")
        // plan.json and report.html at once: both only read the result.
        let finished = result
        let documents = Parallel.map(["plan.json", "report.html"], workers: inputs.workers) { name -> [UInt8] in
            name == "plan.json"
                ? PlanJSON.render(finished, inputs: inputs)
                : PlanReportPage.render(ReportBuilder.document(finished, inputs: inputs)).bytes
        }
        result.files += [
            PlanResult.File(name: "plan.json", parts: [documents[0]]),
            PlanResult.File(name: "report.html", parts: [documents[1]]),
        ]
        result.summary = summaryTable(monthly.filter { $0.scenario == "base" })
        return result
    }

    /// Writes the plan's files into `directory`, replacing it only once every file is complete,
    /// and only when it is absent, empty or a plan (``PlanOutput``).
    ///
    /// - Throws: ``OutputError``: refused for a directory that is not a plan (exit 73), or when
    ///   the directory cannot be written (exit 75).
    public static func write(_ result: PlanResult, to directory: String) throws {
        try PlanOutput.write(result.files, to: directory)
    }

    /// The per queue and month summary printed on stdout.
    public static func summaryTable(_ monthly: [PeriodTotals]) -> String {
        let header = ["queue", "channel", "month", "volume", "FTE", "expected SL"]
        var rows: [[String]] = monthly.map {
            [
                $0.queue, $0.channel.rawValue, $0.period, groupThousands(Int($0.volume.rounded())), fixed($0.fte, 1),
                $0.expectedServiceLevel.map { fixed($0 * 100, 1) + "%" } ?? "–",
            ]
        }
        rows.insert(header, at: 0)
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c < 3 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

/// 1234567 → "1,234,567".
public func groupThousands(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}
