import CCPlanBase
import Foundation
import XCTest

final class AtomicOutputWritingTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    func contents(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
    }

    func testPartsAreWrittenInOrderWithoutJoining() throws {
        // Parts below and above the 1 MiB buffer: buffered, written directly, buffered again.
        let big = [UInt8](repeating: UInt8(ascii: "b"), count: (1 << 20) + 17)
        let parts: [[UInt8]] = [Array("head\n".utf8), big, [], Array("tail".utf8)]
        try AtomicOutput.write(parts: parts, to: directory + "/f.txt")
        XCTAssertEqual(try contents("f.txt"), Array(parts.joined()))
    }

    func testManyFilesAtOnce() throws {
        let files = (0..<12).map { i in
            (
                path: directory + "/f\(i).csv",
                parts: [Array("file \(i)\n".utf8), Array(repeating: UInt8(48 + i % 10), count: i * 1000)]
            )
        }
        try AtomicOutput.write(files: files)
        for (i, f) in files.enumerated() { XCTAssertEqual(try contents("f\(i).csv"), Array(f.parts.joined())) }
        // No temporary file is left behind.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix(".") }, [])
    }

    func testTheFirstFailingFileInOrderIsReported() throws {
        let files = [
            (path: directory + "/ok.csv", parts: [Array("ok".utf8)]),
            (path: directory + "/missing-a/x.csv", parts: [Array("x".utf8)]),
            (path: directory + "/missing-b/y.csv", parts: [Array("y".utf8)]),
        ]
        XCTAssertThrowsError(try AtomicOutput.write(files: files)) { error in
            XCTAssertEqual((error as? OutputError)?.path, directory + "/missing-a/x.csv")
        }
        XCTAssertEqual(try contents("ok.csv"), Array("ok".utf8))
    }
}
