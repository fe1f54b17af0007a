import CCPlanBase
import ConfigFiles
import ContactHistory
import Foundation
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding, hashing and reading a batch's inputs with failures isolated per file and queue.
enum BatchInputs {
    /// Expands glob(3) patterns (sorted, duplicates removed, each pattern must match something).
    ///
    /// - Throws: ``FileIssue`` at the config's line and column of a pattern that matches no file.
    static func expand(_ patterns: [ConfigPath]) throws(FileIssue) -> [String] {
        var out: [String] = []
        for written in patterns {
            let pattern = written.path
            var g = glob_t()
            defer { globfree(&g) }
            let rc = glob(pattern, 0, nil, &g)
            var matched: [String] = []
            if rc == 0 {
                for i in 0..<Int(g.gl_pathc) {
                    if let p = g.gl_pathv[i] { matched.append(String(cString: p)) }
                }
            }
            matched = matched.filter {
                var d: ObjCBool = false;
                return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue
            }
            guard !matched.isEmpty else { throw written.issue("no input file matches \(pattern)") }
            for m in matched.sorted() where !out.contains(m) { out.append(m) }
        }
        return out
    }

    /// Hashes files, `workers` at a time, keeping their order.
    ///
    /// - Throws: ``InputProblem`` naming a file that cannot be read.
    static func hash(_ files: [(path: String, role: InputRole)], workers: Int) throws(InputProblem) -> [InputFile] {
        let results = Parallel.map(files, workers: workers) { f in
            fileSHA256(f.path).map { InputFile(path: f.path, sha256: $0.hex, bytes: $0.bytes, role: f.role) }
        }
        var out: [InputFile] = []
        for (f, r) in zip(files, results) {
            guard let r else { throw InputProblem(description: "cannot read \(f.path)") }
            out.append(r)
        }
        return out
    }

    struct Loaded: Sendable {
        var items: [QueueItem] = []
        var failures: [QueueFailure] = []
        var filesParsed = 0
    }

    /// What one file gave.
    private struct FileResult: Sendable {
        var items: [QueueItem] = []
        /// Keys (queue, channel) that failed in this file; their series from other files are dropped too.
        var failedKeys: [(String, Channel)] = []
        var failures: [QueueFailure] = []
        var parsed = false
    }

    /// The files a shard must parse: those that mention one of its queues (a fast scan of the
    /// queue column; with `oneQueuePerFile`, of the first row only). Every file for a whole run.
    static func select(
        files: [String], forecasts: Bool, options: HistoryReadOptions, shard: ShardSpec, workers: Int,
        oneQueuePerFile: Bool
    ) -> [String] {
        guard !shard.isWhole && files.count > 1 else { return files }
        let keep: [Bool] = Parallel.map(files, workers: workers) { path in
            guard let s = QueueScan.scan(path, options: options, maxDataRows: oneQueuePerFile ? 1 : .max),
                s.hasQueueColumn || !forecasts
            else { return true }  // unreadable: parse it, to report why
            if s.keys.isEmpty { return shard.owns(key: path) }
            return s.keys.contains { k in
                oneQueuePerFile
                    ? shard.owns(queueName: k.queue)
                    : Channel.allCases.contains { shard.owns(queue: k.queue, channel: $0) }
            }
        }
        return zip(files, keep).filter(\.1).map(\.0)
    }

    /// Reads the history (or forecast) files; each file is read on its own, so a bad file only
    /// fails the queues it holds. A queue whose rows span several files is merged across them.
    static func load(
        files: [String], forecasts: Bool, options: HistoryReadOptions, defaultAHT: Double?, shard: ShardSpec,
        workers: Int,
        oneQueuePerFile: Bool = false
    ) -> Loaded {
        let owns: @Sendable (String, Channel) -> Bool = { q, c in
            oneQueuePerFile ? shard.owns(queueName: q) : shard.owns(queue: q, channel: c)
        }
        // Fewer files than workers: the spare workers read inside each file (same result).
        let perFile = max(1, workers / max(1, files.count))
        let results: [FileResult] = Parallel.map(files, workers: workers) { path in
            var result = FileResult()
            result.parsed = true
            func failFile(_ message: String) {
                let s = QueueScan.scan(path, options: options)
                var keys: [(String, Channel)] = []
                for k in s?.keys ?? [] {
                    for c in QueueScan.channels(for: k.channel, options: options)
                    where !keys.contains(where: { $0.0 == k.queue && $0.1 == c }) {
                        keys.append((k.queue, c))
                    }
                }
                result.failedKeys = keys
                let owned = keys.filter { owns($0.0, $0.1) }
                for (q, c) in owned {
                    result.failures.append(QueueFailure(queue: q, channel: c.rawValue, stage: .input, message: message))
                }
                if keys.isEmpty && shard.owns(key: path) {
                    result.failures.append(QueueFailure(queue: "", channel: "", stage: .input, message: message))
                }
            }
            if forecasts {
                do {
                    let fs = try ForecastCSV.read(path: path, timeZone: options.timeZone, defaultAHT: defaultAHT)
                    for f in fs where owns(f.queue, f.channel) {
                        result.items.append(QueueItem(queue: f.queue, channel: f.channel, input: .forecast(f)))
                    }
                } catch {
                    failFile("\(error)")
                }
            } else {
                do {
                    let history = try HistoryReader(options: options, workers: perFile).read([path])
                    let names = Set(history.series.map(\.queue))
                    if oneQueuePerFile && names.count > 1 {
                        // Reported once: by the shard of the file's first row (the one that parsed it).
                        let first = QueueScan.scan(path, options: options, maxDataRows: 1)?.firstKey
                        result.failedKeys = history.series.map { ($0.queue, $0.channel) }
                        if shard.owns(queueName: first?.queue ?? "") {
                            let listed =
                                names.sorted().prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
                            result.failures.append(
                                QueueFailure(
                                    queue: "", channel: "", stage: .input,
                                    message:
                                        "\(path) holds \(names.count) queues (\(listed)), but inputs.one_queue_per_file is set"
                                ))
                        }
                        return result
                    }
                    for s in history.series where owns(s.queue, s.channel) {
                        result.items.append(QueueItem(queue: s.queue, channel: s.channel, input: .history(s)))
                    }
                } catch {
                    failFile("\(error)")
                }
            }
            return result
        }

        // Combine in file order.
        var loaded = Loaded()
        var failed = Set<String>()
        var byKey: [String: Int] = [:]
        func key(_ q: String, _ c: Channel) -> String { q + "\u{1F}" + c.rawValue }
        for r in results {
            if r.parsed { loaded.filesParsed += 1 }
            for (q, c) in r.failedKeys { failed.insert(key(q, c)) }
            loaded.failures += r.failures
        }
        for (fileIndex, r) in results.enumerated() {
            for item in r.items where !failed.contains(key(item.queue, item.channel)) {
                let k = key(item.queue, item.channel)
                if let i = byKey[k] {
                    switch merge(loaded.items[i], item, policy: options.onDuplicate) {
                    case .success(let merged): loaded.items[i] = merged
                    case .failure(let message):
                        failed.insert(k)
                        loaded.failures.append(
                            QueueFailure(
                                queue: item.queue, channel: item.channel.rawValue, stage: .input,
                                message: "\(files[fileIndex]): \(message)"))
                    }
                } else {
                    byKey[k] = loaded.items.count
                    loaded.items.append(item)
                }
            }
        }
        loaded.items.removeAll { failed.contains(key($0.queue, $0.channel)) }
        loaded.items.sort { ($0.queue, $0.channel) < ($1.queue, $1.channel) }
        loaded.failures.sort(by: <)
        return loaded
    }
}
