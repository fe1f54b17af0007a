import Optimization
import XCTest

/// Textbook programs whose optimum is derived by hand (or by enumeration in the test itself),
/// never from the solver's own output.
final class TextbookTests: XCTestCase {
    /// Objective values in these tests are small integers or halves: CBC's primal and integrality
    /// tolerances (1e-7 and 1e-6, scaled by coefficients ≤ 12) bound the error well below this.
    let tolerance = 1e-6

    /// Hillier & Lieberman's Wyndor Glass LP: max 3x + 5y, x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18.
    /// The optimum is the vertex where 2y = 12 and 3x + 2y = 18 meet: (2, 6), Z = 36
    /// (the other vertices give 0, 12, 27, 30).
    func testWyndorLP() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable("x", cost: 3)
        let y = lp.addVariable("y", cost: 5)
        lp.addConstraint([(x, 1)], .lessOrEqual, 4)
        lp.addConstraint([(y, 2)], .lessOrEqual, 12)
        lp.addConstraint([(x, 3), (y, 2)], .lessOrEqual, 18)
        let s = try lp.solve()
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), 36, accuracy: tolerance)
        XCTAssertEqual(s[x], 2, accuracy: tolerance)
        XCTAssertEqual(s[y], 6, accuracy: tolerance)
        XCTAssertEqual(try XCTUnwrap(s.bestBound), 36, accuracy: tolerance)
        XCTAssertEqual(try XCTUnwrap(s.gap), 0, accuracy: tolerance)
    }

    /// A ranged row and an equality: 2 ≤ x + y ≤ 5, x − y = 1. With x = y + 1 the range reads
    /// 0.5 ≤ y ≤ 2. min 2x + 3y = 5y + 2 → y = 0.5, Z = 4.5 (lower side active);
    /// max → y = 2, Z = 12 (upper side active). An objective offset of 10 shifts both.
    func testRangedRowBothSidesAndOffset() throws {
        for (sense, expected, yStar) in [(LinearProgram.Sense.minimize, 4.5, 0.5), (.maximize, 12.0, 2.0)] {
            var lp = LinearProgram(sense: sense)
            let x = lp.addVariable("x", cost: 2)
            let y = lp.addVariable("y", cost: 3)
            lp.addConstraint([(x, 1), (y, 1)], lower: 2, upper: 5, name: "range")
            lp.addConstraint([(x, 1), (y, -1)], .equal, 1)
            lp.objectiveOffset = 10
            let s = try lp.solve()
            XCTAssertEqual(s.status, .optimal, "\(sense)")
            XCTAssertEqual(try XCTUnwrap(s.objective), expected + 10, accuracy: tolerance, "\(sense)")
            XCTAssertEqual(try XCTUnwrap(s.bestBound), expected + 10, accuracy: tolerance, "\(sense)")
            XCTAssertEqual(s[y], yStar, accuracy: tolerance)
            XCTAssertEqual(s[x], yStar + 1, accuracy: tolerance)
        }
    }

    /// Free variables and a ≥ row: min |x|-like LP: min t, t ≥ x − 3, t ≥ 3 − x, x free, t free,
    /// x ≤ 1 → x = 1, t = 2.
    func testFreeVariables() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", lower: -.infinity, upper: 1)
        let t = lp.addVariable("t", lower: -.infinity, cost: 1)
        lp.addConstraint([(t, 1), (x, -1)], .greaterOrEqual, -3)
        lp.addConstraint([(t, 1), (x, 1)], .greaterOrEqual, 3)
        let s = try lp.solve()
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(s[x], 1, accuracy: tolerance)
        XCTAssertEqual(try XCTUnwrap(s.objective), 2, accuracy: tolerance)
    }

    /// 0/1 knapsack: max 8a + 11b + 6c + 4d, 5a + 7b + 4c + 3d ≤ 14. The optimum is checked by
    /// enumerating all 16 choices (it is 21: b, c, d; the LP relaxation gives 22).
    func testKnapsackAgainstEnumeration() throws {
        let value = [8.0, 11, 6, 4], weight = [5.0, 7, 4, 3], capacity = 14.0
        var best = 0.0
        for mask in 0..<16 {
            let chosen = (0..<4).filter { mask & (1 << $0) != 0 }
            if chosen.reduce(0, { $0 + weight[$1] }) <= capacity {
                best = max(best, chosen.reduce(0) { $0 + value[$1] })
            }
        }
        XCTAssertEqual(best, 21)
        var lp = LinearProgram(sense: .maximize)
        let items = value.indices.map { lp.addBinary("item\($0)", cost: value[$0]) }
        lp.addConstraint(items.indices.map { (items[$0], weight[$0]) }, .lessOrEqual, capacity)
        let s = try lp.solve()
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), best, accuracy: tolerance)
        XCTAssertEqual(try XCTUnwrap(s.bestBound), best, accuracy: tolerance)
        XCTAssertEqual(items.map { s[$0] }, [0, 1, 1, 1])
    }

    /// An integer program whose LP optimum is fractional: max y, −x + y ≤ 1, 3x + 2y ≤ 12,
    /// 2x + 3y ≤ 12, x, y ≥ 0 integer. LP optimum (1.8, 2.8); the integer optimum, found here by
    /// enumerating the integer points of the box [0, 6]², is y = 2.
    func testIntegerProgramAgainstEnumeration() throws {
        var best = -1.0
        for x in 0...6 {
            for y in 0...6 where -x + y <= 1 && 3 * x + 2 * y <= 12 && 2 * x + 3 * y <= 12 {
                best = max(best, Double(y))
            }
        }
        XCTAssertEqual(best, 2)
        var ip = LinearProgram(sense: .maximize)
        let x = ip.addVariable("x", integer: true)
        let y = ip.addVariable("y", cost: 1, integer: true)
        ip.addConstraint([(x, -1), (y, 1)], .lessOrEqual, 1)
        ip.addConstraint([(x, 3), (y, 2)], .lessOrEqual, 12)
        ip.addConstraint([(x, 2), (y, 3)], .lessOrEqual, 12)
        let s = try ip.solve()
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), best, accuracy: tolerance)
        XCTAssertEqual(ip.maximumViolation(at: try XCTUnwrap(s.values)), 0, accuracy: tolerance)
    }

    /// The cyclic 5-on/2-off days-off problem ("post office", Winston's Operations Research,
    /// demand 17, 13, 15, 19, 14, 16, 11): optimum 23 (LP bound 67/3); CBC, HiGHS and GLPK agree
    /// (shared/docs/optimization.md §4). Checked here: objective 23, a feasible point, and the
    /// lower bound ⌈67/3⌉ = 23 from the LP relaxation solved as an LP.
    func testPostOfficeDaysOff() throws {
        let demand = [17.0, 13, 15, 19, 14, 16, 11]
        func program(integer: Bool) -> LinearProgram {
            var p = LinearProgram()
            let starts = (0..<7).map { p.addVariable("start\($0)", cost: 1, integer: integer) }
            for day in 0..<7 {
                p.addConstraint(
                    (0..<5).map { (starts[(day - $0 + 7) % 7], 1.0) }, .greaterOrEqual, demand[day], name: "day\(day)")
            }
            return p
        }
        let relaxation = try program(integer: false).solve()
        XCTAssertEqual(relaxation.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(relaxation.objective), 67.0 / 3, accuracy: tolerance)
        let ip = program(integer: true)
        let s = try ip.solve()
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(s.objective), 23, accuracy: tolerance)
        XCTAssertEqual(ip.maximumViolation(at: try XCTUnwrap(s.values)), 0, accuracy: tolerance)
        let plain = try ip.solve(SolveOptions(cuts: false, heuristics: false))
        XCTAssertEqual(plain.status, .optimal)
        XCTAssertEqual(try XCTUnwrap(plain.objective), 23, accuracy: tolerance)
    }

    /// A variable repeated in a row has its coefficients summed: x + x ≥ 3 is 2x ≥ 3.
    func testRepeatedTermsAreSummed() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", cost: 1)
        lp.addConstraint([(x, 1), (x, 1)], .greaterOrEqual, 3)
        lp.addConstraint([(x, 1), (x, -1)], .lessOrEqual, 5)  // 0 ≤ 5: a row with no terms left
        let s = try lp.solve()
        XCTAssertEqual(s[x], 1.5, accuracy: tolerance)
    }

    /// A program with no constraints: each variable sits at its cheaper bound.
    func testNoConstraints() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", lower: 2, upper: 7, cost: 1)
        let y = lp.addVariable("y", lower: -1, upper: 4, cost: -2, integer: true)
        let s = try lp.solve()
        XCTAssertEqual(s.status, .optimal)
        XCTAssertEqual(s[x], 2, accuracy: tolerance)
        XCTAssertEqual(s[y], 4)
    }
}
