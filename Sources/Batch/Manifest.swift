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
        /// `planned` or `failed`.
        public var status: String
        public var seconds: Double
        public var model: String?
        public var error: String?
        /// File name → (offset, length) of this queue's rows in that file.
        public var ranges: [String: (Int, Int)] = [:]
    }

    public struct FileEntry: Sendable {
        public var name: String
        public var bytes: Int
        public var sha256: String
    }

    public var status: String
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

    public var plannedCount: Int { queues.filter { $0.status == "planned" }.count }

    func json() -> String {
        var members: [(String, JSONText)] = [
            ("format", .string(BatchManifest.format)),
            ("status", .string(status)),
            ("ccplan_version", .string(version)),
            ("run_key", .string(runKey)),
            ("config", .object([("path", .string(configPath)), ("sha256", .string(configSHA256))])),
            ("shard", shard.map { .object([("index", .integer($0.index)), ("count", .integer($0.count)), ("source", .text(shardSource))]) } ?? .null),
        ]
        if !parts.isEmpty { members.append(("parts", .array(parts.map { .string($0) }))) }
        members += [
            ("input_list", .object([("files", .integer(inputFileCount)), ("sha256", .string(inputListSHA256))])),
            ("inputs", .array(inputs.map { f in
                .object([("role", .string(f.role)), ("path", .string(f.path)), ("sha256", .string(f.sha256)), ("bytes", .integer(f.bytes))])
            })),
            ("quantile_levels", .array(quantileLevels.map { .number($0) })),
            ("output_files", .array(outputFiles.map { .string($0) })),
            ("files", .array(files.map { .object([("name", .string($0.name)), ("bytes", .integer($0.bytes)), ("sha256", .string($0.sha256))]) })),
            ("queues_planned", .integer(plannedCount)),
            ("queues_failed", .integer(failures.count)),
            ("workers", .integer(workers)),
            ("seconds", .number((seconds * 1000).rounded() / 1000)),
            ("queues", .array(queues.map { q in
                var m: [(String, JSONText)] = [("queue", .string(q.queue)), ("channel", .string(q.channel)), ("status", .string(q.status)),
                                               ("seconds", .number((q.seconds * 1000).rounded() / 1000))]
                if let model = q.model { m.append(("model", .string(model))) }
                if let e = q.error { m.append(("error", .string(e))) }
                if !q.ranges.isEmpty {
                    m.append(("rows", .object(outputFiles.compactMap { f in
                        q.ranges[f].map { (f, .array([.integer($0.0), .integer($0.1)])) }
                    })))
                }
                return .object(m)
            })),
            ("failures", .array(failures.map { f in
                .object([("queue", .string(f.queue)), ("channel", .string(f.channel)), ("stage", .string(f.stage)), ("message", .string(f.message))])
            })),
        ]
        return JSONText.object(members).rendered()
    }

    /// Reads a manifest; nil when absent or not a batch manifest.
    static func read(_ path: String) -> BatchManifest? {
        guard let data = FileManager.default.contents(atPath: path),
              let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              o["format"] as? String == format else { return nil }
        func str(_ d: [String: Any], _ k: String) -> String { d[k] as? String ?? "" }
        func int(_ v: Any?) -> Int { (v as? NSNumber)?.intValue ?? 0 }
        let config = o["config"] as? [String: Any] ?? [:]
        var m = BatchManifest(
            status: str(o, "status"), version: str(o, "ccplan_version"), runKey: str(o, "run_key"),
            configPath: str(config, "path"), configSHA256: str(config, "sha256"), shard: nil,
            inputs: (o["inputs"] as? [[String: Any]] ?? []).map {
                InputFile(path: str($0, "path"), sha256: str($0, "sha256"), bytes: int($0["bytes"]), role: str($0, "role"))
            },
            quantileLevels: (o["quantile_levels"] as? [NSNumber] ?? []).map(\.doubleValue),
            outputFiles: o["output_files"] as? [String] ?? [])
        if let s = o["shard"] as? [String: Any], int(s["count"]) >= 1, int(s["index"]) < int(s["count"]), int(s["index"]) >= 0 {
            m.shard = ShardSpec(index: int(s["index"]), count: int(s["count"]))
            m.shardSource = s["source"] as? String
        }
        m.parts = o["parts"] as? [String] ?? []
        let list = o["input_list"] as? [String: Any] ?? [:]
        m.inputListSHA256 = str(list, "sha256")
        m.inputFileCount = int(list["files"])
        m.files = (o["files"] as? [[String: Any]] ?? []).map { FileEntry(name: str($0, "name"), bytes: int($0["bytes"]), sha256: str($0, "sha256")) }
        m.queues = (o["queues"] as? [[String: Any]] ?? []).map { q in
            var e = QueueEntry(queue: str(q, "queue"), channel: str(q, "channel"), status: str(q, "status"),
                               seconds: (q["seconds"] as? NSNumber)?.doubleValue ?? 0, model: q["model"] as? String, error: q["error"] as? String)
            for (f, r) in q["rows"] as? [String: Any] ?? [:] {
                if let pair = r as? [NSNumber], pair.count == 2 { e.ranges[f] = (pair[0].intValue, pair[1].intValue) }
            }
            return e
        }
        m.failures = (o["failures"] as? [[String: Any]] ?? []).map {
            QueueFailure(queue: str($0, "queue"), channel: str($0, "channel"), stage: str($0, "stage"), message: str($0, "message"))
        }
        m.seconds = (o["seconds"] as? NSNumber)?.doubleValue ?? 0
        m.workers = int(o["workers"])
        return m
    }
}

/// One queue's finished rows on disk (`.ccplan-work/queues/*.frag`), written atomically as soon
/// as the queue is planned, so that a killed run resumes where it stopped. Layout: one line of
/// JSON (run key, queue, status, timing, the length of each file's rows), then the rows.
struct Fragment: Sendable {
    var runKey: String
    var queue: String
    var channel: String
    var status: String
    var seconds: Double
    var model: String?
    var error: String?
    var sections: [(name: String, bytes: Int)]

    static func fileName(queue: String, channel: Channel) -> String {
        let safe = String(queue.unicodeScalars.prefix(40).map {
            ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") && $0.isASCII ? Character($0) : "_"
        })
        let digest = String(SHA256.hex(Array((queue + "\u{1F}" + channel.rawValue).utf8)).prefix(16))
        return "\(safe)-\(channel.rawValue)-\(digest).frag"
    }

    func headerLine() -> String {
        var m: [(String, JSONText)] = [
            ("run_key", .string(runKey)), ("queue", .string(queue)), ("channel", .string(channel)), ("status", .string(status)),
            ("seconds", .number(seconds)),
        ]
        if let model { m.append(("model", .string(model))) }
        if let error { m.append(("error", .string(error))) }
        m.append(("sections", .array(sections.map { .array([.string($0.name), .integer($0.bytes)]) })))
        return JSONText.object(m).rendered(pretty: false) + "\n"
    }

    /// Reads a fragment's header and the offset of its first row byte; nil when unreadable.
    static func read(_ path: String) -> (Fragment, Data, Int)? {
        guard let data = FileManager.default.contents(atPath: path), let nl = data.firstIndex(of: 0x0A),
              let o = try? JSONSerialization.jsonObject(with: data[data.startIndex..<nl]) as? [String: Any] else { return nil }
        let sections = (o["sections"] as? [[Any]] ?? []).compactMap { s -> (String, Int)? in
            guard s.count == 2, let n = s[0] as? String, let b = s[1] as? NSNumber else { return nil }
            return (n, b.intValue)
        }
        let f = Fragment(
            runKey: o["run_key"] as? String ?? "", queue: o["queue"] as? String ?? "", channel: o["channel"] as? String ?? "",
            status: o["status"] as? String ?? "", seconds: (o["seconds"] as? NSNumber)?.doubleValue ?? 0,
            model: o["model"] as? String, error: o["error"] as? String, sections: sections)
        let body = nl + 1 - data.startIndex
        guard data.count - body == sections.reduce(0, { $0 + $1.1 }) else { return nil }  // truncated: redo
        return (f, data, body)
    }
}
