import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

/// `ccplan merge`: combines the parts of a sharded batch into exactly the files a single,
/// unsharded run writes (byte for byte), after checking that every shard is present and
/// finished and that all parts come from the same config, inputs and ccplan version.
public enum BatchMerge {
    /// Part directories: each argument is a part (it has a manifest.json) or a directory holding
    /// `part-*-of-*` directories.
    static func partDirectories(_ arguments: [String]) throws(BatchFailure) -> [String] {
        var out: [String] = []
        for a in arguments {
            let dir = a.hasSuffix("/") && a.count > 1 ? String(a.dropLast()) : a
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                throw BatchFailure.temporary("\(dir): no such directory (has the shard run yet?)")
            }
            if FileManager.default.fileExists(atPath: dir + "/manifest.json") {
                out.append(dir)
                continue
            }
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasPrefix("part-") && $0.contains("-of-") }.sorted()
            guard !names.isEmpty else { throw BatchFailure.temporary("\(dir): no manifest.json and no part-*-of-* directories") }
            out += names.map { dir + "/" + $0 }
        }
        return out
    }

    /// Merges parts into `output`.
    ///
    /// - Throws: ``BatchFailure``: `.temporary` when a shard is missing or unfinished (retry
    ///   once it finished), `.data` for parts of different configs, inputs or versions, or
    ///   damaged parts, `.usage` for bad arguments.
    public static func run(_ arguments: [String], output: String, logger: Logger) throws -> BatchSummary {
        let started = Date()
        let target = URL(fileURLWithPath: output).standardizedFileURL.path
        for a in arguments where URL(fileURLWithPath: a).standardizedFileURL.path == target {
            throw BatchFailure.usage("--out \(output) is one of the directories to merge; give another directory")
        }
        let dirs = try partDirectories(arguments)
        var parts: [(dir: String, manifest: BatchManifest)] = []
        for d in dirs {
            guard let m = BatchManifest.read(d + "/manifest.json") else {
                throw BatchFailure.temporary("\(d)/manifest.json is missing or unreadable (has the shard finished?)")
            }
            guard m.status == "complete" else {
                throw BatchFailure.temporary("\(d) is not finished (manifest status \(m.status)); rerun or wait for that shard")
            }
            parts.append((d, m))
        }
        guard let first = parts.first?.manifest else { throw BatchFailure.usage("no parts to merge") }

        // Same config, inputs, version; every shard exactly once.
        for (d, m) in parts {
            if m.version != first.version {
                throw BatchFailure.data("refusing to merge parts of different ccplan versions: \(parts[0].dir) has \(first.version), \(d) has \(m.version)")
            }
            if m.configSHA256 != first.configSHA256 {
                throw BatchFailure.data("refusing to merge parts of different configs: \(parts[0].dir) (config sha256 \(first.configSHA256.prefix(12))…) and \(d) (\(m.configSHA256.prefix(12))…)")
            }
            if m.inputListSHA256 != first.inputListSHA256 {
                throw BatchFailure.data("refusing to merge parts made from different input files: \(parts[0].dir) and \(d) (compare input_list in their manifest.json)")
            }
            if m.outputFiles != first.outputFiles || m.quantileLevels != first.quantileLevels {
                throw BatchFailure.data("refusing to merge parts with different output files or quantile levels: \(parts[0].dir) and \(d)")
            }
            if (m.shard?.count ?? 1) != (first.shard?.count ?? 1) {
                throw BatchFailure.data("refusing to merge parts of different shard counts: \(parts[0].dir) is of \(first.shard?.count ?? 1), \(d) of \(m.shard?.count ?? 1)")
            }
        }
        let count = first.shard?.count ?? 1
        var byIndex: [Int: String] = [:]
        for (d, m) in parts {
            let i = m.shard?.index ?? 0
            if let other = byIndex[i] { throw BatchFailure.usage("shard \(i)/\(count) is given twice: \(other) and \(d)") }
            byIndex[i] = d
        }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.prefix(10).map { ShardSpec(index: $0, count: count).partName }.joined(separator: ", ")
            throw BatchFailure.temporary("\(missing.count) of \(count) shards are missing: \(names)\(missing.count > 10 ? ", …" : "")")
        }
        // Each part's files are what its manifest says (a damaged or half-copied part is refused).
        for (d, m) in parts {
            for f in m.files {
                let size = (try? FileManager.default.attributesOfItem(atPath: d + "/" + f.name)[.size] as? Int) ?? -1
                guard size == f.bytes else { throw BatchFailure.data("\(d)/\(f.name) has \(size) bytes, its manifest says \(f.bytes): the part is damaged") }
            }
        }

        // Every planned queue, in (queue, channel) order.
        struct Source { var part: Int; var entry: BatchManifest.QueueEntry }
        var sources: [Source] = []
        for (p, part) in parts.enumerated() {
            for q in part.manifest.queues { sources.append(Source(part: p, entry: q)) }
        }
        sources.sort { ($0.entry.queue, channelRank($0.entry.channel)) < ($1.entry.queue, channelRank($1.entry.channel)) }
        for k in sources.indices.dropFirst() where sources[k].entry.queue == sources[k - 1].entry.queue && sources[k].entry.channel == sources[k - 1].entry.channel {
            throw BatchFailure.data("queue \(sources[k].entry.queue)/\(sources[k].entry.channel) is in two parts: \(parts[sources[k - 1].part].dir) and \(parts[sources[k].part].dir)")
        }

        let fm = FileManager.default
        do { try fm.createDirectory(atPath: output, withIntermediateDirectories: true) } catch {
            throw BatchFailure.temporary("cannot create \(output): \((error as NSError).localizedDescription)")
        }
        let lock: OutputLock
        do { lock = try OutputLock(directory: output) } catch { throw BatchFailure.temporary(error.description) }
        defer { lock.release() }
        BatchRun.removeTemporaries(in: output)

        // The same file read by two shards must be the same bytes (an export replaced mid-run is refused).
        var inputs: [String: InputFile] = [:]
        for (d, m) in parts {
            for f in m.inputs {
                if let seen = inputs[f.path], seen.sha256 != f.sha256 {
                    throw BatchFailure.data("refusing to merge: \(f.path) changed while the shards ran (sha256 \(seen.sha256.prefix(12))… and \(f.sha256.prefix(12))… in \(d))")
                }
                inputs[f.path] = f
            }
        }
        let roles = ["history", "forecast", "holidays", "events", "scenarios"]
        let mergedInputs = inputs.values.sorted {
            ((roles.firstIndex(of: $0.role) ?? roles.count), $0.path) < ((roles.firstIndex(of: $1.role) ?? roles.count), $1.path)
        }
        var merged = BatchManifest(
            status: "running", version: first.version, runKey: "", configPath: first.configPath, configSHA256: first.configSHA256,
            shard: nil, shardSource: nil, inputs: mergedInputs, quantileLevels: first.quantileLevels, outputFiles: first.outputFiles)
        merged.inputListSHA256 = first.inputListSHA256
        merged.inputFileCount = first.inputFileCount
        merged.parts = parts.sorted { ($0.manifest.shard?.index ?? 0) < ($1.manifest.shard?.index ?? 0) }.map(\.dir)
        merged.runKey = SHA256.hex(Array(("merge\n" + parts.map(\.manifest.runKey).sorted().joined(separator: "\n")).utf8))
        merged.workers = parts.map(\.manifest.workers).max() ?? 0
        var entries = sources.map(\.entry)
        do {
            try AtomicOutput.write(merged.json(), to: output + "/manifest.json")
            for name in first.outputFiles {
                let out = try AtomicTextFile(path: output + "/" + name)
                // The header: the bytes before the first queue's rows (identical in every part).
                var handles: [Int: FileHandle] = [:]
                defer { for h in handles.values { try? h.close() } }
                func handle(_ p: Int) throws -> FileHandle {
                    if let h = handles[p] { return h }
                    guard let h = FileHandle(forReadingAtPath: parts[p].dir + "/" + name) else {
                        throw BatchFailure.temporary("cannot read \(parts[p].dir)/\(name)")
                    }
                    handles[p] = h
                    return h
                }
                let headerData = try handle(0).read(upToCount: 1 << 20) ?? Data()
                let headerEnd = headerData.firstIndex(of: 0x0A).map { $0 + 1 } ?? headerData.count
                try out.write(bytes: Array(headerData[headerData.startIndex..<headerEnd]))
                var offset = headerEnd
                for (k, s) in sources.enumerated() where s.entry.status == "planned" {
                    guard let (start, length) = s.entry.ranges[name] else { continue }
                    let h = try handle(s.part)
                    try h.seek(toOffset: UInt64(start))
                    let bytes = try h.read(upToCount: length) ?? Data()
                    guard bytes.count == length else { throw BatchFailure.data("\(parts[s.part].dir)/\(name) is shorter than its manifest says") }
                    try out.write(bytes: Array(bytes))
                    entries[k].ranges[name] = (offset, length)
                    offset += length
                }
                try out.commit()
            }
            merged.failures = parts.flatMap(\.manifest.failures).sorted(by: <)
            try AtomicOutput.write(QueueFailure.csvHeader + merged.failures.map(\.csvRow).joined(), to: output + "/failures.csv")
        } catch let e as BatchFailure {
            throw e
        } catch {
            throw BatchFailure.temporary("cannot write \(output): \(error)")
        }
        merged.queues = entries
        for name in first.outputFiles + ["failures.csv"] {
            guard let h = fileSHA256(output + "/" + name) else { throw BatchFailure.temporary("cannot read \(output)/\(name) back") }
            merged.files.append(.init(name: name, bytes: h.bytes, sha256: h.hex))
        }
        merged.status = "complete"
        merged.seconds = Date().timeIntervalSince(started)
        do { try AtomicOutput.write(merged.json(), to: output + "/manifest.json") } catch { throw BatchFailure.temporary(error.description) }
        let planned = entries.filter { $0.status == "planned" }.count
        logger.info("merged", metadata: [
            "parts": "\(parts.count)", "queues": "\(planned)", "failed": "\(merged.failures.count)", "dir": "\(output)",
            "seconds": "\(fixed(merged.seconds, 2))",
        ])
        return BatchSummary(outputDirectory: output, planned: planned, reused: 0, failures: merged.failures, upToDate: false, seconds: merged.seconds)
    }
}
