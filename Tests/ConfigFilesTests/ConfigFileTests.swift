import CCPlanBase
import ConfigFiles
import XCTest

/// The strict YAML layer: positions, null as absent, duplicates, anchors, UTF-8, typed values.
final class ConfigFileTests: XCTestCase {
    private func parse(_ text: String) throws -> ConfigNode { try ConfigFile.parse(text, path: "c.yaml") }

    /// The issue thrown by `body`, or a failure.
    private func issue(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> FileIssue? {
        do { try body() } catch let e as FileIssue { return e } catch {
            XCTFail("not a FileIssue: \(error)", file: file, line: line)
        }
        XCTFail("no error", file: file, line: line)
        return nil
    }

    func testPositionsAreOneBasedLinesAndColumnsOfTheValue() throws {
        let root = try parse("a:\n  b: 12\n  c: [x, \"y\"]\n")
        let a = try XCTUnwrap(try root.mapping("")["a"])
        let b = try XCTUnwrap(try a.mapping("")["b"])
        XCTAssertEqual([b.line, b.column], [2, 6])
        let items = try XCTUnwrap(try a.mapping("")["c"]).values()
        XCTAssertEqual(items.map { [$0.line, $0.column] }, [[3, 7], [3, 10]])
        XCTAssertEqual(try items.map { try $0.string() }, ["x", "y"])
        XCTAssertEqual(b.issue("bad").description, "c.yaml:2:6: bad")
    }

    func testNullTildeAndEmptyAreAbsentButQuotedTildeIsText() throws {
        let map = try parse("a: ~\nb: null\nc:\nd: '~'\ne: \"null\"\n").mapping("")
        XCTAssertNil(map["a"])
        XCTAssertNil(map["b"])
        XCTAssertNil(map["c"])
        XCTAssertEqual(try map["d"]?.string(), "~")
        XCTAssertEqual(try map["e"]?.string(), "null")
        XCTAssertNotNil(map.entry("a"), "the key itself is still there, for errors about it")
        XCTAssertNil(try map.path("a", relativeTo: "/cfg"), "no file named ~ or null, no home directory")
        XCTAssertEqual(try map.path("d", relativeTo: "/cfg")?.path, "/cfg/~")
        XCTAssertTrue(try parse("").isNull)
    }

    func testDuplicateKeysAreRefusedWithAPosition() {
        let e = issue { _ = try self.parse("x: 1\ny: 2\nx: 3\n") }
        XCTAssertEqual(e?.line, 1)
        XCTAssertTrue(e?.message.contains("'x'") == true, e?.message ?? "")
        let nested = issue { _ = try self.parse("top:\n  k: 1\n  k: 2\n") }
        XCTAssertEqual(nested?.line, 2)
    }

    func testAnchorsAndAliasesAreRefused() {
        // The "billion laughs": a few lines that would expand into 10⁹ nodes.
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1..<10 {
            text +=
                "\(Character(UnicodeScalar(97 + k)!)): &\(Character(UnicodeScalar(97 + k)!)) ["
                + Array(repeating: "*\(Character(UnicodeScalar(96 + k)!))", count: 10).joined(separator: ", ") + "]\n"
        }
        let e = issue { _ = try self.parse(text) }
        XCTAssertEqual(e?.line, 1)
        XCTAssertTrue(e?.message.contains("anchors and aliases") == true, e?.message ?? "")
    }

    func testSyntaxErrorsAndNonTextNameTheirPlace() throws {
        let syntax = issue { _ = try self.parse("a: [1, 2\nb: 3\n") }
        XCTAssertTrue(syntax?.message.hasPrefix("not valid YAML") == true, syntax?.description ?? "")
        XCTAssertGreaterThanOrEqual(syntax?.line ?? 0, 1)
        let bytes: [UInt8] = Array("a: 1\nb: x".utf8) + [0xFF, 0xFE] + Array("\n".utf8)
        let utf8 = issue { _ = try ConfigFile.parse(bytes, path: "c.yaml") }
        XCTAssertEqual([utf8?.line, utf8?.column], [2, 5])
        XCTAssertTrue(utf8?.message.contains("0xFF") == true, utf8?.message ?? "")
        let complexKey = issue { _ = try self.parse("? [a, b]\n: 1\n") }
        XCTAssertTrue(complexKey?.message.contains("key must be a single value") == true, complexKey?.message ?? "")
    }

    func testUnknownKeysListTheKnownOnesAtTheKey() throws {
        let map = try parse("inputs:\n  histroy: a.csv\n").mapping("")
        let e = issue { try map["inputs"]!.mapping("").checkKeys(["history", "forecasts"], in: "inputs") }
        XCTAssertEqual(e?.description, "c.yaml:2:3: unknown key 'histroy' in inputs (expected history, forecasts)")
    }

    func testTypedValues() throws {
        let m = try parse(
            """
            n: -1.5e2
            i: 42
            b: Yes
            f: 80%
            g: 0.125
            tiny: 1e-300%
            d: 2.5m
            day: 2026-11-02
            ch: chat
            hex: 0x10
            inf: .inf
            """
        ).mapping("")
        XCTAssertEqual(try m["n"]?.number(), -150)
        XCTAssertEqual(try m["i"]?.integer(), 42)
        XCTAssertEqual(try m["b"]?.bool(), true)
        XCTAssertEqual(try m["f"]?.fraction(), 0.8)
        XCTAssertEqual(try m["g"]?.fraction(FractionBounds(lowerOpen: true, upperOpen: true)), 0.125)
        // 1e-300% reads as 0 (12 decimals), so an open lower bound refuses it where it is written.
        XCTAssertEqual(
            issue { _ = try m["tiny"]!.fraction(FractionBounds(lowerOpen: true, upperOpen: true)) }?.description,
            "c.yaml:6:7: must be in (0, 1), got 1e-300%")
        XCTAssertEqual(try m["d"]?.duration(), 150)
        XCTAssertEqual(try m["day"]?.date(), CivilDate(year: 2026, month: 11, day: 2))
        enum Channel: String, CaseIterable { case voice, chat, email }
        XCTAssertEqual(try m["ch"]?.choice(Channel.self, "channel"), .chat)
        XCTAssertEqual(
            issue { _ = try m["i"]!.choice(Channel.self, "channel") }?.message,
            "unknown channel '42' (known: voice, chat, email)")
        XCTAssertEqual(issue { _ = try m["hex"]!.number() }?.description, "c.yaml:10:6: expected a number, got '0x10'")
        XCTAssertNotNil(issue { _ = try m["inf"]!.number() })
        XCTAssertNotNil(issue { _ = try m["f"]!.fraction(FractionBounds(upper: 0.5)) })
        XCTAssertEqual(
            issue { _ = try m["n"]!.mapping("'n' must be a mapping") }?.description, "c.yaml:1:4: 'n' must be a mapping"
        )
        XCTAssertEqual(issue { _ = try m["day"]!.duration() }?.line, 8)
    }

    func testPathsResolveAgainstTheConfigAndAreNamedAtTheirKey() throws {
        let m = try parse("holidays: ../cal/h.csv\nabs: /x/./y/../z.csv\n").mapping("")
        let h = try XCTUnwrap(try m.path("holidays", relativeTo: "/srv/cfg"))
        XCTAssertEqual(h.path, "/srv/cal/h.csv")
        XCTAssertEqual([h.line, h.column], [1, 1])
        XCTAssertEqual(try m.path("abs", relativeTo: "/srv/cfg")?.path, "/x/z.csv")
        let missing = issue { try h.checkReadableFile("the holidays file") }
        XCTAssertEqual(missing?.description, "c.yaml:1:1: the holidays file /srv/cal/h.csv does not exist")
    }

    func testReadRefusesDirectoriesAndOversizedFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("configfiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        XCTAssertEqual(issue { _ = try ConfigFile.read(dir.path) }?.message, "is a directory, not a file")
        XCTAssertEqual(issue { _ = try ConfigFile.read(dir.path + "/none.yaml") }?.message, "no such file")
        let big = dir.appendingPathComponent("big.yaml")
        XCTAssertTrue(FileManager.default.createFile(atPath: big.path, contents: nil))
        let h = try FileHandle(forWritingTo: big)
        try h.truncate(atOffset: UInt64(ConfigFile.maximumBytes + 1))
        try h.close()
        XCTAssertTrue(issue { _ = try ConfigFile.read(big.path) }?.message.hasPrefix("larger than") == true)
        let ok = dir.appendingPathComponent("ok.yaml")
        try "\u{FEFF}a: 1\n".write(to: ok, atomically: true, encoding: .utf8)
        let contents = try ConfigFile.read(ok.path)
        XCTAssertEqual(try contents.root.mapping("")["a"]?.integer(), 1)
        XCTAssertEqual(contents.bytes.count, 8)
    }
}
