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

    /// Applies the thread count now and, when it is 1, stops the worker threads OpenBLAS starts
    /// when it is loaded: each spins (`sched_yield`) for about 2²⁸ cycles, some 0.1 s of a core,
    /// before it sleeps, which on a two-core machine takes half the machine from a 50 ms
    /// `ccplan plan`. A process calls it first thing; BLAS calls work as before afterwards (with
    /// more than one thread OpenBLAS starts its workers again).
    ///
    /// - Complexity: O(OpenBLAS threads).
    public static func configure() {
        configureOnce()
        if openblas_get_num_threads() == 1 { _ = blas_thread_shutdown_() }
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
