import CCPlanBase
import Foundation
import Planning

/// Reading a `manifest.json` back: absent (the run has not started, or a shard has not run),
/// damaged (not a batch manifest: a bad copy, a disk error, someone's edit), or a manifest.
extension BatchManifest {
    /// What is at a manifest's path.
    public enum Reading: Sendable {
        case missing
        case damaged(String)
        case manifest(BatchManifest)
    }

    /// Reads a manifest; nil when absent or damaged.
    static func read(_ path: String) -> BatchManifest? {
        if case .manifest(let m) = load(path) { return m }
        return nil
    }

    /// Reads a manifest, telling a missing file from a damaged one.
    ///
    /// - Complexity: O(size of the file).
    public static func load(_ path: String) -> Reading {
        guard FileManager.default.fileExists(atPath: path) else { return .missing }
        guard let data = FileManager.default.contents(atPath: path) else { return .damaged("cannot be read") }
        guard let o = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return .damaged("is not a JSON object")
        }
        guard o["format"] as? String == format else {
            return .damaged("is not a ccplan batch manifest (no \"format\": \"\(format)\")")
        }
        guard let statusText = o["status"] as? String, let status = RunStatus(rawValue: statusText) else {
            return .damaged("has no valid status")
        }
        func str(_ d: [String: Any], _ k: String) -> String { d[k] as? String ?? "" }
        func int(_ v: Any?) -> Int { (v as? NSNumber)?.intValue ?? 0 }
        let config = o["config"] as? [String: Any] ?? [:]
        var inputs: [InputFile] = []
        for f in o["inputs"] as? [[String: Any]] ?? [] {
            guard let role = InputRole(rawValue: str(f, "role")) else {
                return .damaged("lists an input of unknown role '\(str(f, "role"))'")
            }
            inputs.append(InputFile(path: str(f, "path"), sha256: str(f, "sha256"), bytes: int(f["bytes"]), role: role))
        }
        var m = BatchManifest(
            status: status, version: str(o, "ccplan_version"), runKey: str(o, "run_key"),
            configPath: str(config, "path"), configSHA256: str(config, "sha256"), shard: nil, inputs: inputs,
            quantileLevels: (o["quantile_levels"] as? [NSNumber] ?? []).map(\.doubleValue),
            outputFiles: o["output_files"] as? [String] ?? [])
        if let s = o["shard"] as? [String: Any], int(s["count"]) >= 1, int(s["index"]) < int(s["count"]),
            int(s["index"]) >= 0
        {
            m.shard = ShardSpec(index: int(s["index"]), count: int(s["count"]))
            m.shardSource = s["source"] as? String
        }
        m.parts = o["parts"] as? [String] ?? []
        let list = o["input_list"] as? [String: Any] ?? [:]
        m.inputListSHA256 = str(list, "sha256")
        m.inputFileCount = int(list["files"])
        m.files = (o["files"] as? [[String: Any]] ?? []).map {
            FileEntry(name: str($0, "name"), bytes: int($0["bytes"]), sha256: str($0, "sha256"))
        }
        for q in o["queues"] as? [[String: Any]] ?? [] {
            guard let queueStatus = QueueStatus(rawValue: str(q, "status")) else {
                return .damaged("lists queue '\(str(q, "queue"))' with an unknown status '\(str(q, "status"))'")
            }
            var e = QueueEntry(
                queue: str(q, "queue"), channel: str(q, "channel"), status: queueStatus,
                seconds: (q["seconds"] as? NSNumber)?.doubleValue ?? 0, model: q["model"] as? String,
                error: q["error"] as? String)
            e.assumptions = Fragment.assumptions(q["assumptions"])
            for (f, r) in q["rows"] as? [String: Any] ?? [:] {
                if let pair = r as? [NSNumber], pair.count == 2 { e.ranges[f] = (pair[0].intValue, pair[1].intValue) }
            }
            m.queues.append(e)
        }
        for f in o["failures"] as? [[String: Any]] ?? [] {
            guard let stage = FailureStage(rawValue: str(f, "stage")) else {
                return .damaged("lists a failure of unknown stage '\(str(f, "stage"))'")
            }
            m.failures.append(
                QueueFailure(
                    queue: str(f, "queue"), channel: str(f, "channel"), stage: stage, message: str(f, "message")))
        }
        m.seconds = (o["seconds"] as? NSNumber)?.doubleValue ?? 0
        m.workers = int(o["workers"])
        return .manifest(m)
    }
}
