import ArgumentParser
import Batch
import Foundation
import Logging

extension LogFormat: ExpressibleByArgument {}

/// The logging flags of `batch` and `merge`.
struct BatchLogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Log format on standard error: text or json (one object a line).", valueName: "format"))
    var logFormat: LogFormat = .text

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw usageError(
                "--log-level", "expected trace, debug, info, notice, warning, error or critical, got '\(logLevel)'")
        }
    }

    func logger(_ label: String) -> Logger {
        let level = Logger.Level(rawValue: logLevel.lowercased()) ?? .info
        let format = logFormat
        return Logger(label: label) { label in BatchLogHandler(label: label, format: format, level: level) }
    }
}

/// Turns a batch failure into ccplan's exit status.
func exitStatus(_ error: BatchFailure) -> ExitCode {
    switch error {
    case .usage(let m): return fail(ExitStatus.usage, m)
    case .data(let m): return fail(ExitStatus.dataError, m)
    case .cannotCreate(let m): return fail(ExitStatus.cannotCreate, m)
    case .temporary(let m): return fail(ExitStatus.temporaryFailure, m)
    }
}

/// `ccplan batch`: plans every queue of a config's inputs unattended (cron, cluster array jobs).
struct BatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Forecast and plan every queue of a config, in parallel, resumably (cron, cluster shards).",
        discussion: """
            Reads the inputs the config names (history or forecast files and globs), plans every \
            queue under its per-group and per-queue assumptions, and writes forecast.csv, \
            intervals.csv, daily.csv, weekly.csv, monthly.csv, failures.csv and manifest.json into \
            the output directory (atomically; a lock keeps overlapping runs out). A queue with bad \
            data is skipped and listed in failures.csv; when no queue can be planned, the previous \
            complete output in the directory is kept. A rerun with unchanged inputs and config \
            does nothing; an interrupted run resumes where it stopped. --out may be a symbolic \
            link (the files go where it points); a directory holding files of the names batch \
            writes without a batch manifest.json is refused (exit 73). Reference: docs/batch.md.

            Sharding: --shard i/N, or from the environment of Kubernetes Indexed Jobs \
            (JOB_COMPLETION_INDEX + CCPLAN_SHARD_COUNT), Slurm job arrays (SLURM_ARRAY_TASK_ID, \
            SLURM_ARRAY_TASK_MIN, SLURM_ARRAY_TASK_COUNT) or AWS Batch array jobs \
            (AWS_BATCH_JOB_ARRAY_INDEX + AWS_BATCH_JOB_ARRAY_SIZE). A shard writes \
            DIR/part-0000i-of-0000N/; `ccplan merge DIR --out FINAL` combines the parts.

            Exit status: 0 every queue planned; 65 some queues had bad input (the others are \
            written; see failures.csv), or none could be planned (the previous output is kept), \
            or an input pattern matches no file; 64 bad config (file:line:column) or usage; 73 \
            --out holds files that are not ccplan's; 75 transient (output not writable, lock \
            held): retry.

            Example:
              ccplan batch --config SampleData/batch.yaml --out batch-output
            """)

    @Option(help: ArgumentHelp("The batch config (YAML; schema in docs/batch.md).", valueName: "file"))
    var config: String

    @Option(
        help: ArgumentHelp(
            "Plan shard i of N (0-based), e.g. 3/16. Default: from the cluster's environment, else the whole run.",
            valueName: "i/N"))
    var shard: String?

    @Option(help: ArgumentHelp("Output directory (default: the config's outputs.dir).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Queues planned at once (default: every core).", valueName: "n"))
    var workers: Int?

    @Flag(help: "Redo every queue, even when the last run with the same inputs and config finished.")
    var force = false

    @Flag(help: "No progress bar or progress lines.")
    var noProgress = false

    @Option(
        help: ArgumentHelp(
            "Seconds between progress lines when standard error is not a terminal.", valueName: "seconds"))
    var progressInterval: Double = 10

    @OptionGroup var logging: BatchLogOptions

    func validate() throws {
        if let shard, ShardSpec.parse(shard) == nil {
            throw usageError("--shard", "expected i/N with 0 ≤ i < N, e.g. 3/16; got '\(shard)'")
        }
        if let workers, workers < 1 { throw usageError("--workers", "expected 1 or more, got \(workers)") }
        guard progressInterval > 0 else { throw usageError("--progress-interval", "must be positive") }
    }

    func run() async throws {
        let logger = logging.logger("ccplan.batch")
        let parsed: BatchConfig
        do { parsed = try BatchConfig.load(config) } catch { throw fail(ExitStatus.usage, error.description) }
        guard let root = out ?? parsed.outputDirectory else {
            throw usageError("--out", "give an output directory (--out DIR or outputs.dir in the config)")
        }
        var options = BatchOptions(config: parsed, outputRoot: root)
        if let shard, let spec = ShardSpec.parse(shard) {
            options.shard = spec
            options.shardSource = "flag"
        } else {
            do {
                if let (spec, engine) = try ShardSpec.fromEnvironment(ProcessInfo.processInfo.environment) {
                    options.shard = spec
                    options.shardSource = engine
                }
            } catch {
                throw fail(ExitStatus.usage, "shard from the environment: \(error.description)")
            }
        }
        if let workers { options.workers = workers }
        options.force = force
        options.progress = !noProgress
        options.progressInterval = progressInterval
        options.version = CCPlanVersion.string
        logger.info(
            "batch started",
            metadata: [
                "config": "\(config)", "out": "\(options.outputDirectory)", "shard": "\(options.shard)",
                "shard_source": "\(options.shardSource ?? "none")", "workers": .stringConvertible(options.workers),
                "version": "\(CCPlanVersion.string)",
            ])
        let summary: BatchSummary
        do {
            let opts = options
            summary = try await BatchRun.run(opts, logger: logger)
        } catch {
            throw exitStatus(error)
        }
        if summary.keptPrevious {
            throw fail(
                ExitStatus.dataError,
                "no queue could be planned (\(summary.failures.count) failed: see the log above); the previous complete output in \(summary.outputDirectory) is kept unchanged"
            )
        }
        if !summary.failures.isEmpty {
            throw fail(
                ExitStatus.dataError,
                "\(summary.failures.count) queue(s) not planned because of bad input; \(summary.planned) planned; see \(summary.outputDirectory)/failures.csv"
            )
        }
    }
}
