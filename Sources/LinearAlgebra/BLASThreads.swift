import CLAPACK
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The number of threads OpenBLAS uses inside one call.
///
/// For ccplan's matrix sizes one thread is faster than two on a small machine (a 200×200 dgemm
/// took 499 µs on 1 thread and 1142 µs on 2 here), and ccplan parallelises across queues
/// instead, so the default is 1. It is read once, from `CCPLAN_BLAS_THREADS`, else from
/// `OPENBLAS_NUM_THREADS`, else 1, the first time any operation of this module runs; set it
/// explicitly with ``setThreadCount(_:)``.
public enum BLASThreads {
    /// The thread count OpenBLAS currently uses.
    public static var threadCount: Int {
        configureOnce()
        return Int(openblas_get_num_threads())
    }

    /// Sets the number of OpenBLAS threads (at least 1).
    public static func setThreadCount(_ count: Int) {
        configureOnce()
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }

    /// The default thread count from the environment, or 1.
    static func defaultThreadCount() -> Int {
        for name in ["CCPLAN_BLAS_THREADS", "OPENBLAS_NUM_THREADS"] {
            if let raw = getenv(name), let value = Int(String(cString: raw)), value >= 1 { return value }
        }
        return 1
    }

    private static let configured: Bool = {
        openblas_set_num_threads(Int32(clamping: defaultThreadCount()))
        return true
    }()

    /// Applies the default thread count; every operation of the module calls this first.
    @inline(__always)
    static func configureOnce() { _ = configured }
}
