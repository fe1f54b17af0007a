import CCPlanBase
import ContactHistory
import Foundation
import Planning

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one queue is planned from.
public enum QueueInput: Sendable {
    case history(IntervalSeries)
    case forecast(QueueForecast)
}

/// One unit of work: a queue and channel with its input.
public struct QueueItem: Sendable {
    public var queue: String
    public var channel: Channel
    public var input: QueueInput

    public init(queue: String, channel: Channel, input: QueueInput) {
        self.queue = queue
        self.channel = channel
        self.input = input
    }
}

/// A queue that could not be planned (or a file whose queues are unknown: empty queue).
public struct QueueFailure: Sendable, Hashable {
    public var queue: String
    /// The channel's name, or "" for a file-level failure.
    public var channel: String
    /// `input` (reading the history or forecast) or `plan` (forecasting and staffing).
    public var stage: String
    public var message: String

    public init(queue: String, channel: String, stage: String, message: String) {
        self.queue = queue
        self.channel = channel
        self.stage = stage
        self.message = message
    }

    /// The failures.csv header.
    public static let csvHeader = "queue,channel,stage,message\n"

    public var csvRow: String {
        [queue, channel, stage, message.replacingOccurrences(of: "\n", with: " | ")].map(csvField).joined(separator: ",") + "\n"
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
    /// `history`, `forecast`, `holidays`, `events`, `scenarios`.
    public var role: String
}

/// Finding, hashing and reading a batch's inputs with failures isolated per file and queue.
enum BatchInputs {
    /// Why the inputs cannot be used at all.
    struct Problem: Error, CustomStringConvertible {
        var description: String
        var temporary = false
    }

    /// Expands glob(3) patterns (sorted, duplicates removed, each pattern must match something).
    static func expand(_ patterns: [String]) throws(Problem) -> [String] {
        var out: [String] = []
        for pattern in patterns {
            var g = glob_t()
            defer { globfree(&g) }
            let rc = glob(pattern, 0, nil, &g)
            var matched: [String] = []
            if rc == 0 {
                for i in 0..<Int(g.gl_pathc) {
                    if let p = g.gl_pathv[i] { matched.append(String(cString: p)) }
                }
            }
            matched = matched.filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
            guard !matched.isEmpty else {
                throw Problem(description: "no input file matches \(pattern)")
            }
            for m in matched.sorted() where !out.contains(m) { out.append(m) }
        }
        return out
    }

    /// Hashes files, `workers` at a time, keeping their order.
    static func hash(_ files: [(path: String, role: String)], workers: Int) async throws(Problem) -> [InputFile] {
        let results = await boundedMap(files, workers: workers) { f in
            fileSHA256(f.path).map { InputFile(path: f.path, sha256: $0.hex, bytes: $0.bytes, role: f.role) }
        }
        var out: [InputFile] = []
        for (f, r) in zip(files, results) {
            guard let r else { throw Problem(description: "cannot read \(f.path)") }
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
        files: [String], forecasts: Bool, options: HistoryReadOptions, shard: ShardSpec, workers: Int, oneQueuePerFile: Bool
    ) async -> [String] {
        guard !shard.isWhole && files.count > 1 else { return files }
        let keep: [Bool] = await boundedMap(files, workers: workers) { path in
            guard let s = QueueScan.scan(path, options: options, maxDataRows: oneQueuePerFile ? 1 : .max),
                  s.hasQueueColumn || !forecasts else { return true }  // unreadable: parse it, to report why
            if s.keys.isEmpty { return shard.owns(key: path) }
            return s.keys.contains { k in
                oneQueuePerFile ? shard.owns(queueName: k.queue) : Channel.allCases.contains { shard.owns(queue: k.queue, channel: $0) }
            }
        }
        return zip(files, keep).filter(\.1).map(\.0)
    }

    /// Reads the history (or forecast) files; each file is read on its own, so a bad file only
    /// fails the queues it holds. A queue whose rows span several files is merged across them.
    static func load(
        files: [String], forecasts: Bool, options: HistoryReadOptions, defaultAHT: Double?, shard: ShardSpec, workers: Int,
        oneQueuePerFile: Bool = false
    ) async -> Loaded {
        let owns: @Sendable (String, Channel) -> Bool = { q, c in oneQueuePerFile ? shard.owns(queueName: q) : shard.owns(queue: q, channel: c) }
        let results: [FileResult] = await boundedMap(files, workers: workers) { path in
            var result = FileResult()
            result.parsed = true
            func failFile(_ message: String) {
                let s = QueueScan.scan(path, options: options)
                var keys: [(String, Channel)] = []
                for k in s?.keys ?? [] {
                    for c in QueueScan.channels(for: k.channel, options: options) where !keys.contains(where: { $0.0 == k.queue && $0.1 == c }) {
                        keys.append((k.queue, c))
                    }
                }
                result.failedKeys = keys
                let owned = keys.filter { owns($0.0, $0.1) }
                for (q, c) in owned {
                    result.failures.append(QueueFailure(queue: q, channel: c.rawValue, stage: "input", message: message))
                }
                if keys.isEmpty && shard.owns(key: path) {
                    result.failures.append(QueueFailure(queue: "", channel: "", stage: "input", message: message))
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
                    let history = try HistoryReader(options: options).read([path])
                    let names = Set(history.series.map(\.queue))
                    if oneQueuePerFile && names.count > 1 {
                        // Reported once: by the shard of the file's first row (the one that parsed it).
                        let first = QueueScan.scan(path, options: options, maxDataRows: 1)?.firstKey
                        result.failedKeys = history.series.map { ($0.queue, $0.channel) }
                        if shard.owns(queueName: first?.queue ?? "") {
                            let listed = names.sorted().prefix(5).joined(separator: ", ") + (names.count > 5 ? ", …" : "")
                            result.failures.append(QueueFailure(
                                queue: "", channel: "", stage: "input",
                                message: "\(path) holds \(names.count) queues (\(listed)), but inputs.one_queue_per_file is set"))
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
                        loaded.failures.append(QueueFailure(
                            queue: item.queue, channel: item.channel.rawValue, stage: "input", message: "\(files[fileIndex]): \(message)"))
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

    /// Two parts of one queue's history from different files, on one grid.
    static func merge(_ a: QueueItem, _ b: QueueItem, policy: DuplicatePolicy) -> Result<QueueItem, MergeError> {
        guard case .history(let x) = a.input, case .history(let y) = b.input else {
            return .failure(MergeError(description: "the forecast of \(a.queue)/\(a.channel.rawValue) is given in more than one file"))
        }
        guard x.intervalMinutes == y.intervalMinutes else {
            return .failure(MergeError(description: "\(a.queue)/\(a.channel.rawValue) has \(y.intervalMinutes)-minute intervals here but \(x.intervalMinutes)-minute intervals in an earlier file"))
        }
        let step = x.step
        guard (y.start - x.start) % step == 0 else {
            return .failure(MergeError(description: "\(a.queue)/\(a.channel.rawValue): the intervals are not aligned with those of an earlier file"))
        }
        let start = min(x.start, y.start)
        let end = max(x.end, y.end)
        let count = Int((end - start) / step) + 1
        var offered = [Double](repeating: .nan, count: count), handled = offered, abandoned = offered, handleSeconds = offered
        var states = [IntervalState](repeating: .absent, count: count)
        for s in [x, y] {
            let base = Int((s.start - start) / step)
            for i in s.indices where s.states[i] == .observed {
                let j = base + i
                if states[j] == .observed {
                    switch policy {
                    case .error:
                        return .failure(MergeError(description: "\(a.queue)/\(a.channel.rawValue): interval \(s.isoStart(i)) is also in an earlier file (set inputs.on_duplicate: sum or last)"))
                    case .sum:
                        offered[j] += s.offered[i]; handled[j] += s.handled[i]; abandoned[j] += s.abandoned[i]; handleSeconds[j] += s.handleSeconds[i]
                        continue
                    case .last: break
                    }
                }
                offered[j] = s.offered[i]; handled[j] = s.handled[i]; abandoned[j] = s.abandoned[i]; handleSeconds[j] = s.handleSeconds[i]
                states[j] = .observed
            }
        }
        let merged = IntervalSeries(
            queue: x.queue, channel: x.channel, intervalMinutes: x.intervalMinutes, timeZone: x.timeZone, start: start,
            offered: offered, handled: handled, abandoned: abandoned, handleSeconds: handleSeconds, states: states)
        return .success(QueueItem(queue: a.queue, channel: a.channel, input: .history(merged)))
    }

    struct MergeError: Error, CustomStringConvertible { var description: String }
}

/// `transform` over `items`, at most `workers` at a time, results in the order of `items`.
func boundedMap<T: Sendable, R: Sendable>(_ items: [T], workers: Int, _ transform: @escaping @Sendable (T) -> R) async -> [R] {
    var results = [R?](repeating: nil, count: items.count)
    await withTaskGroup(of: (Int, R).self) { group in
        var next = 0
        for _ in 0..<min(max(1, workers), items.count) {
            let i = next, item = items[i]
            group.addTask { (i, transform(item)) }
            next += 1
        }
        while let (i, r) = await group.next() {
            results[i] = r
            if next < items.count {
                let j = next, item = items[j]
                group.addTask { (j, transform(item)) }
                next += 1
            }
        }
    }
    return results.map { $0! }
}
