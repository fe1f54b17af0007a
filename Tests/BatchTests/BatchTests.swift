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
            (name, (0..<3).map { "\(name),\(item.queue),\(item.channel.rawValue),\(total + Double($0)),\(settings.assumptions.shrinkage)\n" }.joined())
        }
        return QueueRows(files: files, model: "fake")
    }
}

final class BatchTests: XCTestCase {
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
                let t = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_790_000_000 + Double(hour) * 3600))
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

    func run(_ config: BatchConfig, out: String, shard: ShardSpec = .all, workers: Int = 2, force: Bool = false) async throws -> BatchSummary {
        var o = BatchOptions(config: config, outputRoot: out)
        o.shard = shard
        o.workers = workers
        o.force = force
        o.progress = false
        return try await BatchRun.run(o, work: FakeWork(), logger: logger)
    }

    func contents(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in QueuePlanning.fileNames + ["failures.csv"] { out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name)) }
        return out
    }

    // MARK: Hashes and shards

    func testShardsAreStableAndSpread() {
        // Stable assignment: the same in every process (FNV-1a of queue 0x1F channel).
        XCTAssertEqual(ShardSpec.shard(queue: "billing", channel: .voice, count: 16),
                       Int(FNV1a64.hash(Array("billing\u{1F}voice".utf8)) % 16))
        let spread = Dictionary(grouping: (0..<1000).map { ShardSpec.shard(queue: "q\($0)", channel: .voice, count: 4) }, by: { $0 }).mapValues(\.count)
        XCTAssertEqual(spread.count, 4)
        for (_, n) in spread { XCTAssertGreaterThan(n, 200) }
    }

    func testShardFromFlagAndEnvironment() throws {
        XCTAssertEqual(ShardSpec.parse("3/16"), ShardSpec(index: 3, count: 16))
        for bad in ["16/16", "-1/4", "1/0", "a/4", "1", "1/2/3"] { XCTAssertNil(ShardSpec.parse(bad), bad) }
        XCTAssertEqual(ShardSpec(index: 3, count: 16).partName, "part-00003-of-00016")
        XCTAssertNil(try ShardSpec.fromEnvironment([:]))
        XCTAssertEqual(try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "CCPLAN_SHARD_COUNT": "8"])?.0, ShardSpec(index: 2, count: 8))
        XCTAssertEqual(try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "2", "CCPLAN_SHARD_COUNT": "8"])?.1, "kubernetes")
        // Slurm arrays may start at any index: --array=1-16 → shards 0…15.
        XCTAssertEqual(try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "16", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "16"])?.0,
                       ShardSpec(index: 15, count: 16))
        XCTAssertEqual(try ShardSpec.fromEnvironment(["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "3"])?.0, ShardSpec(index: 0, count: 3))
        XCTAssertThrowsError(try ShardSpec.fromEnvironment(["JOB_COMPLETION_INDEX": "2"]))
        XCTAssertThrowsError(try ShardSpec.fromEnvironment(["AWS_BATCH_JOB_ARRAY_INDEX": "3", "AWS_BATCH_JOB_ARRAY_SIZE": "3"]))
        XCTAssertThrowsError(try ShardSpec.fromEnvironment(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "3"]))
    }

    // MARK: Config

    func testConfigErrorsNameLineAndColumn() {
        func error(_ yaml: String) -> String {
            do { _ = try BatchConfig.parse(yaml: yaml, path: "/x/b.yaml"); return "no error" } catch { return error.description }
        }
        XCTAssertEqual(error("inputs:\n  history: a.csv\nassumptions:\n  shrinkage: 1.2\n"), "/x/b.yaml:4:14: shrinkage: must be in [0, 1), got 1.2")
        XCTAssertTrue(error("inputs:\n  history: a.csv\nforecast:\n  horizon: 4 weeks\n").hasPrefix("/x/b.yaml:4:12: "))
        XCTAssertTrue(error("inputs:\n  history: a.csv\nbogus: 1\n").hasPrefix("/x/b.yaml:3:1: unknown key 'bogus'"))
        XCTAssertTrue(error("inputs:\n  history: a.csv\ngroups:\n  - { name: g, match: 'x*', assumptions: { shrinkag: 1% } }\n").hasPrefix("/x/b.yaml:4:44: unknown setting 'shrinkag'"))
        XCTAssertTrue(error("inputs: [a\n").hasPrefix("/x/b.yaml:"), error("inputs: [a\n"))
        XCTAssertTrue(error("forecast: { horizon: 1w }\n").contains("'inputs' must name"))
        XCTAssertTrue(error("inputs: { history: a.csv, timezone: Mars/Base }\n").hasPrefix("/x/b.yaml:1:37: unknown time zone"))
    }

    func testSettingsPrecedenceBaseGroupsQueue() throws {
        let yaml = """
            inputs: { history: a.csv }
            assumptions: { shrinkage: 10%, target_sl: 80% }
            scenarios: s.yaml
            groups:
              - { name: sales, match: [ "sales-*" ], assumptions: { shrinkage: 20% }, scenarios: sales.yaml }
              - { name: chat, channel: chat, assumptions: { concurrency: 3, shrinkage: 25% } }
            queues:
              sales-vip: { target_sl: 95% }
              sales-vip/chat: { shrinkage: 40% }
            """
        let c = try BatchConfig.parse(yaml: yaml, path: "/cfg/b.yaml")
        XCTAssertEqual(c.historyPatterns, ["/cfg/a.csv"])
        let base = try c.assumptions(queue: "other", channel: .voice)
        XCTAssertEqual(base.shrinkage, 0.1)
        let sales = try c.assumptions(queue: "sales-1", channel: .voice)
        XCTAssertEqual(sales.shrinkage, 0.2)
        let vipChat = try c.assumptions(queue: "sales-vip", channel: .chat)
        XCTAssertEqual(vipChat.shrinkage, 0.4)
        XCTAssertEqual(vipChat.chatConcurrency, 3)
        XCTAssertEqual(vipChat.targetServiceLevel, 0.95)
        XCTAssertEqual(c.scenarioPath(queue: "sales-1", channel: .voice), "/cfg/sales.yaml")
        XCTAssertEqual(c.scenarioPath(queue: "other", channel: .voice), "/cfg/s.yaml")
    }

    // MARK: Runs

    func testOutputsAreIdenticalWhateverTheWorkerCountAndShardsMergeToThem() async throws {
        let dir = try tempDir()
        let names = (0..<12).map { ("q\($0)", $0 % 4 == 3 ? "chat" : "voice") }
        let config = try inputs(dir, files: ["a.csv": Array(names[0..<5]), "b.csv": Array(names[5..<9]), "c.csv": Array(names[9...])])
        let one = try await run(config, out: dir + "/w1", workers: 1)
        XCTAssertEqual(one.planned, 12)
        let reference = try contents(dir + "/w1")
        for w in [2, 5, 16] {
            _ = try await run(config, out: dir + "/w\(w)", workers: w)
            XCTAssertEqual(try contents(dir + "/w\(w)"), reference, "\(w) workers")
        }
        // Rows are in (queue, channel) order: q0, q1, q10, q11, q2, …
        let text = String(decoding: reference["daily.csv"]!, as: UTF8.self)
        let queues = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        XCTAssertEqual(Array(queues.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)), ["q0", "q1", "q10", "q11", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"])

        for i in 0..<3 { _ = try await run(config, out: dir + "/shards", shard: ShardSpec(index: i, count: 3), workers: 2) }
        let summary = try BatchMerge.run([dir + "/shards"], output: dir + "/merged", logger: logger)
        XCTAssertEqual(summary.planned, 12)
        XCTAssertEqual(try contents(dir + "/merged"), reference)
    }

    func testAQueueSpreadOverFilesIsMergedAndABadFileFailsOnlyItsQueues() async throws {
        let dir = try tempDir()
        var config = try inputs(dir, files: ["a.csv": [("x", "voice"), ("y", "voice")], "b.csv": [("z", "voice")]])
        // A second part of x's history, later in time, in another file.
        var more = "interval_start,queue,channel,offered\n"
        for hour in 240..<260 {
            more += ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_790_000_000 + Double(hour) * 3600)) + ",x,voice,5\n"
        }
        try more.write(toFile: dir + "/h/a2.csv", atomically: true, encoding: .utf8)
        try "interval_start,queue,channel,offered\n2026-09-01T00:00:00Z,bad,voice,-3\n2026-09-01T00:00:00Z,worse,chat,1\n"
            .write(toFile: dir + "/h/c.csv", atomically: true, encoding: .utf8)
        config = try BatchConfig.load(dir + "/b.yaml")
        let s = try await run(config, out: dir + "/o")
        XCTAssertEqual(s.planned, 3)
        XCTAssertEqual(s.failures.map { "\($0.queue)/\($0.channel)/\($0.stage)" }, ["bad/voice/input", "worse/chat/input"])
        XCTAssertTrue(s.failures[0].message.contains("c.csv:2:"), s.failures[0].message)
        let daily = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/o/daily.csv")), as: UTF8.self)
        // x: 240 hours from a.csv + 20 × 5 from a2.csv.
        let xTotal = (0..<240).reduce(0) { $0 + ($1 * 7) % 13 } + 100
        XCTAssertTrue(daily.contains("daily.csv,x,voice,\(Double(xTotal)),"), daily)
        let failures = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/o/failures.csv")), as: UTF8.self)
        XCTAssertEqual(failures.split(separator: "\n").count, 3)
    }

    func testAPlanningFailureIsIsolatedAndRecorded() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("ok1", "voice"), ("fail-me", "voice"), ("ok2", "chat")]])
        let s = try await run(config, out: dir + "/o")
        XCTAssertEqual(s.planned, 2)
        XCTAssertEqual(s.failures.map(\.queue), ["fail-me"])
        XCTAssertEqual(s.failures.first?.stage, "plan")
        let m = try XCTUnwrap(BatchManifest.read(dir + "/o/manifest.json"))
        XCTAssertEqual(m.status, "complete")
        XCTAssertEqual(m.queues.map(\.status), ["failed", "planned", "planned"])
        XCTAssertEqual(m.queues.first?.error, "fail-me: fake failure")
        XCTAssertEqual(m.files.map(\.name), QueuePlanning.fileNames + ["failures.csv"])
        for f in m.files {
            let h = try XCTUnwrap(fileSHA256(dir + "/o/" + f.name))
            XCTAssertEqual(h.hex, f.sha256, f.name)
            XCTAssertEqual(h.bytes, f.bytes, f.name)
        }
        // Rerun: up to date (same failures reported again).
        let again = try await run(config, out: dir + "/o")
        XCTAssertTrue(again.upToDate)
        XCTAssertEqual(again.failures.map(\.queue), ["fail-me"])
        let forced = try await run(config, out: dir + "/o", force: true)
        XCTAssertFalse(forced.upToDate)
        XCTAssertEqual(forced.planned, 2)
    }

    func testTheLockKeepsASecondRunOut() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("q", "voice")]])
        try FileManager.default.createDirectory(atPath: dir + "/o", withIntermediateDirectories: true)
        let lock = try OutputLock(directory: dir + "/o")
        do {
            _ = try await run(config, out: dir + "/o")
            XCTFail("expected the lock to be held")
        } catch let BatchFailure.temporary(message) {
            XCTAssertTrue(message.contains("another ccplan batch"), message)
        }
        lock.release()
        let s = try await run(config, out: dir + "/o")
        XCTAssertEqual(s.planned, 1)
    }

    func testQueueScanFindsQueuesOfAFileItCannotParse() throws {
        let dir = try tempDir()
        let text = "\u{FEFF}Interval_Start;Queue;Channel;Offered\r\n2026-01-01T00:00Z;\"a;b\";voice;1\r\n2026-01-01T00:00Z;c;Chat;x\r\n"
        try text.write(toFile: dir + "/f.csv", atomically: true, encoding: .utf8)
        let r = try XCTUnwrap(QueueScan.scan(dir + "/f.csv", options: HistoryReadOptions()))
        XCTAssertEqual(r.keys, [.init(queue: "a;b", channel: "voice"), .init(queue: "c", channel: "chat")])
    }
    func testOneQueuePerFileShardsReadOnlyTheirFilesAndRefuseMixedFiles() async throws {
        let dir = try tempDir()
        var files: [String: [(String, String)]] = [:]
        for k in 0..<9 { files["f\(k).csv"] = [("q\(k)", "voice")] + (k == 4 ? [("q4", "email")] : []) }
        files["mixed.csv"] = [("m1", "voice"), ("m2", "voice")]
        var config = try inputs(dir, files: files)
        config.oneQueuePerFile = true
        let single = try await run(config, out: dir + "/single")
        XCTAssertEqual(single.planned, 10)
        XCTAssertEqual(single.failures.count, 1)
        XCTAssertTrue(single.failures[0].message.contains("holds 2 queues (m1, m2)"), single.failures[0].message)
        var parsed = 0
        for i in 0..<3 {
            var o = BatchOptions(config: config, outputRoot: dir + "/shards")
            o.shard = ShardSpec(index: i, count: 3)
            o.progress = false
            _ = try await BatchRun.run(o, work: FakeWork(), logger: logger)
            let selected = await BatchInputs.select(
                files: try BatchInputs.expand(config.historyPatterns), forecasts: false, options: config.readOptions,
                shard: o.shard, workers: 2, oneQueuePerFile: true)
            parsed += selected.count
            let m = try XCTUnwrap(BatchManifest.read(dir + "/shards/" + o.shard.partName + "/manifest.json"))
            XCTAssertEqual(m.inputs.filter { $0.role == "history" }.map(\.path), selected)  // hashes only the files it read
            XCTAssertEqual(m.inputFileCount, 10)
        }
        XCTAssertLessThanOrEqual(parsed, 10 + 2)  // each file parsed by about one shard, not by all three
        _ = try BatchMerge.run([dir + "/shards"], output: dir + "/merged", logger: logger)
        XCTAssertEqual(try contents(dir + "/merged"), try contents(dir + "/single"))
    }
    func testMergeRefusesMixedVersionsDamagedPartsAndUnfinishedShards() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("a", "voice"), ("b", "voice"), ("c", "chat")]])
        for i in 0..<2 { _ = try await run(config, out: dir + "/p", shard: ShardSpec(index: i, count: 2)) }
        func merge() -> String {
            do { _ = try BatchMerge.run([dir + "/p"], output: dir + "/m", logger: logger); return "merged" } catch { return "\(error)" }
        }
        XCTAssertEqual(merge(), "merged")
        let part1 = dir + "/p/part-00001-of-00002/manifest.json"
        let original = try String(contentsOfFile: part1, encoding: .utf8)
        try original.replacingOccurrences(of: "\"ccplan_version\": \"", with: "\"ccplan_version\": \"9.").write(toFile: part1, atomically: true, encoding: .utf8)
        XCTAssertTrue(merge().contains("different ccplan versions"), merge())
        try original.replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"running\"").write(toFile: part1, atomically: true, encoding: .utf8)
        XCTAssertTrue(merge().contains("is not finished"), merge())
        try original.write(toFile: part1, atomically: true, encoding: .utf8)
        try "x".write(toFile: dir + "/p/part-00001-of-00002/daily.csv", atomically: true, encoding: .utf8)
        XCTAssertTrue(merge().contains("the part is damaged"), merge())
        XCTAssertTrue({ do { _ = try BatchMerge.run([dir + "/p"], output: dir + "/p", logger: logger); return false } catch { return true } }())
    }
}
