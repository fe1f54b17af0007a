import XCTest

/// End-to-end tests of the root command: version, help and the exit statuses.
final class RootCommandTests: XCTestCase {
    func testVersionPrintsTheVersion() throws {
        let result = try runCCPlan(["--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.range(of: #"^\d+\.\d+\.\d+"#, options: .regularExpression) != nil, result.stdout)
    }

    func testVersionCommandNamesTheBLASKernel() throws {
        let result = try runCCPlan(["version"], environment: ["CCPLAN_BLAS_THREADS": "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("ccplan "), result.stdout)
        XCTAssertTrue(lines[1].hasPrefix("BLAS: OpenBLAS "), result.stdout)
        XCTAssertTrue(lines[2].hasPrefix("BLAS core: ") && lines[2].count > "BLAS core: ".count, result.stdout)
        XCTAssertEqual(lines[3], "BLAS threads: 2")
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
