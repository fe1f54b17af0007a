import Foundation
import XCTest

/// Issue 13, "Lost or corrupted data", reproduced with the built binary: ccplan never deletes or
/// overwrites what it did not write, keeps a good plan when a rerun plans nothing, verifies
/// merges, and follows a symbolic link `--out` the same way in plan, batch and merge.
final class OutputSafetyTests: XCTestCase {
    /// A one-day forecast of one queue, planned by `ccplan plan --forecast`.
    private func forecast(_ dir: URL) throws -> String {
        var text = "queue,channel,interval_start,volume,aht_seconds\n"
        for slot in 0..<48 {
            text +=
                "q,voice,2026-11-02T\(slot / 2 < 10 ? "0" : "")\(slot / 2):\(slot % 2 == 0 ? "00" : "30"):00+01:00,\(slot % 7 + 3),200\n"
        }
        let path = dir.appendingPathComponent("f.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func plan(_ forecast: String, out: String, in cwd: URL? = nil) throws -> CLIResult {
        try runCCPlan(
            ["plan", "--forecast", forecast, "--timezone", "Europe/Berlin", "--out", out], currentDirectory: cwd)
    }

    /// `ccplan plan --out DIR` deleted every unrelated file in DIR, and `--out .` the working directory.
    func testPlanReplacesOnlyAPlanAndRefusesAnyOtherDirectoryWith73() throws {
        let dir = try temporaryDirectory(self)
        let f = try forecast(dir)
        let mine = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try "keep me\n".write(to: mine.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let refused = try plan(f, out: mine.path)
        XCTAssertEqual(refused.status, 73, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("not a directory ccplan wrote"), refused.stderr)
        XCTAssertEqual(try String(contentsOf: mine.appendingPathComponent("notes.txt"), encoding: .utf8), "keep me\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mine.path), ["notes.txt"])

        let dot = try plan(f, out: ".", in: mine)
        XCTAssertEqual(dot.status, 73, dot.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: mine.path), ["notes.txt"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }, [])

        // A plan is replaced by the next plan; a plan holding a file of the user's is not.
        let p = dir.appendingPathComponent("plan")
        XCTAssertEqual(try plan(f, out: p.path).status, 0)
        let rerun = try plan(f, out: p.path)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        try "mine\n".write(to: p.appendingPathComponent("notes.xlsx"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try plan(f, out: p.path).status, 73)
        XCTAssertTrue(FileManager.default.fileExists(atPath: p.appendingPathComponent("notes.xlsx").path))
        // A file where the directory should be.
        XCTAssertEqual(try plan(f, out: f).status, 73)
    }

    /// One behaviour for a symbolic link `--out` in plan, batch and merge: the files go into the
    /// directory it points to and the link stays; a dangling link is refused (73).
    func testASymbolicLinkOutIsFollowedByPlanBatchAndMerge() throws {
        let dir = try temporaryDirectory(self)
        let fm = FileManager.default
        let f = try forecast(dir)
        let config = try makeInputs(dir, queues: 2)
        for (command, arguments) in [
            ("plan", ["plan", "--forecast", f, "--timezone", "Europe/Berlin"]),
            ("batch", ["batch", "--config", config, "--no-progress"]),
        ] {
            let target = dir.appendingPathComponent("\(command)-target")
            try fm.createDirectory(at: target, withIntermediateDirectories: true)
            let link = dir.appendingPathComponent("\(command)-link")
            try fm.createSymbolicLink(at: link, withDestinationURL: target)
            for _ in 0..<2 {  // a second run replaces what the first wrote, through the link
                let r = try runCCPlan(arguments + ["--out", link.path])
                XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
                XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: link.path), target.path, command)
                XCTAssertTrue(fm.fileExists(atPath: target.appendingPathComponent("intervals.csv").path), command)
            }
            let dangling = dir.appendingPathComponent("\(command)-dangling")
            try fm.createSymbolicLink(at: dangling, withDestinationURL: dir.appendingPathComponent("nowhere"))
            let r = try runCCPlan(arguments + ["--out", dangling.path])
            XCTAssertEqual(r.status, 73, "\(command): \(r.stderr)")
        }
        let parts = dir.appendingPathComponent("parts")
        for i in 0..<2 {
            XCTAssertEqual(
                try runCCPlan(["batch", "--config", config, "--out", parts.path, "--shard", "\(i)/2"]).status, 0)
        }
        let target = dir.appendingPathComponent("merge-target")
        try fm.createDirectory(at: target, withIntermediateDirectories: true)
        let link = dir.appendingPathComponent("merge-link")
        try fm.createSymbolicLink(at: link, withDestinationURL: target)
        let m = try runCCPlan(["merge", parts.path, "--out", link.path])
        XCTAssertEqual(m.status, 0, m.stderr)
        try assertSameBatchFiles(target, dir.appendingPathComponent("batch-target"))
    }

    /// A batch rerun in which every queue fails (exit 65) overwrote a complete good plan with an
    /// empty one.
    func testABatchRerunThatPlansNothingKeepsThePreviousOutput() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir, queues: 2)
        let out = dir.appendingPathComponent("out")
        XCTAssertEqual(try runCCPlan(["batch", "--config", config, "--out", out.path]).status, 0)
        let before = try batchOutputs.map { try read(out, $0) } + [try read(out, "manifest.json")]
        let history = dir.appendingPathComponent("history")
        for name in try FileManager.default.contentsOfDirectory(atPath: history.path) {
            let file = history.appendingPathComponent(name)
            let text = try String(contentsOf: file, encoding: .utf8)
            try text.replacingOccurrences(of: ",0,0,\n", with: ",-1,0,\n").write(
                to: file, atomically: true, encoding: .utf8)
        }
        let r = try runCCPlan(["batch", "--config", config, "--out", out.path])
        XCTAssertEqual(r.status, 65, r.stderr)
        XCTAssertTrue(r.stderr.contains("no queue could be planned"), r.stderr)
        XCTAssertTrue(r.stderr.contains("previous complete output in \(out.path) is kept"), r.stderr)
        XCTAssertEqual(try batchOutputs.map { try read(out, $0) } + [try read(out, "manifest.json")], before)
    }

    /// `merge` checked only sizes (a same-size corrupted part merged with exit 0), took a garbage
    /// part manifest for an unfinished shard (75), and wrote into a part given as `--out`.
    func testMergeVerifiesPartsAndRefusesAnOutInsideThem() throws {
        let dir = try temporaryDirectory(self)
        let config = try makeInputs(dir, queues: 3)
        let parts = dir.appendingPathComponent("parts")
        for i in 0..<2 {
            XCTAssertEqual(
                try runCCPlan(["batch", "--config", config, "--out", parts.path, "--shard", "\(i)/2"]).status, 0)
        }
        let part0 = parts.appendingPathComponent("part-00000-of-00002")

        let before = try read(part0, "intervals.csv")
        let inside = try runCCPlan(["merge", parts.path, "--out", part0.path], currentDirectory: dir)
        XCTAssertEqual(inside.status, 64, inside.stderr)
        XCTAssertTrue(inside.stderr.contains("one of the directories to merge"), inside.stderr)
        let relative = try runCCPlan(["merge", "parts", "--out", "parts/part-00000-of-00002"], currentDirectory: dir)
        XCTAssertEqual(relative.status, 64, relative.stderr)
        XCTAssertEqual(try read(part0, "intervals.csv"), before)

        var bytes = [UInt8](before)
        bytes[bytes.count - 3] = bytes[bytes.count - 3] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try Data(bytes).write(to: part0.appendingPathComponent("intervals.csv"))
        let corrupted = try runCCPlan(["merge", parts.path, "--out", dir.appendingPathComponent("m1").path])
        XCTAssertEqual(corrupted.status, 65, corrupted.stderr)
        XCTAssertTrue(
            corrupted.stderr.contains(
                part0.appendingPathComponent("intervals.csv").path + " does not match its manifest"), corrupted.stderr)
        try before.write(to: part0.appendingPathComponent("intervals.csv"))

        try "{ not json".write(to: part0.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        let garbage = try runCCPlan(["merge", parts.path, "--out", dir.appendingPathComponent("m2").path])
        XCTAssertEqual(garbage.status, 65, garbage.stderr)
        XCTAssertTrue(garbage.stderr.contains("the part is damaged"), garbage.stderr)
    }
}
