import Foundation
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// A `ccplan batch` child process killed with a real SIGKILL (no test hook in the binary) at
/// moments chosen by watching its output directory: the rerun resumes, leaves no partial file,
/// and writes the bytes of an uninterrupted run.
final class BatchKillTests: XCTestCase {
    /// What became of a child that was to be killed.
    private struct Outcome {
        /// Killed by the SIGKILL (false: it finished before `ready` said so).
        var killed: Bool
        var status: Int32
        var log: String
    }

    /// Starts `ccplan arguments`, polls `ready` every millisecond (for 120 s at most) and kills the
    /// child with SIGKILL as soon as it returns true.
    private func run(_ arguments: [String], in dir: URL, killWhen ready: () -> Bool) throws -> Outcome {
        let p = Process()
        p.executableURL = try ccplanBinary()
        p.arguments = arguments
        let log = dir.appendingPathComponent("child-\(UUID().uuidString).log")
        XCTAssertTrue(FileManager.default.createFile(atPath: log.path, contents: nil))
        p.standardError = try FileHandle(forWritingTo: log)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(120)
        var sent = false
        while p.isRunning && Date() < deadline {
            if ready() {
                kill(p.processIdentifier, SIGKILL)
                sent = true
                break
            }
            usleep(1000)
        }
        if !sent && p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        let killed = p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL
        return Outcome(
            killed: killed, status: p.terminationStatus, log: (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    private func names(_ dir: URL) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    }

    private func status(_ out: URL) throws -> String? {
        try jsonObject(String(contentsOf: out.appendingPathComponent("manifest.json"), encoding: .utf8))["status"]
            as? String
    }

    func testAKilledRunResumesToTheBytesOfAnUninterruptedRun() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir, queues: 30)
        let reference = dir.appendingPathComponent("reference")
        XCTAssertEqual(
            try runCCPlan(["batch", "--config", config, "--out", reference.path, "--no-progress"]).status, 0)
        let out = dir.appendingPathComponent("out")
        let queues = out.appendingPathComponent(".ccplan-work/queues")
        let batch = ["batch", "--config", config, "--out", out.path, "--workers", "1", "--no-progress"]

        // Killed while planning, once two queues are on disk: no output file, not even a partial one.
        let first = try run(batch, in: dir) { names(queues).filter { $0.hasSuffix(".frag") }.count >= 2 }
        XCTAssertTrue(first.killed, "the run ended (status \(first.status)) before it could be killed: \(first.log)")
        for name in batchOutputs {
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        XCTAssertEqual(try status(out), "running")
        let resumed = try runCCPlan(batch)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let reused =
            resumed.stderr.range(of: #"reused=(\d+)"#, options: .regularExpression).map {
                Int(resumed.stderr[$0].dropFirst(7)) ?? 0
            } ?? 0
        XCTAssertGreaterThanOrEqual(reused, 2, resumed.stderr)
        try assertSameBatchFiles(out, reference)
        XCTAssertEqual(leftovers(out), [])

        // Killed while writing the final files (a temporary output is on disk) of a forced rerun:
        // the complete files stay as they were; the next run completes with the same bytes.
        let second = try run(batch + ["--force"], in: dir) {
            names(out).contains { $0.hasPrefix(".") && $0.hasSuffix(".tmp") && !$0.hasPrefix(".manifest.json.") }
        }
        if second.killed { XCTAssertEqual(try status(out), "running") }
        try assertSameBatchFiles(out, reference)
        let again = try runCCPlan(batch)
        XCTAssertEqual(again.status, 0, again.stderr)
        try assertSameBatchFiles(out, reference)
        XCTAssertEqual(leftovers(out), [])
        XCTAssertEqual(try status(out), "complete")

        // Unchanged inputs and config: nothing to do, same bytes, files untouched.
        let stamp =
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("intervals.csv").path)[
                .modificationDate] as? Date
        let idle = try runCCPlan(batch)
        XCTAssertEqual(idle.status, 0, idle.stderr)
        XCTAssertTrue(idle.stderr.contains("up to date"), idle.stderr)
        XCTAssertEqual(
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("intervals.csv").path)[
                .modificationDate] as? Date, stamp)
    }
}
