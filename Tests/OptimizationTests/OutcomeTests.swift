import CCPlanBase
import Foundation
import Optimization
import XCTest

/// Infeasible, unbounded, time-limited and gap-limited solves; invalid programs; determinism,
/// concurrency and a silent standard output.
final class OutcomeTests: XCTestCase {
    func testInfeasibleLPAndMILP() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", upper: 1, cost: 1)
        let y = lp.addVariable("y", upper: 1, cost: 1)
        lp.addConstraint([(x, 1), (y, 1)], .greaterOrEqual, 3)
        let s = try lp.solve()
        XCTAssertEqual(s.status, .infeasible)
        XCTAssertNil(s.values)
        XCTAssertNil(s.objective)

        // LP-feasible (x = 0.5), integer-infeasible: 0.2 ≤ x ≤ 0.8, x integer.
        var ip = LinearProgram()
        let z = ip.addVariable("z", upper: 10, cost: 1, integer: true)
        ip.addConstraint([(z, 1)], lower: 0.2, upper: 0.8)
        XCTAssertEqual(try ip.solve().status, .infeasible)
    }

    /// CBC's LP-only path reports an unbounded LP as "proven infeasible"; the backend must not.
    func testUnboundedLPAndMILP() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addVariable("x", cost: 1)
        let y = lp.addVariable("y", cost: 1)
        lp.addConstraint([(x, 1), (y, -1)], .lessOrEqual, 1)
        XCTAssertEqual(try lp.solve().status, .unbounded)
        var ip = lp
        ip.addVariable("k", upper: 3, cost: 0, integer: true)
        XCTAssertEqual(try ip.solve().status, .unbounded)
    }

    func testCrossedBoundsAreInfeasibleWithoutCallingTheSolver() throws {
        var lp = LinearProgram()
        let x = lp.addVariable("x", lower: 0.3, upper: 0.7, integer: true)
        lp.addConstraint([(x, 1)], .lessOrEqual, 5)
        XCTAssertEqual(try lp.solve().status, .infeasible)
    }

    func testInvalidProgramsAreRejected() {
        var lp = LinearProgram()
        let x = lp.addVariable("x", cost: 1)
        lp.addConstraint([(x, .nan)], .lessOrEqual, 1)
        XCTAssertThrowsError(try lp.solve()) { error in
            guard case OptimizationError.invalidProgram(let why) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(why.contains("coefficient"), why)
        }
        var lp2 = LinearProgram()
        lp2.addVariable("y", lower: .infinity)
        XCTAssertThrowsError(try lp2.solve())
    }

    /// A market-split instance (Cornuéjols & Dawande 1999): 4 equations over 30 binaries with
    /// coefficients in [0, 99] and right-hand sides ⌊Σⱼ aᵢⱼ / 2⌋, slack penalised. Such instances
    /// are notoriously hard for branch and bound: this one runs for far longer than a second.
    static func marketSplit(rows m: Int = 4, columns n: Int = 30, seed: UInt64 = 7) -> LinearProgram {
        var rng = SplitMix64(seed: seed)
        func next() -> Double { Double(rng.next() % 100) }
        var p = LinearProgram()
        let x = (0..<n).map { p.addBinary("x\($0)") }
        for i in 0..<m {
            let a = (0..<n).map { _ in next() }
            let plus = p.addVariable("s+\(i)", cost: 1)
            let minus = p.addVariable("s-\(i)", cost: 1)
            p.addConstraint(
                zip(x, a).map { ($0, $1) } + [(plus, 1), (minus, -1)], .equal, (a.reduce(0, +) / 2).rounded(.down))
        }
        return p
    }

    /// The time limit is wall-clock and honoured: the solve returns close to it with status
    /// timeLimit, and any solution it returns is feasible. The slack (3 s) covers CBC's polling
    /// between nodes and a loaded machine.
    func testTimeLimitStopsTheSearch() throws {
        let p = Self.marketSplit()
        let started = Date()
        let s = try p.solve(SolveOptions(timeLimit: 0.5))
        let wall = Date().timeIntervalSince(started)
        XCTAssertEqual(s.status, .timeLimit)
        XCTAssertLessThan(wall, 3.5)
        if let values = s.values {
            XCTAssertEqual(p.maximumViolation(at: values), 0, accuracy: 1e-6)
            XCTAssertEqual(try XCTUnwrap(s.objective), p.objective(at: values), accuracy: 1e-9)
        }
        if let bound = s.bestBound, let z = s.objective { XCTAssertLessThanOrEqual(bound, z + 1e-6) }
    }

    /// A relative gap lets the search stop early: the reported gap honours it, the solution is
    /// feasible, and no more nodes are explored than for a proven optimum.
    func testRelativeGapStopsTheSearch() throws {
        let p = Self.covering()
        let proven = try p.solve()
        XCTAssertEqual(proven.status, .optimal)
        let s = try p.solve(SolveOptions(relativeGap: 0.2))
        XCTAssertTrue([.feasible, .optimal].contains(s.status), "\(s.status)")
        XCTAssertLessThanOrEqual(try XCTUnwrap(s.gap), 0.2)
        XCTAssertLessThanOrEqual(s.nodes, proven.nodes)
        XCTAssertEqual(p.maximumViolation(at: try XCTUnwrap(s.values)), 0, accuracy: 1e-6)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(s.objective), try XCTUnwrap(proven.objective) - 1e-6)
    }

    /// A random covering problem (60 columns, two thirds integer, 40 rows) with a positive optimum.
    static func covering() -> LinearProgram {
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var p = LinearProgram()
        let x = (0..<60).map { p.addVariable("x\($0)", upper: 10, cost: 1 + uniform(), integer: $0 % 3 != 0) }
        for r in 0..<40 {
            let terms = x.indices.filter { _ in uniform() < 0.15 }.map { (x[$0], 1 + 4 * uniform()) }
            p.addConstraint(terms, .greaterOrEqual, 5 + 10 * uniform(), name: "cover\(r)")
        }
        return p
    }

    /// A mid-size MILP solved three times, two of them concurrently: identical values every time.
    func testDeterministicAndSerialisedAcrossThreads() throws {
        let p = Self.covering()
        let first = try p.solve()
        XCTAssertEqual(first.status, .optimal)
        let results = LockedBox<[Solution?]>([nil, nil])
        let program = p
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let s = try? program.solve()
            results.lock.lock()
            results.value[i] = s
            results.lock.unlock()
        }
        for s in results.value {
            XCTAssertEqual(s?.values, first.values)
            XCTAssertEqual(s?.objective, first.objective)
        }
    }

    /// CBC writes its log with printf into the process's standard output; nothing may appear
    /// there (ccplan's commands may write machine-readable text to it). A misspelt parameter
    /// name would print "No match for …" here too.
    func testStandardOutputStaysSilent() throws {
        let path = NSTemporaryDirectory() + "cbc-stdout-\(getpid()).txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        fflush(nil)
        let saved = dup(STDOUT_FILENO)
        let file = open(path, O_WRONLY | O_TRUNC)
        dup2(file, STDOUT_FILENO)
        close(file)
        _ = try? Self.marketSplit(columns: 12).solve(SolveOptions(timeLimit: 2))
        _ = try? Self.covering().solve(
            SolveOptions(timeLimit: 2, relativeGap: 0.01, seed: 7, cuts: false, heuristics: false))
        let market = Self.marketSplit(columns: 12)
        _ = try? market.solve(SolveOptions(timeLimit: 2, nodeLimit: 5), start: WarmStartTests.slackStart(market).values)
        var lp = LinearProgram()
        lp.addVariable("x", cost: 1)
        _ = try? lp.solve()
        fflush(nil)
        dup2(saved, STDOUT_FILENO)
        close(saved)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(written, "", "CBC wrote to standard output")
    }
}

/// A locked box for results written by concurrent test iterations.
final class LockedBox<T>: @unchecked Sendable {
    var value: T
    let lock = NSLock()
    init(_ value: T) { self.value = value }
}
