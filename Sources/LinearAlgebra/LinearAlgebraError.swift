/// Why a linear-algebra operation failed. Every LAPACK `info` code is turned into one of these.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operands' shapes do not fit the operation.
    case dimensionMismatch(String)
    /// A size does not fit LAPACK's 32-bit integers.
    case sizeTooLarge(String, Int)
    /// An input contains NaN or infinity (LAPACK's behaviour is undefined on them).
    case nonFiniteInput(String)
    /// LAPACK rejected argument number `argument` (a bug in ccplan, reported rather than trapped).
    case illegalArgument(routine: String, argument: Int)
    /// The leading minor of order `order` is not positive definite (dposv, dpotrf).
    case notPositiveDefinite(routine: String, order: Int)
    /// An iterative routine (SVD, eigensolver) did not converge; `info` is LAPACK's code.
    case noConvergence(routine: String, info: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let what):
            return "dimension mismatch: \(what)"
        case .sizeTooLarge(let what, let value):
            return "\(what) = \(value) does not fit LAPACK's 32-bit integers"
        case .nonFiniteInput(let routine):
            return "\(routine): the input contains NaN or infinity"
        case .illegalArgument(let routine, let argument):
            return "\(routine): argument \(argument) had an illegal value"
        case .notPositiveDefinite(let routine, let order):
            return "\(routine): the matrix is not positive definite (leading minor of order \(order))"
        case .noConvergence(let routine, let info):
            return "\(routine): the algorithm did not converge (info = \(info))"
        }
    }
}

/// Converts a size to LAPACK's integer type, failing loudly instead of truncating.
@usableFromInline
func lapackInt(_ value: Int, _ what: @autoclosure () -> String) throws -> Int32 {
    guard let v = Int32(exactly: value) else { throw LinearAlgebraError.sizeTooLarge(what(), value) }
    return v
}
