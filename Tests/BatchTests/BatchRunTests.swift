import CCPlanBase
import ContactHistory
import Foundation
import Planning
import XCTest

@testable import Batch

/// Whole runs with the fake work: determinism over workers and shards, failures isolated per
/// file and queue, the lock, and a rerun in which nothing can be planned.
final class BatchRunTests: BatchTestCase {
    func testOutputsAreIdenticalWhateverTheWorkerCountAndShardsMergeToThem() async throws {
        let dir = try tempDir()
        let names = (0..<12).map { ("q\($0)", $0 % 4 == 3 ? "chat" : "voice") }
        let config = try inputs(
            dir, files: ["a.csv": Array(names[0..<5]), "b.csv": Array(names[5..<9]), "c.csv": Array(names[9...])])
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
        XCTAssertEqual(
            Array(queues.enumerated().filter { $0.offset % 3 == 0 }.map(\.element)),
            ["q0", "q1", "q10", "q11", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"])

        for i in 0..<3 {
            _ = try await run(config, out: dir + "/shards", shard: ShardSpec(index: i, count: 3), workers: 2)
        }
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
            more +=
                ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_790_000_000 + Double(hour) * 3600))
                + ",x,voice,5\n"
        }
        try more.write(toFile: dir + "/h/a2.csv", atomically: true, encoding: .utf8)
        try
            "interval_start,queue,channel,offered\n2026-09-01T00:00:00Z,bad,voice,-3\n2026-09-01T00:00:00Z,worse,chat,1\n"
            .write(toFile: dir + "/h/c.csv", atomically: true, encoding: .utf8)
        config = try BatchConfig.load(dir + "/b.yaml")
        let s = try await run(config, out: dir + "/o")
        XCTAssertEqual(s.planned, 3)
        XCTAssertEqual(
            s.failures.map { "\($0.queue)/\($0.channel)/\($0.stage)" }, ["bad/voice/input", "worse/chat/input"])
        XCTAssertTrue(s.failures[0].message.contains("c.csv:2:"), s.failures[0].message)
        let daily = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/o/daily.csv")), as: UTF8.self)
        // x: 240 hours from a.csv + 20 × 5 from a2.csv.
        let xTotal = (0..<240).reduce(0) { $0 + ($1 * 7) % 13 } + 100
        XCTAssertTrue(daily.contains("daily.csv,x,voice,\(Double(xTotal)),"), daily)
        let failures = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: dir + "/o/failures.csv")), as: UTF8.self)
        XCTAssertEqual(failures.split(separator: "\n").count, 3)
    }

    func testAPlanningFailureIsIsolatedAndRecorded() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("ok1", "voice"), ("fail-me", "voice"), ("ok2", "chat")]])
        let s = try await run(config, out: dir + "/o")
        XCTAssertEqual(s.planned, 2)
        XCTAssertEqual(s.failures.map(\.queue), ["fail-me"])
        XCTAssertEqual(s.failures.first?.stage, .plan)
        let m = try XCTUnwrap(BatchManifest.read(dir + "/o/manifest.json"))
        XCTAssertEqual(m.status, .complete)
        XCTAssertEqual(m.queues.map(\.status), [.failed, .planned, .planned])
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
        guard case .temporary(let message)? = await failure(config, out: dir + "/o") else {
            return XCTFail("expected the lock to be held")
        }
        XCTAssertTrue(message.contains("another ccplan batch"), message)
        lock.release()
        let s = try await run(config, out: dir + "/o")
        XCTAssertEqual(s.planned, 1)
    }

    /// Issue 13: a rerun in which every queue fails keeps the previous complete output, manifest
    /// included, byte for byte, and says so.
    func testARerunInWhichEveryQueueFailsKeepsThePreviousOutput() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("q1", "voice"), ("q2", "chat")]])
        let first = try await run(config, out: dir + "/o")
        XCTAssertEqual(first.planned, 2)
        let before = try contents(dir + "/o")
        let manifest = try Data(contentsOf: URL(fileURLWithPath: dir + "/o/manifest.json"))
        // Tonight's export is broken: every row of every queue is refused.
        try "interval_start,queue,channel,offered\n2026-09-01T00:00:00Z,q1,voice,-3\n2026-09-01T00:00:00Z,q2,chat,-1\n"
            .write(toFile: dir + "/h/a.csv", atomically: true, encoding: .utf8)
        let s = try await run(try BatchConfig.load(dir + "/b.yaml"), out: dir + "/o")
        XCTAssertTrue(s.keptPrevious)
        XCTAssertEqual(s.planned, 0)
        XCTAssertEqual(s.failures.map(\.queue), ["q1", "q2"])
        XCTAssertEqual(try contents(dir + "/o"), before)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/o/manifest.json")), manifest)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/o/.ccplan-work"))

        // Without a previous complete output, the empty result is written as it is.
        let fresh = try await run(try BatchConfig.load(dir + "/b.yaml"), out: dir + "/fresh")
        XCTAssertFalse(fresh.keptPrevious)
        XCTAssertEqual(BatchManifest.read(dir + "/fresh/manifest.json")?.status, .complete)
        XCTAssertEqual(try text(dir + "/fresh/failures.csv").split(separator: "\n").count, 3)
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
            let selected = BatchInputs.select(
                files: try BatchInputs.expand(config.history), forecasts: false, options: config.readOptions,
                shard: o.shard, workers: 2, oneQueuePerFile: true)
            parsed += selected.count
            let m = try XCTUnwrap(BatchManifest.read(dir + "/shards/" + o.shard.partName + "/manifest.json"))
            // hashes only the files it read
            XCTAssertEqual(m.inputs.filter { $0.role == .history }.map(\.path), selected)
            XCTAssertEqual(m.inputFileCount, 10)
        }
        XCTAssertLessThanOrEqual(parsed, 10 + 2)  // each file parsed by about one shard, not by all three
        _ = try BatchMerge.run([dir + "/shards"], output: dir + "/merged", logger: logger)
        XCTAssertEqual(try contents(dir + "/merged"), try contents(dir + "/single"))
    }
}
