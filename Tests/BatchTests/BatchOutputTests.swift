import CCPlanBase
import Foundation
import Planning
import XCTest

@testable import Batch

/// Where a batch writes: never over files it did not write, through a symbolic link into the
/// directory it points to, and a killed run's state resumed.
final class BatchOutputTests: BatchTestCase {
    func testADirectoryHoldingFilesOfOurNamesButNoManifestIsRefused() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("q", "voice")]])
        try FileManager.default.createDirectory(atPath: dir + "/o", withIntermediateDirectories: true)
        try "mine\n".write(toFile: dir + "/o/intervals.csv", atomically: true, encoding: .utf8)
        guard case .cannotCreate(let message)? = await failure(config, out: dir + "/o") else {
            return XCTFail("expected exit 73")
        }
        XCTAssertTrue(message.contains("holds intervals.csv but no batch manifest.json"), message)
        XCTAssertEqual(try text(dir + "/o/intervals.csv"), "mine\n")
        // Unrelated files (lost+found, notes) are left alone and do not stop a run.
        try FileManager.default.removeItem(atPath: dir + "/o/intervals.csv")
        try "notes\n".write(toFile: dir + "/o/notes.txt", atomically: true, encoding: .utf8)
        try "hidden\n".write(toFile: dir + "/o/.notes.1.tmp", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/o/lost+found", withIntermediateDirectories: true)
        _ = try await run(config, out: dir + "/o")
        XCTAssertEqual(try text(dir + "/o/notes.txt"), "notes\n")
        XCTAssertEqual(try text(dir + "/o/.notes.1.tmp"), "hidden\n")
        // A manifest.json that is not a batch manifest is not overwritten either.
        try "{\"mine\": true}".write(toFile: dir + "/o2.json", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: dir + "/o2", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir + "/o2.json", toPath: dir + "/o2/manifest.json")
        guard case .cannotCreate? = await failure(config, out: dir + "/o2") else { return XCTFail("expected exit 73") }
    }

    /// One documented behaviour for plan, batch and merge: a symbolic link `--out` is followed.
    func testASymbolicLinkOutputIsFollowedAndKept() async throws {
        let dir = try tempDir()
        let config = try inputs(dir, files: ["a.csv": [("q", "voice")]])
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/real")
        _ = try await run(config, out: dir + "/link")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link"), dir + "/real")
        XCTAssertEqual(BatchManifest.read(dir + "/real/manifest.json")?.status, .complete)
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: dir + "/nowhere")
        guard case .cannotCreate(let message)? = await failure(config, out: dir + "/dangling") else {
            return XCTFail("expected exit 73")
        }
        XCTAssertTrue(message.contains("which does not exist"), message)
    }

    func testOnlyOurOwnTemporariesAreRemoved() throws {
        let dir = try tempDir()
        for name in [
            ".intervals.csv.123.tmp", ".manifest.json.9.tmp", ".notes.tmp", ".mine.42.tmp", ".intervals.csv.x.tmp",
            ".q-voice-ab.frag.7.tmp",
        ] {
            try "x".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
        }
        BatchOutputDirectory.removeTemporaries(in: dir, of: BatchOutputDirectory.ownedNames)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
            [".intervals.csv.x.tmp", ".mine.42.tmp", ".notes.tmp", ".q-voice-ab.frag.7.tmp"])
        BatchOutputDirectory.removeTemporaries(in: dir, of: [])
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
            [".intervals.csv.x.tmp", ".mine.42.tmp", ".notes.tmp"])
    }

    /// The state a run killed while planning leaves (its steps run up to the planning of two
    /// queues, then stopped; temporaries of a write in flight) resumes: the two are reused, and
    /// the files are those of an uninterrupted run. (The built binary is killed with a real
    /// SIGKILL in the end-to-end tests.)
    func testAKilledRunsStateResumesToTheSameBytes() async throws {
        let dir = try tempDir()
        let config = try inputs(
            dir, files: ["a.csv": [("q1", "voice"), ("q2", "voice"), ("q3", "chat")], "b.csv": [("q4", "email")]])
        _ = try await run(config, out: dir + "/reference")
        var options = BatchOptions(config: config, outputRoot: dir + "/o")
        options.progress = false
        options.workers = 1
        let runner = BatchRunner(options: options, work: FakeWork(), logger: logger)
        let lock = try runner.acquireOutput()
        let inputs = try await runner.loadInputs()
        _ = try runner.startManifest(inputs)
        var loaded = await inputs.parsed()
        loaded.items = Array(loaded.items.prefix(2))
        _ = try await runner.planQueues(loaded, inputs: inputs, shared: try runner.readSharedFiles())
        lock.release()
        try "half".write(toFile: dir + "/o/.intervals.csv.99999.tmp", atomically: false, encoding: .utf8)
        try "half".write(
            toFile: dir + "/o/.ccplan-work/queues/.x-voice-0.frag.99999.tmp", atomically: false, encoding: .utf8)
        XCTAssertEqual(BatchManifest.read(dir + "/o/manifest.json")?.status, .running)

        let resumed = try await run(config, out: dir + "/o")
        XCTAssertEqual(resumed.reused, 2)
        XCTAssertEqual(resumed.planned, 4)
        XCTAssertEqual(try contents(dir + "/o"), try contents(dir + "/reference"))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: dir + "/o").filter { $0.hasPrefix(".") }.sorted(),
            [".ccplan-batch.lock"])
    }
}
