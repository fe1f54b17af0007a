import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// End-to-end tests of `ccplan batch` and `ccplan merge` through the built binary: shards as
/// separate processes, a bad queue among good ones, the exit statuses. (A run killed with
/// SIGKILL: BatchKillTests; outputs that are not ccplan's: OutputSafetyTests.)
final class BatchCommandTests: XCTestCase {
    func testFourShardsAsProcessesMergeIntoTheBytesOfASingleRun() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir)
        let single = dir.appendingPathComponent("single")
        let r = try runCCPlan(["batch", "--config", config, "--out", single.path, "--workers", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)

        // Four shards at once, as a cluster would start them; two take the shard from the environment.
        let shards = dir.appendingPathComponent("shards")
        var processes: [(Process, URL)] = []
        for i in 0..<4 {
            let env: [String: String] =
                i == 1
                ? ["JOB_COMPLETION_INDEX": "1", "CCPLAN_SHARD_COUNT": "4"]
                : i == 2
                    ? ["SLURM_ARRAY_TASK_ID": "12", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_COUNT": "4"] : [:]
            let p = Process()
            p.executableURL = try ccplanBinary()
            p.arguments =
                ["batch", "--config", config, "--out", shards.path, "--workers", "1", "--log-format", "json"]
                + (env.isEmpty ? ["--shard", "\(i)/4"] : [])
            p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
            let log = dir.appendingPathComponent("shard-\(i).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            p.standardError = try FileHandle(forWritingTo: log)
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            processes.append((p, log))
        }
        var logs: [String] = []
        for (i, (p, log)) in processes.enumerated() {
            p.waitUntilExit()
            let text = try String(contentsOf: log, encoding: .utf8)
            logs.append(text)
            XCTAssertEqual(p.terminationStatus, 0, "shard \(i): \(text)")
        }
        let parts = try FileManager.default.contentsOfDirectory(atPath: shards.path).sorted()
        XCTAssertEqual(parts, (0..<4).map { "part-0000\($0)-of-00004" })
        // Every queue is in exactly one part.
        var planned: [String] = []
        for p in parts {
            let m = try jsonObject(
                String(contentsOfFile: shards.appendingPathComponent(p + "/manifest.json").path, encoding: .utf8))
            XCTAssertEqual(m["status"] as? String, "complete")
            planned += (m["queues"] as? [[String: Any]] ?? []).map { "\($0["queue"]!)/\($0["channel"]!)" }
        }
        XCTAssertEqual(
            planned.sorted(),
            [
                "queue-0/voice", "queue-1/voice", "queue-2/chat", "queue-3/voice", "queue-4/voice", "queue-5/chat",
                "sales/voice", "sales/email",
            ].sorted())
        // JSON log lines.
        let firstLine = logs[0].split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertEqual(try jsonObject(firstLine)["level"] as? String, "info", firstLine)

        let merged = dir.appendingPathComponent("merged")
        let m = try runCCPlan(["merge", shards.path, "--out", merged.path])
        XCTAssertEqual(m.status, 0, m.stderr)
        for name in batchOutputs {
            XCTAssertEqual(try read(merged, name), try read(single, name), name)
        }
        XCTAssertGreaterThan(try read(single, "intervals.csv").count, 10_000)

        // Worker count does not change a byte.
        let one = dir.appendingPathComponent("one-worker")
        XCTAssertEqual(try runCCPlan(["batch", "--config", config, "--out", one.path, "--workers", "1"]).status, 0)
        for name in batchOutputs { XCTAssertEqual(try read(one, name), try read(single, name), name) }

        // A missing shard: temporary failure (75), nothing written.
        try FileManager.default.removeItem(at: shards.appendingPathComponent("part-00002-of-00004"))
        let missing = try runCCPlan(["merge", shards.path, "--out", dir.appendingPathComponent("m2").path])
        XCTAssertEqual(missing.status, 75, missing.stderr)
        XCTAssertTrue(missing.stderr.contains("part-00002-of-00004"), missing.stderr)
    }

    func testABadQueueIsSkippedAndListedWhileTheOthersAreWritten() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir, queues: 3, bad: true, short: true)
        let out = dir.appendingPathComponent("out")
        let r = try runCCPlan(["batch", "--config", config, "--out", out.path])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("failures.csv"), r.stderr)
        let failures = try String(contentsOfFile: out.appendingPathComponent("failures.csv").path, encoding: .utf8)
        let lines = failures.split(separator: "\n")
        XCTAssertEqual(lines.first, "queue,channel,stage,message")
        XCTAssertEqual(lines.count, 3, failures)
        XCTAssertTrue(lines[1].hasPrefix("broken,voice,input,"), failures)
        XCTAssertTrue(lines[1].contains("broken.csv:"), failures)  // file:line:column of the bad row
        XCTAssertTrue(lines[2].hasPrefix("tiny,voice,plan,"), failures)
        XCTAssertTrue(r.stderr.contains("broken"), r.stderr)  // also in the log
        let intervals = try String(contentsOfFile: out.appendingPathComponent("intervals.csv").path, encoding: .utf8)
        for q in ["queue-0", "queue-1", "queue-2", "sales"] { XCTAssertTrue(intervals.contains(",\(q),"), q) }
        XCTAssertFalse(intervals.contains(",broken,"))
        let m = try jsonObject(
            String(contentsOfFile: out.appendingPathComponent("manifest.json").path, encoding: .utf8))
        XCTAssertEqual(m["status"] as? String, "complete")
        XCTAssertEqual(m["queues_failed"] as? Int, 2)

        // Sharded, the failures still end up in the merged failures.csv, and merge exits 65 too.
        let shards = dir.appendingPathComponent("shards")
        for i in 0..<2 {
            let s = try runCCPlan([
                "batch", "--config", config, "--out", shards.path, "--shard", "\(i)/2", "--no-progress",
            ])
            XCTAssertTrue([0, 65].contains(s.status), s.stderr)
        }
        let merged = dir.appendingPathComponent("merged")
        let mr = try runCCPlan(["merge", shards.path, "--out", merged.path])
        XCTAssertEqual(mr.status, 65, mr.stderr)
        for name in batchOutputs { XCTAssertEqual(try read(merged, name), try read(out, name), name) }
    }

    func testUsageAndTransientFailures() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir, queues: 2)
        // A config error names line and column: 64.
        let bad = dir.appendingPathComponent("bad.yaml").path
        try "version: 1\ninputs:\n  history: [ x.csv ]\nassumptions:\n  shrinkage: 120%\n".write(
            toFile: bad, atomically: true, encoding: .utf8)
        let r1 = try runCCPlan(["batch", "--config", bad, "--out", dir.appendingPathComponent("o1").path])
        XCTAssertEqual(r1.status, 64, r1.stderr)
        XCTAssertTrue(r1.stderr.contains("bad.yaml:5:14:"), r1.stderr)
        // A bad shard: 64.
        XCTAssertEqual(
            try runCCPlan(["batch", "--config", config, "--out", dir.path + "/o2", "--shard", "4/4"]).status, 64)
        XCTAssertEqual(
            try runCCPlan(
                ["batch", "--config", config, "--out", dir.path + "/o2"], environment: ["JOB_COMPLETION_INDEX": "1"]
            ).status, 64)
        // The output directory cannot be created: 75.
        let file = dir.appendingPathComponent("a-file").path
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runCCPlan(["batch", "--config", config, "--out", file + "/out"]).status, 75)
        // The lock is held by another run: 75.
        let out = dir.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let fd = open(out.path + "/.ccplan-batch.lock", O_RDWR | O_CREAT, 0o644)
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let locked = try runCCPlan(["batch", "--config", config, "--out", out.path])
        XCTAssertEqual(locked.status, 75, locked.stderr)
        XCTAssertTrue(locked.stderr.contains("another ccplan batch"), locked.stderr)
        close(fd)
        XCTAssertEqual(try runCCPlan(["batch", "--config", config, "--out", out.path]).status, 0)

        // Parts of different configs are refused: 65.
        let shards = dir.appendingPathComponent("shards")
        XCTAssertEqual(try runCCPlan(["batch", "--config", config, "--out", shards.path, "--shard", "0/2"]).status, 0)
        let other = dir.appendingPathComponent("other.yaml").path
        try (String(contentsOfFile: config, encoding: .utf8) + "\n# changed\n").write(
            toFile: other, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runCCPlan(["batch", "--config", other, "--out", shards.path, "--shard", "1/2"]).status, 0)
        let mixed = try runCCPlan(["merge", shards.path, "--out", dir.appendingPathComponent("mixed").path])
        XCTAssertEqual(mixed.status, 65, mixed.stderr)
        XCTAssertTrue(mixed.stderr.contains("different configs"), mixed.stderr)
    }
    func testForecastInputsArePlannedAsTheyAre() throws {
        let dir = try temporaryDirectory(self)
        try makeInputs(dir, queues: 2)
        let history = dir.appendingPathComponent("history")
        let forecasts = dir.appendingPathComponent("forecasts")
        try FileManager.default.createDirectory(at: forecasts, withIntermediateDirectories: true)
        for name in ["q0", "q1"] {
            let f = try runCCPlan([
                "forecast", "--history", history.appendingPathComponent(name + ".csv").path, "--timezone",
                "Europe/Berlin",
                "--horizon", "1w", "--model", "seasonal-naive", "--out",
                forecasts.appendingPathComponent(name + ".csv").path,
            ])
            XCTAssertEqual(f.status, 0, f.stderr)
        }
        let config = dir.appendingPathComponent("forecasts.yaml").path
        try """
        version: 1
        inputs: { forecasts: [ "forecasts/*.csv" ], timezone: Europe/Berlin }
        assumptions: { target_sl: 80%, answer_within: 20s }
        outputs: { files: [ intervals.csv, weekly.csv ] }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try runCCPlan(["batch", "--config", config, "--out", out.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertEqual(files, ["failures.csv", "intervals.csv", "manifest.json", "weekly.csv"])
        let intervals = try String(contentsOf: out.appendingPathComponent("intervals.csv"), encoding: .utf8)
        XCTAssertEqual(intervals.split(separator: "\n").count, 1 + 2 * 7 * 48)
    }
    func testBatchFilesAreThoseOfCcplanPlan() throws {
        let dir = try temporaryDirectory(self)
        try makeInputs(dir, queues: 3)
        let history = dir.appendingPathComponent("history")
        let files = try FileManager.default.contentsOfDirectory(atPath: history.path).sorted().map {
            history.appendingPathComponent($0).path
        }
        let config = dir.appendingPathComponent("plain.yaml").path
        try """
        version: 1
        inputs: { history: [ "history/*.csv" ], timezone: Europe/Berlin }
        forecast: { horizon: 1w, model: seasonal-average, quantiles: [0.2, 0.8] }
        assumptions: { target_sl: 85%, shrinkage: 30%, patience: 2m }
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let batch = dir.appendingPathComponent("batch")
        XCTAssertEqual(try runCCPlan(["batch", "--config", config, "--out", batch.path]).status, 0)
        let plan = dir.appendingPathComponent("plan")
        let p = try runCCPlan(
            ["plan", "--history"] + files + [
                "--timezone", "Europe/Berlin", "--horizon", "1w", "--model", "seasonal-average",
                "--quantiles", "0.2,0.8", "--target-sl", "85%", "--shrinkage", "30%", "--patience", "2m", "--out",
                plan.path,
            ])
        XCTAssertEqual(p.status, 0, p.stderr)
        for name in ["forecast.csv", "intervals.csv", "daily.csv", "weekly.csv", "monthly.csv"] {
            XCTAssertEqual(try read(batch, name), try read(plan, name), name)
        }
    }
}
