import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

extension BatchMerger {
    /// A queue's entry in a part.
    struct Source {
        var part: Int
        var entry: BatchManifest.QueueEntry
    }

    /// Step 6: every queue of every part in (queue, channel) order, each in one part only.
    ///
    /// - Throws: ``PartProblem/mismatched(_:)``.
    func queueSources(_ parts: [Part]) throws(PartProblem) -> [Source] {
        var sources: [Source] = []
        for (p, part) in parts.enumerated() {
            for q in part.manifest.queues { sources.append(Source(part: p, entry: q)) }
        }
        sources.sort {
            ($0.entry.queue, channelRank($0.entry.channel)) < ($1.entry.queue, channelRank($1.entry.channel))
        }
        for k in sources.indices.dropFirst()
        where sources[k].entry.queue == sources[k - 1].entry.queue
            && sources[k].entry.channel == sources[k - 1].entry.channel
        {
            throw .mismatched(
                "queue \(sources[k].entry.queue)/\(sources[k].entry.channel) is in two parts: \(parts[sources[k - 1].part].dir) and \(parts[sources[k].part].dir)"
            )
        }
        return sources
    }

    /// Step 7: the inputs of all parts: a file read by two shards must be the same bytes (an
    /// export replaced mid-run is refused).
    ///
    /// - Throws: ``PartProblem/mismatched(_:)``.
    func mergedInputs(_ parts: [Part]) throws(PartProblem) -> [InputFile] {
        var inputs: [String: InputFile] = [:]
        for p in parts {
            for f in p.manifest.inputs {
                if let seen = inputs[f.path], seen.sha256 != f.sha256 {
                    throw .mismatched(
                        "refusing to merge: \(f.path) changed while the shards ran (sha256 \(seen.sha256.prefix(12))… and \(f.sha256.prefix(12))… in \(p.dir))"
                    )
                }
                inputs[f.path] = f
            }
        }
        return inputs.values.sorted { ($0.role.rank, $0.path) < ($1.role.rank, $1.path) }
    }

    /// Step 8: the merged manifest, `running`, with the parts' run keys.
    ///
    /// - Throws: ``OutputError``.
    func startManifest(_ parts: [Part], inputs: [InputFile]) throws -> BatchManifest {
        let first = parts[0].manifest
        var merged = BatchManifest(
            status: .running, version: first.version, runKey: "", configPath: first.configPath,
            configSHA256: first.configSHA256,
            shard: nil, shardSource: nil, inputs: inputs, quantileLevels: first.quantileLevels,
            outputFiles: first.outputFiles)
        merged.inputListSHA256 = first.inputListSHA256
        merged.inputFileCount = first.inputFileCount
        merged.parts = parts.sorted { ($0.manifest.shard?.index ?? 0) < ($1.manifest.shard?.index ?? 0) }.map(\.dir)
        merged.runKey = SHA256.hex(
            Array(("merge\n" + parts.map(\.manifest.runKey).sorted().joined(separator: "\n")).utf8))
        merged.workers = parts.map(\.manifest.workers).max() ?? 0
        try AtomicOutput.write(merged.json(), to: output + "/manifest.json")
        return merged
    }

    /// Step 9: each output file: the header, then every planned queue's rows in (queue, channel)
    /// order, copied from its part by the byte ranges its manifest records; then failures.csv.
    ///
    /// - Throws: ``OutputError``, ``PartProblem/damaged(_:)`` for a part file shorter than its
    ///   manifest says (changed since it was verified).
    func writeMergedFiles(_ parts: [Part], _ sources: [Source], into merged: inout BatchManifest) throws {
        var entries = sources.map(\.entry)
        do {
            for name in merged.outputFiles {
                let out = try AtomicTextFile(path: output + "/" + name)
                var handles: [Int: FileHandle] = [:]
                defer { for h in handles.values { try? h.close() } }
                func handle(_ p: Int) throws -> FileHandle {
                    if let h = handles[p] { return h }
                    guard let h = FileHandle(forReadingAtPath: parts[p].dir + "/" + name) else {
                        throw OutputError(path: parts[p].dir + "/" + name, reason: "cannot read it")
                    }
                    handles[p] = h
                    return h
                }
                // The header: the bytes before the first queue's rows (identical in every part).
                let headerData = try handle(0).read(upToCount: 1 << 20) ?? Data()
                let headerEnd = headerData.firstIndex(of: 0x0A).map { $0 + 1 } ?? headerData.count
                try out.write(bytes: Array(headerData[headerData.startIndex..<headerEnd]))
                var offset = headerEnd
                for (k, s) in sources.enumerated() where s.entry.status == .planned {
                    guard let (start, length) = s.entry.ranges[name] else { continue }
                    let h = try handle(s.part)
                    try h.seek(toOffset: UInt64(start))
                    let bytes = try h.read(upToCount: length) ?? Data()
                    guard bytes.count == length else {
                        throw PartProblem.damaged(
                            "\(parts[s.part].dir)/\(name) is shorter than its manifest says: the part is damaged")
                    }
                    try out.write(bytes: Array(bytes))
                    entries[k].ranges[name] = (offset, length)
                    offset += length
                }
                try out.commit()
            }
            merged.failures = parts.flatMap(\.manifest.failures).sorted(by: <)
            try AtomicOutput.write(
                QueueFailure.csvHeader + merged.failures.map(\.csvRow).joined(), to: output + "/failures.csv")
        } catch let e as PartProblem {
            throw e
        } catch let e as OutputError {
            throw e
        } catch {
            throw OutputError(path: output, reason: "\(error)")
        }
        merged.queues = entries
    }

    /// Step 10: the merged files' hashes and the manifest, `complete`, last.
    ///
    /// - Throws: ``OutputError``.
    func finishManifest(_ merged: inout BatchManifest) throws -> BatchSummary {
        for name in merged.outputFiles + ["failures.csv"] {
            guard let h = fileSHA256(output + "/" + name) else {
                throw OutputError(path: output + "/" + name, reason: "cannot read it back")
            }
            merged.files.append(.init(name: name, bytes: h.bytes, sha256: h.hex))
        }
        merged.status = .complete
        merged.seconds = Date().timeIntervalSince(started)
        try AtomicOutput.write(merged.json(), to: output + "/manifest.json")
        let planned = merged.plannedCount
        logger.info(
            "merged",
            metadata: [
                "parts": "\(merged.parts.count)", "queues": "\(planned)", "failed": "\(merged.failures.count)",
                "dir": "\(output)",
                "seconds": "\(fixed(merged.seconds, 2))",
            ])
        return BatchSummary(
            outputDirectory: output, planned: planned, reused: 0, failures: merged.failures, upToDate: false,
            seconds: merged.seconds)
    }
}
