import CCPlanBase
import Foundation
import XCTest

/// Replacing an output directory: only an empty one or the caller's own, links followed, never
/// the working directory.
final class AtomicOutputTests: XCTestCase {
    private func tempDir() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url.path
    }

    private func replace(_ path: String, isOurs: Bool = false) -> OutputError? {
        do {
            try AtomicOutput.replaceDirectory(at: path, isReplaceable: { _ in isOurs }) { staging in
                try AtomicOutput.write("new\n", to: staging + "/out.txt")
            }
            return nil
        } catch let e as OutputError { return e } catch { XCTFail("\(error)"); return nil }
    }

    func testOnlyAnEmptyDirectoryOrTheCallersOwnIsReplaced() throws {
        let dir = try tempDir()
        let fm = FileManager.default
        XCTAssertNil(replace(dir + "/new"))
        XCTAssertEqual(replace(dir + "/new")?.kind, .refused, "it holds out.txt and is not the caller's")
        XCTAssertNil(replace(dir + "/new", isOurs: true))
        try "keep\n".write(toFile: dir + "/new/notes.txt", atomically: true, encoding: .utf8)
        let refused = replace(dir + "/new")
        XCTAssertEqual(refused?.kind, .refused)
        XCTAssertTrue(refused?.reason.contains("such as notes.txt") == true, refused?.description ?? "")
        XCTAssertEqual(try String(contentsOfFile: dir + "/new/notes.txt", encoding: .utf8), "keep\n")
        XCTAssertNil(replace(dir + "/new", isOurs: true))
        XCTAssertFalse(fm.fileExists(atPath: dir + "/new/notes.txt"))
        try fm.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        XCTAssertNil(replace(dir + "/empty"))
        XCTAssertEqual(replace(dir + "/empty/out.txt")?.kind, .refused, "a file is not a directory")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }, [], "no staging left")
    }

    func testALinkIsFollowedAndKeptAndTheWorkingDirectoryIsNeverReplaced() throws {
        let dir = try tempDir()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/target", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "target")
        XCTAssertNil(replace(dir + "/link"))
        XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: dir + "/link"), "target")
        XCTAssertEqual(try String(contentsOfFile: dir + "/target/out.txt", encoding: .utf8), "new\n")
        try fm.createSymbolicLink(atPath: dir + "/dangling", withDestinationPath: "nowhere")
        XCTAssertEqual(replace(dir + "/dangling")?.kind, .refused)
        let cwd = fm.currentDirectoryPath
        defer { _ = fm.changeCurrentDirectoryPath(cwd) }
        XCTAssertTrue(fm.changeCurrentDirectoryPath(dir + "/target"))
        XCTAssertEqual(replace(".", isOurs: true)?.kind, .refused)
        XCTAssertEqual(replace(dir, isOurs: true)?.kind, .refused, "a directory holding the working directory")
        XCTAssertTrue(fm.fileExists(atPath: dir + "/target/out.txt"))
    }
}
