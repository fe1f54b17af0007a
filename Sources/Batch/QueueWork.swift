import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// What one queue is planned from.
public enum QueueInput: Sendable {
    case history(IntervalSeries)
    case forecast(QueueForecast)
}

/// One unit of work: a queue and channel with its input.
public struct QueueItem: Sendable {
    public var queue: String
    public var channel: Channel
    public var input: QueueInput

    public init(queue: String, channel: Channel, input: QueueInput) {
        self.queue = queue
        self.channel = channel
        self.input = input
    }
}

/// Everything one queue is planned under.
public struct QueueSettings: Sendable {
    public var request: ForecastRequest
    public var assumptions: PlanAssumptions
    public var scenarios: ScenarioFile?

    public init(request: ForecastRequest, assumptions: PlanAssumptions, scenarios: ScenarioFile?) {
        self.request = request
        self.assumptions = assumptions
        self.scenarios = scenarios
    }
}

/// What one queue contributes to the output files: rows without headers, each ending in "\n".
public struct QueueRows: Sendable {
    public var files: [(name: String, rows: String)]
    /// The forecasting model used, for the manifest.
    public var model: String?
    /// The assumptions the queue was planned under, per scenario (for the manifest, so that
    /// `ccplan monitor` can apply the plan's own model to actuals).
    public var assumptions: [(scenario: String, assumptions: PlanAssumptions)]

    public init(
        files: [(name: String, rows: String)], model: String? = nil,
        assumptions: [(scenario: String, assumptions: PlanAssumptions)] = []
    ) {
        self.files = files
        self.model = model
        self.assumptions = assumptions
    }
}

/// The unit of work of a batch: forecasting and planning one queue. The batch orchestration
/// (workers, fragments, manifest, merge) only sees this protocol; tests plug in a fake.
public protocol QueueWork: Sendable {
    /// The header line (with "\n") of an output file.
    func header(for file: String, quantileLevels: [Double]) -> String
    /// Plans one queue.
    func run(_ item: QueueItem, _ settings: QueueSettings) throws -> QueueRows
}

/// The real work: Planning's `QueuePlanning` (forecast + staffing under every scenario).
public struct PlanningWork: QueueWork {
    public init() {}

    public func header(for file: String, quantileLevels: [Double]) -> String {
        QueuePlanning.header(for: file, quantileLevels: quantileLevels)
    }

    public func run(_ item: QueueItem, _ settings: QueueSettings) throws -> QueueRows {
        let outputs: QueueOutputs
        switch item.input {
        case .history(let series):
            outputs = try QueuePlanning.planQueue(
                series, request: settings.request, assumptions: settings.assumptions, scenarios: settings.scenarios)
        case .forecast(let forecast):
            guard forecast.quantileLevels == settings.request.quantileLevels else {
                throw PlanError.badForecast(
                    "\(item.queue)/\(item.channel.rawValue): the forecast's quantile levels \(forecast.quantileLevels) differ from the config's \(settings.request.quantileLevels) (set forecast.quantiles)"
                )
            }
            try settings.assumptions.validate()
            outputs = try QueuePlanning.plan(forecast, assumptions: settings.assumptions, scenarios: settings.scenarios)
        }
        return QueueRows(
            files: outputs.files, model: outputs.forecast.model,
            assumptions: outputs.plans.map { ($0.scenario, $0.assumptions) })
    }
}
