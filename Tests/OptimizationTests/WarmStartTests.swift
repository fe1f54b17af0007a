import Foundation
import Optimization
import XCTest

/// Warm starts, the node limit and the LP relaxation.
final class WarmStartTests: XCTestCase {
    /// The market-split instance's obvious feasible point: every binary 0, each row's slack
    /// `s⁺ᵢ` equal to its right-hand side (objective Σᵢ rhsᵢ).
    static func slackStart(_ p: LinearProgram) -> (values: [Double], objective: Double) {
        var x = [Double](repeating: 0, count: p.variableCount)
        for (i, row) in p.rows.enumerated() {
            let plus = row.terms.first { p.columns[$0.index].name == "s+\(i)" }!.index
            x[plus] = row.lower
        }
        return (x, p.objective(at: x))
    }

    /// Stopped at once (node limit 0, no heuristics), the search still returns a solution when it
    /// is given a feasible start, and that solution is no worse than the start.
    func testFeasibleStartBecomesTheIncumbent() throws {
        let p = OutcomeTests.marketSplit()
        let start = Self.slackStart(p)
        XCTAssertEqual(p.maximumViolation(at: start.values), 0)
        let options = SolveOptions(timeLimit: 5, cuts: false, heuristics: false, nodeLimit: 0)
        let s = try p.solve(options, start: start.values)
        let values = try XCTUnwrap(s.values, "status \(s.status)")
        XCTAssertEqual(p.maximumViolation(at: values), 0, accuracy: 1e-6)
        XCTAssertLessThanOrEqual(try XCTUnwrap(s.objective), start.objective + 1e-9)
        XCTAssertNotEqual(s.status, .optimal, "the market split is not solved at the root")
    }

    /// An infeasible start is dropped: the optimum is the same as without one.
    func testInfeasibleStartIsIgnored() throws {
        let p = OutcomeTests.covering()
        let plain = try p.solve()
        let zeros = [Double](repeating: 0, count: p.variableCount)
        XCTAssertGreaterThan(p.maximumViolation(at: zeros), 0)
        let s = try p.solve(SolveOptions(), start: zeros)
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), try XCTUnwrap(plain.objective), accuracy: 1e-6)
    }

    func testStartOfTheWrongLengthIsRejected() {
        let p = OutcomeTests.covering()
        XCTAssertThrowsError(try p.solve(SolveOptions(), start: [1, 2, 3])) { error in
            guard case OptimizationError.invalidProgram(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("start"), why)
        }
    }

    /// The node limit stops the search with a solution that is not proven optimal, after about
    /// that many nodes (CBC checks between nodes).
    func testNodeLimitStopsTheSearch() throws {
        let p = OutcomeTests.marketSplit()
        let s = try p.solve(SolveOptions(timeLimit: 30, nodeLimit: 20), start: Self.slackStart(p).values)
        XCTAssertEqual(s.status, .feasible)
        XCTAssertLessThan(s.nodes, 200)
        XCTAssertEqual(p.maximumViolation(at: try XCTUnwrap(s.values)), 0, accuracy: 1e-6)
    }

    /// 0/1 knapsack: values 10, 13, 7, weights 4, 6, 3, capacity 9. By hand: the feasible sets
    /// are {a, c} (17), {b, c} (20) and the singletons, so the optimum is 20; the LP relaxation
    /// takes items by value per weight (2.5, 2.33, 2.17): a, c and 2/6 of b, 17 + 13/3 = 21⅓.
    func testRelaxationOfAKnapsack() throws {
        var p = LinearProgram(sense: .maximize)
        let items = [(10.0, 4.0), (13.0, 6.0), (7.0, 3.0)].map { (p.addBinary(cost: $0.0), $0.1) }
        p.addConstraint(items.map { ($0.0, $0.1) }, .lessOrEqual, 9)
        XCTAssertEqual(try XCTUnwrap(try p.solve().objective), 20, accuracy: 1e-6)
        let relaxed = p.relaxation
        XCTAssertEqual(relaxed.integerCount, 0)
        XCTAssertEqual(p.integerCount, 3, "the original keeps its integer variables")
        XCTAssertEqual(try XCTUnwrap(try relaxed.solve().objective), 17 + 13.0 / 3, accuracy: 1e-6)
    }
}
