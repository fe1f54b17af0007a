import Foundation
import XCTest

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Fails unless `fragment` parses as XML (inline SVG must, so that it can be reused in XML tools).
func assertXML(_ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
    let parser = XMLParser(data: Data(fragment.utf8))
    if !parser.parse() {
        XCTFail(
            "not XML: \(parser.parserError.map { "\($0)" } ?? "?") in \(fragment.prefix(300))", file: file, line: line)
    }
}

/// The number of non-overlapping occurrences of `needle`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
