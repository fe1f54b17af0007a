import XCTest

/// End-to-end tests of the root command: version, help and the exit statuses.
final class RootCommandTests: XCTestCase {
    func testVersionPrintsTheVersion() throws {
        let result = try runCCPlan(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, result.stdout)
    }

    func testHelpSaysWhatCCPlanIs() throws {
        let result = try runCCPlan(["--help"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("contact centres"), result.stdout)
        XCTAssertTrue(result.stdout.contains("SUBCOMMANDS"), result.stdout)
    }

    func testUnknownFlagExits64() throws {
        let result = try runCCPlan(["--no-such-flag"])
        XCTAssertEqual(result.status, 64, result.stderr)
    }
}
