/// A dense matrix of `Double`, stored column-major as LAPACK expects: element (i, j) lives at
/// `elements[i + j * rows]`.
///
/// `Matrix` is a value type with copy-on-write storage (it wraps an `Array`), so it is `Sendable`
/// and cheap to pass around. Operations that call BLAS/LAPACK live in extensions
/// (`Products.swift`, `LeastSquares.swift`, `SingularValueDecomposition.swift`, `Symmetric.swift`)
/// and throw a ``LinearAlgebraError`` instead of trapping.
public struct Matrix: Sendable, Hashable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The column-major storage (mutated only through the subscript and `withUnsafeMutableElements`).
    @usableFromInline
    internal var storage: [Double]

    /// The elements in column-major order; `elements.count == rows * columns`.
    @inlinable
    public var elements: [Double] { storage }

    /// A `rows × columns` matrix with every element set to `value`.
    ///
    /// - Precondition: `rows >= 0`, `columns >= 0`.
    /// - Complexity: O(rows · columns).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over elements given in column-major order.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when `elements.count != rows * columns`.
    /// - Complexity: O(1) (the array is adopted, not copied).
    public init(rows: Int, columns: Int, columnMajor elements: [Double]) throws {
        guard rows >= 0, columns >= 0, elements.count == rows * columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "a \(rows)×\(columns) matrix needs \(max(0, rows * columns)) elements, got \(elements.count)")
        }
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// A matrix from its rows, as written on paper: `Matrix([[1, 2], [3, 4]])`.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when the rows differ in length.
    /// - Complexity: O(rows · columns).
    public init(_ rowArrays: [[Double]]) throws {
        let rows = rowArrays.count
        let columns = rowArrays.first?.count ?? 0
        var elements = [Double](repeating: 0, count: rows * columns)
        for (i, row) in rowArrays.enumerated() {
            guard row.count == columns else {
                throw LinearAlgebraError.dimensionMismatch(
                    "row \(i) has \(row.count) elements, row 0 has \(columns)")
            }
            for j in 0..<columns { elements[i + j * rows] = row[j] }
        }
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// A column vector (an `n × 1` matrix).
    ///
    /// - Complexity: O(1).
    public init(column: [Double]) {
        self.rows = column.count
        self.columns = 1
        self.storage = column
    }

    /// The `n × n` identity matrix.
    ///
    /// - Complexity: O(n²).
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// Element (i, j).
    ///
    /// - Complexity: O(1).
    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return storage[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            storage[row + column * rows] = newValue
        }
    }

    /// Column `j` as an array.
    ///
    /// - Complexity: O(rows).
    public func column(_ j: Int) -> [Double] {
        precondition(j >= 0 && j < columns, "Matrix column out of range")
        return Array(elements[(j * rows)..<((j + 1) * rows)])
    }

    /// Row `i` as an array.
    ///
    /// - Complexity: O(columns).
    public func row(_ i: Int) -> [Double] {
        precondition(i >= 0 && i < rows, "Matrix row out of range")
        return (0..<columns).map { elements[i + $0 * rows] }
    }

    /// The transpose.
    ///
    /// - Complexity: O(rows · columns).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows { t.storage[j + i * columns] = elements[i + j * rows] }
        }
        return t
    }

    /// Calls `body` with mutable access to the column-major elements.
    ///
    /// - Complexity: O(1) plus what `body` does.
    public mutating func withUnsafeMutableElements<R>(
        _ body: (inout UnsafeMutableBufferPointer<Double>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Whether every element is finite (no NaN, no infinity).
    ///
    /// - Complexity: O(rows · columns).
    public var isFinite: Bool { LAPACK.allFinite(storage) }
}

extension Matrix: CustomStringConvertible {
    public var description: String {
        (0..<rows).map { i in (0..<columns).map { "\(self[i, $0])" }.joined(separator: "\t") }
            .joined(separator: "\n")
    }
}
