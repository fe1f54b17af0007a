import CCbc
import Foundation
import LinearAlgebra

/// The only code of ccplan that calls COIN-OR CBC (2.10.8, Debian `coinor-libcbc-dev`) — and the
/// only unsafe code of this module. Every pitfall it guards against was observed on that build
/// (shared/docs/optimization.md has the experiments):
///
/// 1. **One fresh model per solve.** The C interface says its access and modification functions
///    are not valid after `Cbc_solve`; ``LinearProgram`` is a Swift value and each solve loads it
///    into a new `Cbc_Model` that is deleted afterwards (results are copied out first).
/// 2. **Bulk load only.** Rows go in through `Cbc_loadProblem` (compressed sparse columns with a
///    `[lower, upper]` range per row). `Cbc_addRow` accepts only the senses `L`, `G`, `E`: its
///    documented `R` (ranged) prints "unknown row sense" and calls `abort()`. Mixing the two
///    loaders is not safe either: `Cbc_addCol` right after `Cbc_loadProblem` crashed (SIGSEGV).
/// 3. **Duplicate terms are merged** (coefficients of a repeated variable in a row are summed,
///    zeros dropped) before loading: a packed matrix with duplicate entries is not something Clp
///    promises to accept.
/// 4. **Infinite bounds** are passed as `±DBL_MAX` (`COIN_DBL_MAX`), CBC's infinity.
/// 5. **Pure LPs take the MIP path.** With no integer column `Cbc_solve` only calls Clp: it
///    ignores every parameter (time limit, seeds), reports status −1, and reports an *unbounded*
///    LP as "proven infeasible". One empty integer column fixed at 0 is appended to such a
///    program so that every solve goes through branch and bound with the same status codes.
/// 6. **Status.** Optimal is status 0 *and* secondary status 0: when the search stops on the
///    gap tolerance CBC still says "proven optimal" (secondary status 2), which is reported here
///    as ``SolveStatus/feasible`` with its gap. A solution exists iff `Cbc_bestSolution` is not
///    NULL (`Cbc_getColSolution` is not NULL after a fruitless time limit either). Secondary
///    status 1 ("infeasible or worse than the cutoff") means infeasible only without a
///    solution: with a warm start CBC also returned it together with a proven-optimal incumbent
///    whose objective equals the bound (a scheduling program, docs/schedule.md); that case is
///    optimal.
/// 7. **Parameters by name are never errors in CBC:** a misspelt name prints "No match for …" to
///    standard output and is ignored. Only the names below are used, each checked by a test that
///    standard output stays empty: `log`, `slog` (silence; with `Cbc_setLogLevel`, which also
///    silences the LP path), `threads 0` (serial: parallel B&B is not repeatable),
///    `randomSeed`/`randomCbcSeed` (Clp's and CBC's seeds, never 0 = clock), `timeMode elapsed`
///    (`sec` counts CPU time by default), `sec`, `ratio`, `maxNodes`, `cuts off`, `heuristics off`.
/// 8. **Not re-entrant.** Concurrent `Cbc_solve` calls on separate models gave wrong results;
///    one process-wide lock serialises solves.
/// 9. **The objective offset** c₀ goes in as an extra continuous column fixed at 1 with cost c₀,
///    so that CBC's gap test (relative to the objective) sees the same objective as the caller.
/// 10. **BLAS threads.** CBC's LAPACK/BLAS is OpenBLAS (`libCoinUtils` needs `liblapack.so.3`,
///    which Debian's alternatives point at OpenBLAS). Its thread pool slowed a solve 40× on two
///    cores; LinearAlgebra's ``BLASThreads`` default (one thread) is applied before solving.
/// 11. **Warm starts** go in through `Cbc_setMIPStartI` with a value for every column (the
///    appended ones included), integer columns rounded. CBC evaluates the start when the search
///    begins and keeps it as the incumbent if it is feasible; an infeasible start is dropped
///    (a test checks both, and that standard output stays silent).
enum CbcBackend {
    private static let lock = NSLock()

    /// The program in compressed sparse column form, duplicates merged (pitfall 3).
    struct ColumnMajor {
        var start: [Int32]
        var index: [Int32]
        var value: [Double]
    }

    static func columnMajor(_ p: LinearProgram, extraEmptyColumns: Int) -> ColumnMajor {
        let n = p.columns.count
        var count = [Int](repeating: 0, count: n + 1)
        for row in p.rows { for t in row.terms { count[t.index + 1] += 1 } }
        for j in 0..<n { count[j + 1] += count[j] }
        var rowOf = [Int32](repeating: 0, count: count[n])
        var valueOf = [Double](repeating: 0, count: count[n])
        var next = Array(count[0..<n])
        for (r, row) in p.rows.enumerated() {
            for t in row.terms {
                rowOf[next[t.index]] = Int32(r)
                valueOf[next[t.index]] = t.coefficient
                next[t.index] += 1
            }
        }
        // Rows were visited in order, so each column's entries are sorted by row: merge runs.
        var out = ColumnMajor(start: [0], index: [], value: [])
        out.index.reserveCapacity(count[n])
        out.value.reserveCapacity(count[n])
        for j in 0..<n {
            var k = count[j]
            while k < count[j + 1] {
                let r = rowOf[k]
                var sum = 0.0
                while k < count[j + 1], rowOf[k] == r {
                    sum += valueOf[k]
                    k += 1
                }
                if sum != 0 {
                    out.index.append(r)
                    out.value.append(sum)
                }
            }
            out.start.append(Int32(out.index.count))
        }
        for _ in 0..<extraEmptyColumns { out.start.append(Int32(out.index.count)) }
        return out
    }

    static func solve(_ p: LinearProgram, _ options: SolveOptions, start: [Double]? = nil) throws(OptimizationError)
        -> Solution
    {
        let needsIntegerColumn = p.integerCount == 0  // pitfall 5
        let offsetColumn = p.objectiveOffset != 0  // pitfall 9
        let extra = (needsIntegerColumn ? 1 : 0) + (offsetColumn ? 1 : 0)
        let matrix = columnMajor(p, extraEmptyColumns: extra)
        func finite(_ x: Double) -> Double {
            x.isFinite ? x : (x > 0 ? Double.greatestFiniteMagnitude : -Double.greatestFiniteMagnitude)
        }
        var lower = p.columns.map { finite($0.lower) }
        var upper = p.columns.map { finite($0.upper) }
        var cost = p.columns.map(\.cost)
        if offsetColumn {
            lower.append(1)
            upper.append(1)
            cost.append(p.objectiveOffset)
        }
        if needsIntegerColumn {
            lower.append(0)
            upper.append(0)
            cost.append(0)
        }
        let rowLower = p.rows.map { finite($0.lower) }
        let rowUpper = p.rows.map { finite($0.upper) }
        let n = p.columns.count

        lock.lock()
        defer { lock.unlock() }
        _ = BLASThreads.threadCount  // pitfall 10
        guard let model = Cbc_newModel() else { throw .solverFailed(status: -9, secondaryStatus: -9) }
        defer { Cbc_deleteModel(model) }

        Cbc_setLogLevel(model, 0)
        var parameters: [(String, String)] = [
            ("log", "0"), ("slog", "0"), ("threads", "0"),
            ("randomSeed", String(options.seed)), ("randomCbcSeed", String(options.seed)),
            ("timeMode", "elapsed"), ("ratio", String(max(0, options.relativeGap))),
        ]
        if let limit = options.timeLimit { parameters.append(("sec", String(max(0, limit)))) }
        if let nodes = options.nodeLimit { parameters.append(("maxNodes", String(max(0, nodes)))) }
        if !options.cuts { parameters.append(("cuts", "off")) }
        if !options.heuristics { parameters.append(("heuristics", "off")) }
        for (name, value) in parameters { Cbc_setParameter(model, name, value) }

        Cbc_loadProblem(
            model, Int32(lower.count), Int32(p.rows.count), matrix.start, matrix.index, matrix.value,
            lower, upper, cost, rowLower, rowUpper)
        for (j, c) in p.columns.enumerated() where c.isInteger { Cbc_setInteger(model, Int32(j)) }
        if needsIntegerColumn { Cbc_setInteger(model, Int32(lower.count - 1)) }
        Cbc_setObjSense(model, p.sense == .minimize ? 1 : -1)
        if let start {  // pitfall 11
            var values = start.enumerated().map { j, x in p.columns[j].isInteger ? x.rounded() : x }
            if offsetColumn { values.append(1) }
            if needsIntegerColumn { values.append(0) }
            let indices = (0..<Int32(values.count)).map { $0 }
            Cbc_setMIPStartI(model, Int32(values.count), indices, values)
        }

        let clock = ContinuousClock()
        let started = clock.now
        _ = Cbc_solve(model)
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18

        let status = Int(Cbc_status(model))
        let secondary = Int(Cbc_secondaryStatus(model))
        var values: [Double]?
        if let best = Cbc_bestSolution(model) {  // pitfall 6
            var x = Array(UnsafeBufferPointer(start: best, count: n))
            for (j, c) in p.columns.enumerated() where c.isInteger { x[j] = x[j].rounded() }
            values = x
        }
        let rawBound = Cbc_getBestPossibleObjValue(model)
        let bound: Double? = abs(rawBound) < 1e49 ? rawBound : nil
        let nodes = Int(Cbc_getNodeCount(model))

        func result(_ s: SolveStatus, bound: Double?) -> Solution {
            Solution(
                status: s, objective: values.map { p.objective(at: $0) }, bestBound: bound,
                values: values, seconds: seconds, nodes: nodes)
        }
        if Cbc_isContinuousUnbounded(model) != 0 || secondary == 7 {
            values = nil
            return result(.unbounded, bound: nil)
        }
        if values == nil && (Cbc_isProvenInfeasible(model) != 0 || (status == 0 && secondary == 1)) {
            return result(.infeasible, bound: nil)
        }
        if Cbc_isSecondsLimitReached(model) != 0 || (status == 1 && secondary == 4) {
            return result(.timeLimit, bound: bound)
        }
        guard let x = values else { throw .solverFailed(status: status, secondaryStatus: secondary) }
        let z = p.objective(at: x)
        let closed = bound.map { abs(z - $0) <= 1e-9 * max(1, abs(z)) } ?? false
        if status == 0 && (secondary == 0 || (secondary == 1 && closed && Cbc_isProvenOptimal(model) != 0)) {
            // Proven optimal: the bound is the optimum (CBC's may differ in the last digits).
            return result(.optimal, bound: bound ?? values.map { p.objective(at: $0) })
        }
        if status == 0 || status == 1 { return result(.feasible, bound: bound) }
        throw .solverFailed(status: status, secondaryStatus: secondary)
    }
}
