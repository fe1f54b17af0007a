/// A small deterministic Nelder–Mead simplex minimiser (Nelder & Mead 1965, with the standard
/// coefficients reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al. 1998).
/// Used to fit smoothing parameters on an unconstrained (logit) scale.
struct NelderMead {
    var maxEvaluations = 300
    var tolerance = 1e-7
    var initialStep = 0.5

    /// Minimises `f` from `start`; returns the best point and its value. Non-finite values count as +∞.
    func minimize(_ start: [Double], _ f: ([Double]) -> Double) -> (point: [Double], value: Double) {
        let n = start.count
        func eval(_ x: [Double]) -> Double { let v = f(x); return v.isFinite ? v : .infinity }
        var simplex: [[Double]] = [start]
        for i in 0..<n { var p = start; p[i] += initialStep; simplex.append(p) }
        var values = simplex.map(eval)
        var evaluations = n + 1
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            if abs(values[n] - values[0]) <= tolerance * (abs(values[0]) + 1e-12) { break }
            var centroid = [Double](repeating: 0, count: n)
            for i in 0..<n { for k in 0..<n { centroid[k] += simplex[i][k] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = eval(reflected); evaluations += 1
            if fr < values[0] {
                let expanded = along(-2)
                let fe = eval(expanded); evaluations += 1
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = eval(contracted); evaluations += 1
                if fc < min(fr, values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = eval(simplex[i])
                    }
                    evaluations += n
                }
            }
        }
        var best = 0
        for i in 1..<values.count where values[i] < values[best] { best = i }
        return (simplex[best], values[best])
    }
}
