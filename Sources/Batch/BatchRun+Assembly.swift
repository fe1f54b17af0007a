import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning

/// The output files of a run, written, with what the manifest records of them.
struct Assembly {
    var queues: [BatchManifest.QueueEntry]
    var failures: [QueueFailure]
    var files: [BatchManifest.FileEntry]
}

extension PlannedQueues {
    /// Every failure of the run: input failures, then planning failures, in failures.csv order.
    var failures: [QueueFailure] {
        var out = loaded.failures
        for f in fragments.compactMap({ $0 }) where f.status == .failed {
            out.append(QueueFailure(queue: f.queue, channel: f.channel, stage: .plan, message: f.error ?? ""))
        }
        return out.sorted(by: <)
    }
}

extension BatchRunner {
    /// Step 7 when nothing could be planned: a rerun in which every queue failed (a broken
    /// export) keeps the previous complete output, manifest included, rather than replacing a
    /// good plan with an empty one.
    ///
    /// - Returns: the summary (``BatchSummary/keptPrevious``), or nil to write the outputs.
    /// - Throws: ``OutputError`` when the previous manifest cannot be put back.
    func keepPreviousOutput(_ planned: PlannedQueues, inputs: PreparedInputs) throws -> BatchSummary? {
        let failures = planned.failures
        let fm = FileManager.default
        guard planned.plannedCount == 0, !failures.isEmpty, let previous = inputs.previous,
            previous.status == .complete,
            previous.plannedCount > 0, let bytes = inputs.previousBytes,
            previous.files.allSatisfy({
                (try? fm.attributesOfItem(atPath: dir + "/" + $0.name)[.size] as? Int) == $0.bytes
            })
        else { return nil }
        try AtomicOutput.write([UInt8](bytes), to: manifestPath)
        try? fm.removeItem(atPath: workDir)
        logger.error(
            "no queue could be planned: the previous complete output is kept unchanged",
            metadata: [
                "dir": "\(dir)", "failed": .stringConvertible(failures.count),
                "kept_planned": .stringConvertible(previous.plannedCount),
            ])
        return BatchSummary(
            outputDirectory: dir, planned: 0, reused: 0, failures: failures, upToDate: false, keptPrevious: true,
            seconds: Date().timeIntervalSince(started))
    }

    /// Step 8: the output files: each file's header, then every planned queue's rows in
    /// (queue, channel) order, copied from the fragments; then failures.csv.
    ///
    /// - Throws: ``OutputError``.
    func writeOutputs(_ planned: PlannedQueues) throws -> Assembly {
        var queues: [BatchManifest.QueueEntry] = []
        for f in planned.loaded.failures where !f.queue.isEmpty {
            queues.append(
                .init(queue: f.queue, channel: f.channel, status: .failed, seconds: 0, model: nil, error: f.message))
        }
        var files: [BatchManifest.FileEntry] = []
        do {
            var writers: [(name: String, file: AtomicTextFile, offset: Int, hash: SHA256)] = []
            for name in config.outputFiles {
                let header = Array(work.header(for: name, quantileLevels: config.quantileLevels).utf8)
                let file = try AtomicTextFile(path: dir + "/" + name)
                try file.write(bytes: header)
                var hash = SHA256()
                hash.update(header)
                writers.append((name, file, header.count, hash))
            }
            for (i, item) in planned.loaded.items.enumerated() {
                guard let f = planned.fragments[i] else { continue }
                var entry = BatchManifest.QueueEntry(
                    queue: f.queue, channel: f.channel, status: f.status, seconds: f.seconds, model: f.model,
                    error: f.error)
                entry.assumptions = f.assumptions
                if f.status == .planned {
                    let path = fragmentPath(item.queue, item.channel)
                    guard let (_, data, body) = Fragment.read(path) else {
                        throw OutputError(path: path, reason: "cannot read it back")
                    }
                    var offset = data.startIndex + body
                    for (name, length) in f.sections {
                        guard let w = writers.firstIndex(where: { $0.name == name }) else { offset += length; continue }
                        let bytes = Array(data[offset..<(offset + length)])
                        try writers[w].file.write(bytes: bytes)
                        writers[w].hash.update(bytes)
                        entry.ranges[name] = (writers[w].offset, length)
                        writers[w].offset += length
                        offset += length
                    }
                }
                queues.append(entry)
            }
            for k in writers.indices {
                try writers[k].file.commit()
                files.append(
                    .init(name: writers[k].name, bytes: writers[k].offset, sha256: writers[k].hash.hexDigest()))
            }
        } catch let e as OutputError {
            throw e
        } catch {
            throw OutputError(path: dir, reason: "cannot write the outputs: \(error)")
        }
        let failures = planned.failures
        let failuresText = QueueFailure.csvHeader + failures.map(\.csvRow).joined()
        try AtomicOutput.write(failuresText, to: dir + "/failures.csv")
        files.append(
            .init(name: "failures.csv", bytes: failuresText.utf8.count, sha256: SHA256.hex(Array(failuresText.utf8))))
        queues.sort { ($0.queue, channelRank($0.channel)) < ($1.queue, channelRank($1.channel)) }
        return Assembly(queues: queues, failures: failures, files: files)
    }

    /// Step 9: the manifest, last: the run is complete only once it says so.
    ///
    /// - Throws: ``OutputError``.
    func finishManifest(_ manifest: inout BatchManifest, _ assembly: Assembly, reused: Int) throws -> BatchSummary {
        manifest.status = .complete
        manifest.queues = assembly.queues
        manifest.failures = assembly.failures
        manifest.files = assembly.files
        manifest.seconds = Date().timeIntervalSince(started)
        try AtomicOutput.write(manifest.json(), to: manifestPath)
        try? FileManager.default.removeItem(atPath: workDir)
        let planned = manifest.plannedCount
        logger.info(
            "batch finished",
            metadata: [
                "dir": "\(dir)", "planned": .stringConvertible(planned),
                "failed": .stringConvertible(assembly.failures.count),
                "reused": .stringConvertible(reused), "seconds": .stringConvertible(rounded(manifest.seconds, 2)),
            ])
        return BatchSummary(
            outputDirectory: dir, planned: planned, reused: reused, failures: assembly.failures, upToDate: false,
            seconds: manifest.seconds)
    }
}
