import CCPlanBase
import Foundation
import XCTest

/// The hashes against published vectors.
final class HashTests: XCTestCase {
    func testSHA256MatchesTheFIPSExamples() {
        // FIPS 180-2, appendix B.
        XCTAssertEqual(
            SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([UInt8]()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // One million 'a', fed in uneven pieces.
        var h = SHA256()
        var left = 1_000_000
        var piece = 1
        while left > 0 {
            let n = min(left, piece)
            h.update([UInt8](repeating: 0x61, count: n))
            left -= n
            piece = piece * 3 + 1
        }
        XCTAssertEqual(h.hexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    func testFileAndPiecewiseHashesAgreeWithOneShotHashes() throws {
        // The streaming paths (pieces across block boundaries, 4 MiB file chunks) give the one-shot digest.
        for n in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 100_003] {
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            var pieces = SHA256()
            var i = 0, size = 1
            while i < n { let j = min(n, i + size); pieces.update(bytes[i..<j]); i = j; size = size * 2 + 3 }
            XCTAssertEqual(pieces.hexDigest(), SHA256.hex(bytes), "\(n) bytes")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ccplan-sha-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bytes = (0..<(5 << 20) + 17).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        XCTAssertEqual(fileSHA256(path)?.hex, SHA256.hex(bytes))
        XCTAssertEqual(fileSHA256(path)?.bytes, bytes.count)
    }

    func testFNV1aKnownValues() {
        // The reference values of the FNV authors' test suite (fnv_test.c, FNV-1a 64).
        XCTAssertEqual(FNV1a64.hash([UInt8]()), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a64.hash(Array("a".utf8)), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(FNV1a64.hash(Array("foobar".utf8)), 0x8594_4171_f739_67e8)
        XCTAssertEqual(FNV1a64.hash(Array("bar".utf8), seed: FNV1a64.hash(Array("foo".utf8))), 0x8594_4171_f739_67e8)
    }
}
