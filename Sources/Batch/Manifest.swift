import CCPlanBase
import ContactHistory
import Foundation
import Planning

/// `manifest.json` of a batch output directory (a single run, one shard's part, or a merge).
///
/// Written atomically at the start of a run (`status: running`) and again, last of all, when
/// every output file is in place (`status: complete`). A reader (a merge, a dashboard, the next
/// cron run) trusts the CSV files only when the manifest says `complete`.
public struct BatchManifest: Sendable {
    public static let format = "ccplan-batch-manifest/1"

    public struct QueueEntry: Sendable {
        public var queue: String
        public var channel: String
        public var status: QueueStatus
        public var seconds: Double
        public var model: String?
        public var error: String?
        /// File name → (offset, length) of this queue's rows in that file.
        public var ranges: [String: (Int, Int)] = [:]
        /// The assumptions the queue was planned under, per scenario (sorted by name).
        public var assumptions: [(scenario: String, assumptions: PlanAssumptions)] = []
    }

    public struct FileEntry: Sendable {
        public var name: String
        public var bytes: Int
        public var sha256: String
    }

    public var status: RunStatus
    public var version: String
    public var runKey: String
    public var configPath: String
    public var configSHA256: String
    public var shard: ShardSpec?
    public var shardSource: String?
    public var parts: [String] = []
    /// The files this run read (a shard: those holding its queues), with their SHA-256.
    public var inputs: [InputFile]
    /// SHA-256 of the list of every input file (path and size), and their number: the same in
    /// every part of a run.
    public var inputListSHA256 = ""
    public var inputFileCount = 0
    public var quantileLevels: [Double]
    public var outputFiles: [String]
    public var files: [FileEntry] = []
    public var queues: [QueueEntry] = []
    public var failures: [QueueFailure] = []
    public var seconds: Double = 0
    public var workers: Int = 0

    public var plannedCount: Int { queues.filter { $0.status == .planned }.count }

    func json() -> String {
        var members: [(String, JSONText)] = [
            ("format", .string(BatchManifest.format)),
            ("status", .string(status.rawValue)),
            ("ccplan_version", .string(version)),
            ("run_key", .string(runKey)),
            ("config", .object([("path", .string(configPath)), ("sha256", .string(configSHA256))])),
            (
                "shard",
                shard.map {
                    .object([
                        ("index", .integer($0.index)), ("count", .integer($0.count)), ("source", .text(shardSource)),
                    ])
                } ?? .null
            ),
        ]
        if !parts.isEmpty { members.append(("parts", .array(parts.map { .string($0) }))) }
        members += [
            ("input_list", .object([("files", .integer(inputFileCount)), ("sha256", .string(inputListSHA256))])),
            (
                "inputs",
                .array(
                    inputs.map { f in
                        .object([
                            ("role", .string(f.role.rawValue)), ("path", .string(f.path)),
                            ("sha256", .string(f.sha256)), ("bytes", .integer(f.bytes)),
                        ])
                    })
            ),
            ("quantile_levels", .array(quantileLevels.map { .number($0) })),
            ("output_files", .array(outputFiles.map { .string($0) })),
            (
                "files",
                .array(
                    files.map {
                        .object([
                            ("name", .string($0.name)), ("bytes", .integer($0.bytes)), ("sha256", .string($0.sha256)),
                        ])
                    })
            ),
            ("queues_planned", .integer(plannedCount)),
            ("queues_failed", .integer(failures.count)),
            ("workers", .integer(workers)),
            ("seconds", .number((seconds * 1000).rounded() / 1000)),
            (
                "queues",
                .array(
                    queues.map { q in
                        var m: [(String, JSONText)] = [
                            ("queue", .string(q.queue)), ("channel", .string(q.channel)),
                            ("status", .string(q.status.rawValue)),
                            ("seconds", .number((q.seconds * 1000).rounded() / 1000)),
                        ]
                        if let model = q.model { m.append(("model", .string(model))) }
                        if let e = q.error { m.append(("error", .string(e))) }
                        if !q.assumptions.isEmpty { m.append(("assumptions", Fragment.assumptionsJSON(q.assumptions))) }
                        if !q.ranges.isEmpty {
                            m.append(
                                (
                                    "rows",
                                    .object(
                                        outputFiles.compactMap { f in
                                            q.ranges[f].map { (f, .array([.integer($0.0), .integer($0.1)])) }
                                        })
                                ))
                        }
                        return .object(m)
                    })
            ),
            (
                "failures",
                .array(
                    failures.map { f in
                        .object([
                            ("queue", .string(f.queue)), ("channel", .string(f.channel)),
                            ("stage", .string(f.stage.rawValue)), ("message", .string(f.message)),
                        ])
                    })
            ),
        ]
        return JSONText.object(members).rendered()
    }
}
