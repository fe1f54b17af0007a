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
        XCTAssertTrue(lines.count == 4 || lines.count == 5, result.stdout)
        XCTAssertTrue(lines[0].hasPrefix("ccplan "), result.stdout)
        XCTAssertTrue(lines[1].hasPrefix("BLAS: OpenBLAS "), result.stdout)
        XCTAssertTrue(lines[2].hasPrefix("BLAS core: ") && lines[2].count > "BLAS core: ".count, result.stdout)
        XCTAssertEqual(lines[3], "BLAS threads: 2")
        // A note only where OpenBLAS fell back to its generic kernel on a CPU that has a faster one.
        if lines.count == 5 {
            XCTAssertEqual(lines[2], "BLAS core: Prescott", result.stdout)
            XCTAssertTrue(lines[4].hasPrefix("BLAS note: ") && lines[4].contains("OPENBLAS_CORETYPE="), result.stdout)
        }
        // Never when the kernel was chosen by OPENBLAS_CORETYPE.
        let chosen = try runCCPlan(["version"], environment: ["OPENBLAS_CORETYPE": "Prescott"])
        XCTAssertEqual(chosen.status, 0, chosen.stderr)
        XCTAssertEqual(chosen.stdout.split(separator: "\n").count, 4, chosen.stdout)
        XCTAssertTrue(chosen.stdout.contains("BLAS core: Prescott"), chosen.stdout)
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
