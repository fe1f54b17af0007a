/// A linear or mixed-integer linear program, built in Swift and solved by COIN-OR CBC.
///
/// The model is
///
///     minimise (or maximise)   c·x + c₀
///     subject to               lᵣ ≤ Σⱼ aᵣⱼ xⱼ ≤ uᵣ      for every constraint r
///                              lⱼ ≤ xⱼ ≤ uⱼ             for every variable j
///                              xⱼ ∈ ℤ                   for the integer variables
///
/// Bounds may be infinite (`-.infinity`, `.infinity`). A constraint with both bounds finite is a
/// *ranged row*; one with `lᵣ = uᵣ` is an equality. The value type holds no solver state: every
/// ``solve(_:)`` builds a fresh CBC model from it, so a program can be changed and solved again,
/// and solved from several threads (CBC itself runs one solve at a time, see ``CbcBackend``).
///
/// ```swift
/// var lp = LinearProgram(sense: .maximize)
/// let x = lp.addVariable("x", cost: 3)
/// let y = lp.addVariable("y", cost: 5)
/// lp.addConstraint([(x, 1)], .lessOrEqual, 4)
/// lp.addConstraint([(y, 2)], .lessOrEqual, 12)
/// lp.addConstraint([(x, 3), (y, 2)], .lessOrEqual, 18)
/// let solution = try lp.solve()          // optimal, objective 36, x = 2, y = 6
/// ```
public struct LinearProgram: Sendable {
    /// Whether the objective is minimised or maximised.
    public enum Sense: Sendable, Hashable {
        case minimize, maximize
    }

    /// The relation of a one-sided or equality constraint.
    public enum Relation: Sendable, Hashable {
        case lessOrEqual, greaterOrEqual, equal
    }

    /// A handle to a variable of this program (its column index).
    public struct Variable: Sendable, Hashable, Comparable {
        public let index: Int
        public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
    }

    /// A handle to a constraint of this program (its row index).
    public struct Constraint: Sendable, Hashable {
        public let index: Int
    }

    /// A column: bounds, objective coefficient and integrality.
    public struct Column: Sendable, Hashable {
        public var name: String
        public var lower: Double
        public var upper: Double
        public var cost: Double
        public var isInteger: Bool
    }

    /// A row: sparse terms and the range `lower ... upper` of their sum.
    public struct Row: Sendable {
        public var name: String
        /// Column indices and coefficients; an index may repeat (the coefficients are summed).
        public var terms: [(index: Int, coefficient: Double)]
        public var lower: Double
        public var upper: Double
    }

    public var sense: Sense
    /// The constant `c₀` added to the objective (reported values include it).
    public var objectiveOffset: Double = 0
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []

    /// An empty program.
    public init(sense: Sense = .minimize) {
        self.sense = sense
    }

    /// The number of variables.
    public var variableCount: Int { columns.count }
    /// The number of constraints.
    public var constraintCount: Int { rows.count }
    /// The number of integer variables.
    public var integerCount: Int { columns.reduce(0) { $0 + ($1.isInteger ? 1 : 0) } }
    /// The number of stored terms over all constraints.
    public var termCount: Int { rows.reduce(0) { $0 + $1.terms.count } }

    /// Adds a variable `lower ≤ x ≤ upper` with objective coefficient `cost`.
    ///
    /// - Parameters:
    ///   - name: for diagnostics; need not be unique.
    ///   - integer: whether `x` must take an integer value.
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addVariable(
        _ name: String = "", lower: Double = 0, upper: Double = .infinity, cost: Double = 0, integer: Bool = false
    ) -> Variable {
        columns.append(Column(name: name, lower: lower, upper: upper, cost: cost, isInteger: integer))
        return Variable(index: columns.count - 1)
    }

    /// Adds a 0/1 variable.
    ///
    /// - Complexity: amortised O(1).
    @discardableResult
    public mutating func addBinary(_ name: String = "", cost: Double = 0) -> Variable {
        addVariable(name, lower: 0, upper: 1, cost: cost, integer: true)
    }

    /// Adds `Σ coefficient·variable  (≤ | ≥ | =)  rhs`.
    ///
    /// - Complexity: O(terms).
    @discardableResult
    public mutating func addConstraint(
        _ terms: [(Variable, Double)], _ relation: Relation, _ rhs: Double, name: String = ""
    ) -> Constraint {
        switch relation {
        case .lessOrEqual: addConstraint(terms, lower: -.infinity, upper: rhs, name: name)
        case .greaterOrEqual: addConstraint(terms, lower: rhs, upper: .infinity, name: name)
        case .equal: addConstraint(terms, lower: rhs, upper: rhs, name: name)
        }
    }

    /// Adds the ranged constraint `lower ≤ Σ coefficient·variable ≤ upper` (either side may be
    /// infinite). CBC's row-by-row C call cannot express ranges (sense `R` aborts the process in
    /// CBC 2.10.8); the backend loads every row as a `[lower, upper]` pair, so ranges are safe.
    ///
    /// - Complexity: O(terms).
    @discardableResult
    public mutating func addConstraint(
        _ terms: [(Variable, Double)], lower: Double, upper: Double, name: String = ""
    ) -> Constraint {
        rows.append(
            Row(name: name, terms: terms.map { (index: $0.0.index, coefficient: $0.1) }, lower: lower, upper: upper))
        return Constraint(index: rows.count - 1)
    }

    /// Changes the objective coefficient of `variable`.
    public mutating func setCost(_ variable: Variable, _ cost: Double) {
        columns[variable.index].cost = cost
    }

    /// Changes the bounds of `variable` (e.g. to fix it: `lower == upper`).
    public mutating func setBounds(_ variable: Variable, lower: Double, upper: Double) {
        columns[variable.index].lower = lower
        columns[variable.index].upper = upper
    }

    /// The LP relaxation: the same program with every variable continuous. Its optimum bounds
    /// the program's (below for a minimisation).
    ///
    /// - Complexity: O(variables).
    public var relaxation: LinearProgram {
        var copy = self
        for j in copy.columns.indices { copy.columns[j].isInteger = false }
        return copy
    }

    /// The objective `c·x + c₀` at `values` (one value per variable).
    ///
    /// - Complexity: O(variables).
    public func objective(at values: [Double]) -> Double {
        precondition(values.count == columns.count, "one value per variable")
        var sum = objectiveOffset
        for (j, column) in columns.enumerated() where column.cost != 0 { sum += column.cost * values[j] }
        return sum
    }

    /// The largest violation of any bound, constraint or integrality at `values` (0 when
    /// `values` is feasible); useful to check a solution independently of the solver.
    ///
    /// - Complexity: O(variables + terms).
    public func maximumViolation(at values: [Double]) -> Double {
        precondition(values.count == columns.count, "one value per variable")
        var worst = 0.0
        for (j, c) in columns.enumerated() {
            let x = values[j]
            worst = max(worst, c.lower - x, x - c.upper)
            if c.isInteger { worst = max(worst, abs(x - x.rounded())) }
        }
        for row in rows {
            var activity = 0.0
            for t in row.terms { activity += t.coefficient * values[t.index] }
            worst = max(worst, row.lower - activity, activity - row.upper)
        }
        return worst
    }
}
