import CLAPACK

/// What the linked BLAS is and which kernel it runs: the numbers of every computation depend on it
/// in their last digits, so a log or a bug report should say it.
public enum BLASLibrary {
    /// OpenBLAS's build configuration, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`.
    public static var configuration: String { string(openblas_get_config()) }

    /// The kernel (core type) in use, e.g. `Haswell`: chosen from the CPU when OpenBLAS loads,
    /// unless the environment variable `OPENBLAS_CORETYPE` names one.
    public static var coreName: String { string(openblas_get_corename()) }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "unknown" }
        return String(cString: pointer).split(separator: " ").joined(separator: " ")
    }
}
