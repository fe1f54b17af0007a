import CCPlanBase
import Foundation
import XCTest

@testable import Batch

/// `merge`: parts that do not belong together, unfinished or damaged parts (a manifest that is
/// not one, a file whose SHA-256 differs), and an `--out` among the inputs are refused.
final class BatchMergeTests: BatchTestCase {
    /// Two finished shards of three queues in `dir/p`.
    private func parts(_ dir: String) async throws {
        let config = try inputs(dir, files: ["a.csv": [("a", "voice"), ("b", "voice"), ("c", "chat")]])
        for i in 0..<2 { _ = try await run(config, out: dir + "/p", shard: ShardSpec(index: i, count: 2)) }
    }

    private func merge(_ dir: String, _ inputs: [String]? = nil, out: String? = nil) -> BatchFailure? {
        do {
            _ = try BatchMerge.run(inputs ?? [dir + "/p"], output: out ?? dir + "/m", logger: logger); return nil
        } catch { return error }
    }

    func testMergeRefusesMixedVersionsAndUnfinishedShards() async throws {
        let dir = try tempDir()
        try await parts(dir)
        XCTAssertNil(merge(dir))
        let part1 = dir + "/p/part-00001-of-00002/manifest.json"
        let original = try String(contentsOfFile: part1, encoding: .utf8)
        try original.replacingOccurrences(of: "\"ccplan_version\": \"", with: "\"ccplan_version\": \"9.").write(
            toFile: part1, atomically: true, encoding: .utf8)
        guard case .data(let versions)? = merge(dir) else { return XCTFail() }
        XCTAssertTrue(versions.contains("different ccplan versions"), versions)
        try original.replacingOccurrences(of: "\"status\": \"complete\"", with: "\"status\": \"running\"").write(
            toFile: part1, atomically: true, encoding: .utf8)
        guard case .temporary(let unfinished)? = merge(dir) else { return XCTFail() }
        XCTAssertTrue(unfinished.contains("is not finished"), unfinished)
        try FileManager.default.removeItem(atPath: part1)
        guard case .temporary(let missing)? = merge(dir) else { return XCTFail() }
        XCTAssertTrue(missing.contains("manifest.json is missing"), missing)
    }

    /// Issue 13: a garbage part manifest is damage (65), not "retry" (75).
    func testAGarbageManifestIsDamageNotRetry() async throws {
        let dir = try tempDir()
        try await parts(dir)
        let part1 = dir + "/p/part-00001-of-00002/manifest.json"
        for garbage in [
            "{\"format\": \"ccplan-batch", "[1, 2, 3]", "{\"format\": \"something-else\"}", "\u{0}\u{1}binary",
            "{\"format\": \"ccplan-batch-manifest/1\", \"status\": \"finished\"}",
        ] {
            try garbage.write(toFile: part1, atomically: true, encoding: .utf8)
            guard case .data(let message)? = merge(dir) else {
                return XCTFail("\(garbage): expected a data error, got \(String(describing: merge(dir)))")
            }
            XCTAssertTrue(message.hasPrefix("\(dir)/p/part-00001-of-00002/manifest.json "), message)
            XCTAssertTrue(message.contains("the part is damaged"), message)
        }
    }

    /// Issue 13: a same-size corrupted part file is refused by its SHA-256, naming the file.
    func testEveryPartFileIsVerifiedByItsSHA256() async throws {
        let dir = try tempDir()
        try await parts(dir)
        let file = dir + "/p/part-00000-of-00002/intervals.csv"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let last = bytes.count - 2
        bytes[last] = bytes[last] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        guard case .data(let message)? = merge(dir) else { return XCTFail("expected a data error") }
        XCTAssertTrue(message.hasPrefix("\(file) does not match its manifest (SHA-256 "), message)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/m"), "nothing is written")
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        guard case .data(let size)? = merge(dir) else { return XCTFail() }
        XCTAssertTrue(size.contains("has 1 bytes, its manifest says"), size)
    }

    /// Issue 13: `merge parts --out parts/part-00000-of-00002` would overwrite a part.
    func testAnOutputInsideOrEqualToAnInputIsRefused() async throws {
        let dir = try tempDir()
        try await parts(dir)
        let before = try contents(dir + "/p/part-00000-of-00002")
        for out in [dir + "/p/part-00000-of-00002", dir + "/p", dir + "/p/merged", dir + "/p/part-00001-of-00002/x/y"] {
            guard case .usage(let message)? = merge(dir, out: out) else { return XCTFail(out) }
            XCTAssertTrue(message.contains("one of the directories to merge"), message)
        }
        guard
            case .usage? = merge(
                dir, [dir + "/p/part-00000-of-00002", dir + "/p/part-00001-of-00002"],
                out: dir + "/p/part-00001-of-00002")
        else {
            return XCTFail()
        }
        // Through a symbolic link too.
        try FileManager.default.createSymbolicLink(
            atPath: dir + "/link", withDestinationPath: dir + "/p/part-00000-of-00002")
        guard case .usage? = merge(dir, out: dir + "/link") else { return XCTFail("a link into a part is a part") }
        XCTAssertEqual(try contents(dir + "/p/part-00000-of-00002"), before)
        XCTAssertNil(merge(dir, out: dir + "/elsewhere"))
    }
}
