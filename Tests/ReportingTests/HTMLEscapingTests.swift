import Reporting
import XCTest

final class HTMLEscapingTests: XCTestCase {
    func testMarkupCharactersAreEscaped() {
        XCTAssertEqual(HTMLEscaping.escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f")
        XCTAssertEqual(HTMLEscaping.escape("&&"), "&amp;&amp;")
        XCTAssertEqual(HTMLEscaping.escape(""), "")
    }

    func testInvalidXMLCharactersAreDropped() {
        XCTAssertEqual(HTMLEscaping.escape("ctl\u{01}\u{7F}x"), "ctlx")
        XCTAssertEqual(HTMLEscaping.escape("a\u{FFFE}b\u{FFFF}c"), "abc")
        // Tab, line feed and carriage return stay; U+FFFD and other three-byte characters stay.
        XCTAssertEqual(HTMLEscaping.escape("a\tb\nc\rd\u{FFFD}\u{FFEF}"), "a\tb\nc\rd\u{FFFD}\u{FFEF}")
    }

    func testNonASCIITextIsKept() {
        XCTAssertEqual(HTMLEscaping.escape("Zürich — 日本 🙂"), "Zürich — 日本 🙂")
    }

    func testAppendKeepsWhatIsThere() {
        var bytes = Array("<p>".utf8)
        HTMLEscaping.append("1 < 2", to: &bytes)
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), "<p>1 &lt; 2")
        var h = HTMLBuffer()
        h.raw("<b>")
        h.text("Tom & \"Jerry\"")
        h.raw("</b>")
        XCTAssertEqual(h.string, "<b>Tom &amp; &quot;Jerry&quot;</b>")
    }
}
