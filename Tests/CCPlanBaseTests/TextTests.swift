import CCPlanBase
import Foundation
import XCTest

/// The writers every output goes through, against independent references: printf, Swift's own
/// parser, Foundation's JSON parser.
final class TextTests: XCTestCase {
    func testFixedMatchesPrintfButNeverWritesMinusZero() {
        var rng = SplitMix64(seed: 42)
        for k in 0..<20_000 {
            let magnitude = [1e-3, 1, 10, 1e3, 1e6, 1e12][k % 6]
            var x = (rng.uniform() * 2 - 1) * magnitude
            if k % 7 == 0 { x = (x * 1000).rounded() / 1000 + 0.0005 }  // decimal ties, as binary doubles
            let digits = k % 7
            var expected = String(format: "%.\(digits)f", x)
            if expected.hasPrefix("-"), Double(expected) == 0 { expected.removeFirst() }
            XCTAssertEqual(fixed(x, digits), expected, "\(x) with \(digits) digits")
        }
        XCTAssertEqual(fixed(0.125, 2), String(format: "%.2f", 0.125))  // a binary tie: printf rounds to even
        XCTAssertEqual(fixed(-0.0001, 2), "0.00")
        XCTAssertEqual(fixed(-0.0, 0), "0")
        XCTAssertEqual(fixed(.nan, 2), "")
        XCTAssertEqual(fixed(1e300, 1), String(format: "%.1f", 1e300))
    }

    func testShortestNumberReadsBackExactly() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<10_000 {
            let x = Double(bitPattern: rng.next())
            guard x.isFinite else { continue }
            XCTAssertEqual(Double(shortestNumber(x)), x)
        }
        XCTAssertEqual(shortestNumber(42), "42")
        XCTAssertEqual(shortestNumber(-3), "-3")
        XCTAssertEqual(shortestNumber(0.1), "0.1")
        XCTAssertEqual(shortestNumber(1e20), "1e+20")
        XCTAssertEqual(shortestNumber(.nan), "")
        var bytes: [UInt8] = []
        for x in [0.0, -7, 123_456_789_012, 2.5, -0.001] {
            bytes.removeAll()
            appendShortestNumber(x, to: &bytes)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), shortestNumber(x))
        }
        bytes.removeAll()
        appendInteger(.min, to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), String(Int64.min))
    }

    func testCSVFieldsAndJSONStringsReadBack() throws {
        for text in ["plain", "a,b", "say \"hi\"", "two\nlines", "semi;colon", "", "ünïcødé"] {
            let field = csvField(text)
            let quoted = field.hasPrefix("\"")
            XCTAssertEqual(quoted, text.contains(where: { ",\"\n;".contains($0) }), text)
            let inner =
                quoted ? String(field.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : field
            XCTAssertEqual(inner, text)
        }
        for text in ["plain", "quote \" and \\ backslash", "tab\tnew\nline\r", "bell\u{07} esc\u{1B}", "ünïcødé 🎧"] {
            let decoded = try JSONSerialization.jsonObject(
                with: Data(jsonQuoted(text).utf8), options: .fragmentsAllowed)
            XCTAssertEqual(decoded as? String, text)
        }
        XCTAssertEqual(
            JSONText.object([("a", .number(0.5)), ("b", .finite(.infinity)), ("c", .array([]))]).rendered(
                pretty: false),
            "{\"a\":0.5,\"b\":null,\"c\":[]}")
    }

    func testPrettyJSONLayoutAndEscapes() {
        let value = JSONText.object([
            ("name", .string("a\"b\\c\u{01}\u{1F}é")), ("n", .integer(-3)),
            ("list", .array([.bool(true), .null, .number(1e-5)])),
            ("empty", .object([])),
        ])
        let expected = """
            {
              "name": "a\\"b\\\\c\\u0001\\u001fé",
              "n": -3,
              "list": [
                true,
                null,
                1e-05
              ],
              "empty": {}
            }

            """
        XCTAssertEqual(value.rendered(), expected)
        var bytes = Array("x".utf8)
        value.appendRendered(to: &bytes, pretty: false)
        XCTAssertEqual(
            String(decoding: bytes, as: UTF8.self),
            "x{\"name\":\"a\\\"b\\\\c\\u0001\\u001fé\",\"n\":-3,\"list\":[true,null,1e-05],\"empty\":{}}")
    }

    func testFormulaCellsAreNeutralisedAndReadBack() {
        XCTAssertEqual(
            csvField("=HYPERLINK(\"http://x\",\"click\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"")
        XCTAssertEqual(csvField("+1"), "'+1")
        XCTAssertEqual(csvField("-east"), "'-east")
        XCTAssertEqual(csvField("@sum"), "'@sum")
        XCTAssertEqual(csvField("\tx"), "'\tx")
        XCTAssertEqual(csvField("billing"), "billing")
        XCTAssertEqual(csvField("it's"), "it's")
        for name in ["=1+1", "'=x", "''@y", "plain", "'quoted'", "-", "", "\r"] {
            let cell = csvField(name)
            let unquoted =
                cell.hasPrefix("\"")
                ? String(cell.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : cell
            XCTAssertEqual(CSVInjection.restored(unquoted), name, "round trip of \(name)")
            XCTAssertFalse(unquoted.first.map { "=+-@\t\r".contains($0) } ?? false, "\(name) is written as text")
        }
    }

    func testTerminalTextEscapesControlCharacters() {
        XCTAssertEqual(TerminalText.escaped("queue\u{1B}[31mred\u{07}\n"), "queue\\u{1B}[31mred\\u{7}\\u{A}")
        XCTAssertEqual(TerminalText.escaped("tab\tstays"), "tab\tstays")
        XCTAssertEqual(
            FileIssue(file: "f.csv", line: 3, column: 2, message: "bad \u{1B}").description, "f.csv:3:2: bad \\u{1B}")
        XCTAssertEqual(FileIssue(file: "f.csv", message: "cannot open").description, "f.csv: cannot open")
    }
}
