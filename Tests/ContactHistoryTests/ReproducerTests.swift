import CCPlanBase
import Foundation
import XCTest

@testable import ContactHistory

/// Replays the corpus of fixed reproducers (`Fixtures/Reproducers/expected.tsv`: issue 13's
/// reproductions and the fuzzer's findings): each gives its expected error, or loads and passes
/// the fuzzer's checks (a JSON report that parses, a canonical CSV that reads back the same).
final class ReproducerTests: XCTestCase {
    struct Case {
        var file: String
        var options: HistoryReadOptions
        var expected: String?  // nil: loads
        var line: Int
    }

    func cases() throws -> [Case] {
        let manifest = try String(contentsOfFile: try fixture("Reproducers/expected.tsv"), encoding: .utf8)
        var cases: [Case] = []
        for (k, text) in manifest.split(separator: "\n").enumerated() where !text.hasPrefix("#") {
            let fields = text.split(separator: "\t").map(String.init)
            guard fields.count == 3 else { throw XCTSkip("expected.tsv:\(k + 1): expected 3 tab-separated fields") }
            var options = HistoryReadOptions()
            for pair in fields[1].split(separator: ",") where pair != "-" {
                let kv = pair.split(separator: "=").map(String.init)
                switch kv[0] {
                case "zone": options.timeZone = try XCTUnwrap(TimeZone(identifier: kv[1]))
                case "profile": options.profile = try XCTUnwrap(VendorProfile(rawValue: kv[1]))
                case "duplicates": options.onDuplicate = try XCTUnwrap(DuplicatePolicy(rawValue: kv[1]))
                case "dst-gap": options.dstGap = try XCTUnwrap(DSTGapPolicy(rawValue: kv[1]))
                case "outliers": options.outliers = try XCTUnwrap(OutlierPolicy(rawValue: kv[1]))
                default: XCTFail("expected.tsv:\(k + 1): unknown option \(kv[0])")
                }
            }
            cases.append(
                Case(file: fields[0], options: options, expected: fields[2] == "loads" ? nil : fields[2], line: k + 1))
        }
        return cases
    }

    func testEveryReproducerGivesItsExpectedOutcome() throws {
        let cases = try cases()
        XCTAssertGreaterThanOrEqual(cases.count, 12)
        for c in cases {
            let path = try fixture("Reproducers/\(c.file)")
            let context = "expected.tsv:\(c.line) \(c.file)"
            let history: ContactHistory
            do throws(HistoryError) {
                history = try HistoryReader(options: c.options).read([path])
            } catch {
                if let expected = c.expected {
                    XCTAssertTrue(error.description.contains(expected), "\(context): \(error.description)")
                    XCTAssertTrue(error.issues.allSatisfy { $0.file == path && $0.line >= 1 }, "\(context): \(error)")
                } else {
                    XCTFail("\(context): expected to load: \(error)")
                }
                continue
            }
            if let expected = c.expected {
                XCTFail("\(context): loaded, expected \(expected)")
            } else {
                try checkLoaded(history, c.options, context)
            }
        }
    }

    /// The fuzzer's checks of a history that loads.
    func checkLoaded(_ history: ContactHistory, _ options: HistoryReadOptions, _ context: String) throws {
        let report = QualityReport(history)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(report.json().utf8)), context)
        _ = report.table()
        let path = try temporaryDirectory().appendingPathComponent("back.csv").path
        try CanonicalCSVWriter.write(history.series, to: path)
        var again = options
        again.profile = nil
        again.onDuplicate = .error
        again.outliers = .accept
        let back = try HistoryReader(options: again).read([path])
        XCTAssertNil(firstDifference(back.series, history.series), context)
    }
}
