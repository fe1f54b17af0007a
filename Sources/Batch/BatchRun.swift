import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

/// Why a batch (or merge) stopped, by exit status: usage or config 64, data 65, an output place
/// that is not ccplan's 73, transient 75.
public enum BatchFailure: Error, Sendable, CustomStringConvertible {
    case usage(String)
    case data(String)
    /// The output directory holds files ccplan did not write (EX_CANTCREAT).
    case cannotCreate(String)
    case temporary(String)

    public var description: String {
        switch self {
        case .usage(let m), .data(let m), .cannotCreate(let m), .temporary(let m): return m
        }
    }

    /// The failure of a step's error, the one table from the steps' failure types to exit
    /// statuses: a config problem (``FileIssue``) is usage; bad inputs (``InputProblem``), bad
    /// calendars or damaged parts (``PartProblem/damaged(_:)``) are data; an output place ccplan
    /// refuses (``OutputError/Kind/refused``) is cannot-create; an output that cannot be written
    /// (``OutputError/Kind/cannotWrite``), a held lock
    /// (``OutputLock/Held``) or a missing shard (``PartProblem/notReady(_:)``) is temporary.
    init(_ error: any Error) {
        switch error {
        case let e as BatchFailure: self = e
        case let e as FileIssue: self = .usage(e.description)
        case let e as InputProblem: self = .data(e.description)
        case let e as PartProblem:
            switch e {
            case .notReady(let m): self = .temporary(m)
            case .damaged(let m), .mismatched(let m): self = .data(m)
            case .usage(let m): self = .usage(m)
            }
        case let e as OutputError: self = e.kind == .refused ? .cannotCreate(e.description) : .temporary(e.description)
        case let e as OutputLock.Held: self = .temporary(e.description)
        default: self = .temporary("\(error)")
        }
    }
}

/// Inputs that cannot be used at all (an input pattern matching no file, a file that cannot be
/// hashed, a malformed holidays or events file): exit 65, nothing written.
public struct InputProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
}

/// How to run a batch.
public struct BatchOptions: Sendable {
    public var config: BatchConfig
    /// The output root; a shard writes into `<root>/part-0000i-of-0000N`.
    public var outputRoot: String
    public var shard: ShardSpec = .all
    /// Where the shard came from (`flag`, `kubernetes`, `slurm`, …), for the manifest.
    public var shardSource: String?
    /// Queues planned at once (≥ 1).
    public var workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Redo every queue even when the manifest says they are done.
    public var force = false
    /// Show a progress bar (terminal) or periodic progress lines (otherwise).
    public var progress = true
    public var progressInterval: TimeInterval = 10
    public var version: String = PlanningVersion.current

    public init(config: BatchConfig, outputRoot: String) {
        self.config = config
        self.outputRoot = outputRoot
    }

    /// The directory this run writes.
    public var outputDirectory: String { shard.isWhole ? outputRoot : outputRoot + "/" + shard.partName }
}

/// What a batch did.
public struct BatchSummary: Sendable {
    public var outputDirectory: String
    public var planned: Int
    public var reused: Int
    public var failures: [QueueFailure]
    /// The previous run with the same inputs and config had finished: nothing was done.
    public var upToDate: Bool
    /// No queue could be planned, so the previous complete output was kept as it was.
    public var keptPrevious = false
    public var seconds: Double
}

/// `ccplan batch`: plan every queue of the config's inputs (or one shard's share of them),
/// in parallel, with failures isolated per queue, resumable, atomically written.
public enum BatchRun {
    static let workDirectoryName = ".ccplan-work"

    /// Runs a batch: the steps of ``BatchRunner``.
    ///
    /// - Throws: ``BatchFailure``. Queue failures are not thrown: they are in the summary
    ///   (and `failures.csv`); the caller exits 65 when there are any.
    public static func run(_ options: BatchOptions, work: any QueueWork = PlanningWork(), logger: Logger)
        async throws(BatchFailure) -> BatchSummary
    {
        do {
            return try await BatchRunner(options: options, work: work, logger: logger).run()
        } catch {
            throw BatchFailure(error)
        }
    }
}

/// One batch run, step by step. Each step names what it throws; ``BatchFailure/init(_:)`` maps
/// those to exit statuses in one place.
struct BatchRunner {
    let options: BatchOptions
    let work: any QueueWork
    let logger: Logger
    let started = Date()

    var config: BatchConfig { options.config }
    /// The output directory (a shard's part directory).
    var dir: String { options.outputDirectory }
    var workDir: String { dir + "/" + BatchRun.workDirectoryName }
    var manifestPath: String { dir + "/manifest.json" }

    func fragmentPath(_ queue: String, _ channel: Channel) -> String {
        workDir + "/queues/" + Fragment.fileName(queue: queue, channel: channel)
    }

    /// The steps. A killed run can be rerun at any point: it resumes from the fragments the
    /// killed run finished.
    func run() async throws -> BatchSummary {
        let lock = try acquireOutput()
        defer { lock.release() }
        let inputs = try await loadInputs()
        if let done = upToDate(inputs) { return done }
        var manifest = try startManifest(inputs)
        let shared = try readSharedFiles()
        let loaded = await inputs.parsed()
        let planned = try await planQueues(loaded, inputs: inputs, shared: shared)
        if let kept = try keepPreviousOutput(planned, inputs: inputs) { return kept }
        let assembly = try writeOutputs(planned)
        return try finishManifest(&manifest, assembly, reused: planned.reused)
    }
}

/// `x` rounded to `digits` decimals, for log metadata.
func rounded(_ x: Double, _ digits: Int) -> Double {
    let p = pow(10.0, Double(digits))
    return (x * p).rounded() / p
}

/// The rank of a channel name in `Channel`'s order (unknown names last).
func channelRank(_ name: String) -> Int {
    Channel(rawValue: name).flatMap { Channel.allCases.firstIndex(of: $0) } ?? Channel.allCases.count
}
