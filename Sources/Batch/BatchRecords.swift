import CCPlanBase
import ContactHistory

/// The state of a batch output directory, as its `manifest.json` says.
public enum RunStatus: String, Sendable, Hashable {
    /// A run is writing (or was killed while writing): the CSV files are not to be trusted.
    case running
    /// Every output file is in place and matches the manifest.
    case complete
}

/// What became of one queue.
public enum QueueStatus: String, Sendable, Hashable {
    /// Forecast and planned: its rows are in the output files.
    case planned
    /// Not planned: the reason is in `failures.csv`.
    case failed
}

/// Where a queue failed.
public enum FailureStage: String, Sendable, Hashable, Comparable {
    /// Reading its history or forecast.
    case input
    /// Forecasting and staffing it.
    case plan

    public static func < (a: FailureStage, b: FailureStage) -> Bool { a.rawValue < b.rawValue }
}

/// What an input file of a run is.
public enum InputRole: String, Sendable, Hashable, CaseIterable {
    // In the order a merged manifest lists its inputs.
    case history, forecast, holidays, events, scenarios
    /// The batch config itself (hashed into the run key, listed apart in the manifest).
    case config

    /// The rank of the role in ``allCases``, for sorting.
    var rank: Int { InputRole.allCases.firstIndex(of: self)! }
}

/// A queue that could not be planned (or a file whose queues are unknown: empty queue).
public struct QueueFailure: Sendable, Hashable {
    public var queue: String
    /// The channel's name, or "" for a file-level failure.
    public var channel: String
    /// Reading the history or forecast, or forecasting and staffing.
    public var stage: FailureStage
    public var message: String

    public init(queue: String, channel: String, stage: FailureStage, message: String) {
        self.queue = queue
        self.channel = channel
        self.stage = stage
        self.message = message
    }

    /// The failures.csv header.
    public static let csvHeader = "queue,channel,stage,message\n"

    public var csvRow: String {
        [queue, channel, stage.rawValue, message.replacingOccurrences(of: "\n", with: " | ")].map(csvField).joined(
            separator: ",") + "\n"
    }

    /// Order of failures.csv: by queue, channel, stage, message (file-level ones, queue "", first).
    static func < (a: QueueFailure, b: QueueFailure) -> Bool {
        (a.queue, a.channel, a.stage, a.message) < (b.queue, b.channel, b.stage, b.message)
    }
}

/// An input file and its SHA-256.
public struct InputFile: Sendable, Hashable {
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var role: InputRole
}
