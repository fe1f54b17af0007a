import CCPlanBase
import ConfigFiles
import XCTest

/// The keyed reader shared by the staff, scenario and shifts files: each mistake becomes the
/// module's error at the offending node, with the key and the allowed range in the message.
final class ConfigFieldsTests: XCTestCase {
    /// A module's own error, as Capacity and Scheduling have.
    private struct ModuleError: Error, Equatable { let issue: FileIssue }

    private let fields = ConfigFields(path: "s.yaml", wrap: ModuleError.init)

    /// The message of the error thrown by `body` ("file:line:column: message"), or a failure.
    private func message<T>(_ body: () throws -> T, line: UInt = #line) -> String? {
        do {
            let value = try body()
            XCTFail("no error, got \(value)", line: line)
        } catch let error as ModuleError { return error.issue.description } catch {
            XCTFail("not the module's error: \(error)", line: line)
        }
        return nil
    }

    private func entries(_ text: String, known: [String]) throws -> [ConfigFields<ModuleError>.Entry] {
        try fields.mapping(try fields.root(text), "the file", known: known)
    }

    func testValuesComeBackCheckedAndTyped() throws {
        let e = try entries(
            "n: 12.5\ni: 3\nf: 30%\nd: 2026-03-02\nb: off\nnames: [a, b]\nlength: 90m\n",
            known: ["n", "i", "f", "d", "b", "names", "length"])
        XCTAssertEqual(e.map(\.key), ["n", "i", "f", "d", "b", "names", "length"])
        XCTAssertEqual(try fields.number(e[0].value, "n", 0...100), 12.5)
        XCTAssertEqual(try fields.integer(e[1].value, "i", 0...5), 3)
        XCTAssertEqual(try fields.fraction(e[2].value, "f"), 0.3, accuracy: 1e-15)
        XCTAssertEqual(try fields.date(e[3].value, "d"), CivilDate(year: 2026, month: 3, day: 2))
        XCTAssertEqual(try fields.bool(e[4].value, "b"), false)
        XCTAssertEqual(try fields.names(e[5].value, "names"), ["a", "b"])
        XCTAssertEqual(try fields.duration(e[6].value, "length"), 5_400)
    }

    func testEveryMistakeIsTheModulesErrorAtTheNodeNamingTheKey() throws {
        XCTAssertEqual(message { try fields.root("") }, "s.yaml:1:1: the file is empty")
        XCTAssertEqual(
            message { try fields.mapping(try fields.root("a: 1\nzz: 2\n"), "the file", known: ["a"]) },
            "s.yaml:2:1: unknown key 'zz' in the file (expected a)")
        let e = try entries("n: 0x10\nm: 7\nf: 1\ni: 2.5\nl: [x, x]\n", known: ["n", "m", "f", "i", "l"])
        XCTAssertEqual(message { try fields.number(e[0].value, "n") }, "s.yaml:1:4: 'n' must be a number, got '0x10'")
        XCTAssertEqual(
            message { try fields.number(e[1].value, "m", 0...5) }, "s.yaml:2:4: 'm' must be in [0, 5], got 7")
        XCTAssertEqual(
            message { try fields.fraction(e[2].value, "f", openAbove: true) },
            "s.yaml:3:4: 'f' must be in [0, 1] (excluding 1), got 1")
        XCTAssertEqual(
            message { try fields.integer(e[3].value, "i", 0...9) }, "s.yaml:4:4: 'i' must be a whole number, got '2.5'")
        XCTAssertEqual(message { try fields.names(e[4].value, "l") }, "s.yaml:5:8: 'x' is listed twice")
        XCTAssertEqual(
            message { try fields.require(["n", "q"], in: e, at: try fields.root("n: 1"), "the file") },
            "s.yaml:1:1: the file needs 'q'")
    }
}
