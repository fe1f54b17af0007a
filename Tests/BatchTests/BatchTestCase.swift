import CCPlanBase
import ContactHistory
import Foundation
import Logging
import Planning
import XCTest

@testable import Batch

/// A fake unit of work: deterministic rows from the series' sums, a random delay (so that tasks
/// finish out of order), and a failure for queues named `fail*`.
struct FakeWork: QueueWork {
    func header(for file: String, quantileLevels: [Double]) -> String { "file,queue,channel,value\n" }

    func run(_ item: QueueItem, _ settings: QueueSettings) throws -> QueueRows {
        usleep(UInt32.random(in: 0...3000))
        if item.queue.hasPrefix("fail") { throw PlanError.badHistory("\(item.queue): fake failure") }
        guard case .history(let s) = item.input else { throw PlanError.badForecast("expected history") }
        let total = s.indices.reduce(0.0) { $0 + (s.states[$1] == .observed ? s.offered[$1] : 0) }
        let files = QueuePlanning.fileNames.map { name in
            (
                name,
                (0..<3).map {
                    "\(name),\(item.queue),\(item.channel.rawValue),\(total + Double($0)),\(settings.assumptions.shrinkage)\n"
                }.joined()
            )
        }
        return QueueRows(files: files, model: "fake")
    }
}

/// What the batch unit tests share: a silent logger, temporary directories, small inputs and a
/// config, a run with the fake work.
class BatchTestCase: XCTestCase {
    var logger: Logger {
        var l = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        l.logLevel = .critical
        return l
    }

    func tempDir() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    /// Writes `files` (name → queues) of 10 days of hourly history and a config.
    func inputs(_ dir: String, files: [String: [(String, String)]], extra: String = "") throws -> BatchConfig {
        try FileManager.default.createDirectory(atPath: dir + "/h", withIntermediateDirectories: true)
        for (name, queues) in files {
            var text = "interval_start,queue,channel,offered\n"
            for hour in 0..<240 {
                let t = ISO8601DateFormatter().string(
                    from: Date(timeIntervalSince1970: 1_790_000_000 + Double(hour) * 3600))
                for (k, (q, c)) in queues.enumerated() { text += "\(t),\(q),\(c),\((hour * 7 + k) % 13)\n" }
            }
            try text.write(toFile: dir + "/h/" + name, atomically: true, encoding: .utf8)
        }
        let yaml = """
            version: 1
            inputs: { history: [ "h/*.csv" ], timezone: UTC }
            forecast: { horizon: 1w }
            assumptions: { shrinkage: 10% }
            \(extra)
            """
        try yaml.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
        return try BatchConfig.load(dir + "/b.yaml")
    }

    func run(_ config: BatchConfig, out: String, shard: ShardSpec = .all, workers: Int = 2, force: Bool = false)
        async throws -> BatchSummary
    {
        var o = BatchOptions(config: config, outputRoot: out)
        o.shard = shard
        o.workers = workers
        o.force = force
        o.progress = false
        return try await BatchRun.run(o, work: FakeWork(), logger: logger)
    }

    /// The failure a batch run throws, or nil.
    func failure(_ config: BatchConfig, out: String) async -> BatchFailure? {
        do { _ = try await run(config, out: out); return nil } catch { return error as? BatchFailure }
    }

    /// The output files (and failures.csv) of a directory.
    func contents(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in QueuePlanning.fileNames + ["failures.csv"] {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        }
        return out
    }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
}
