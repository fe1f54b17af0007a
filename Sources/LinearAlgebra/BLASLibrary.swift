import CLAPACK

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the linked BLAS is and which kernel it runs: the numbers of every computation depend on it
/// in their last digits, so a log or a bug report should say it.
public enum BLASLibrary {
    /// OpenBLAS's build configuration, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64`.
    public static var configuration: String { string(openblas_get_config()) }

    /// The kernel (core type) in use, e.g. `Haswell`: chosen from the CPU when OpenBLAS loads,
    /// unless the environment variable `OPENBLAS_CORETYPE` names one.
    public static var coreName: String { string(openblas_get_corename()) }

    /// A faster kernel for this CPU when OpenBLAS fell back to its generic one, else nil.
    ///
    /// OpenBLAS picks its kernel from the CPU model; a CPU newer than the build (Debian's 0.3.21 on
    /// a Xeon with AVX512-FP16, for one) is not recognised and gets `Prescott` (SSE3), whose
    /// matrix products are the slowest. ccplan's outputs are the same under every kernel (see
    /// docs/linear-algebra.md), so `OPENBLAS_CORETYPE` set to the suggestion only makes it faster.
    /// Nil when `OPENBLAS_CORETYPE` is set, the kernel is not `Prescott`, or the CPU's features
    /// are unknown (read from `/proc/cpuinfo`, Linux only).
    public static var suggestedCoreType: String? {
        guard getenv("OPENBLAS_CORETYPE") == nil, coreName.lowercased() == "prescott" else { return nil }
        return suggestedCoreType(cpuFlags: cpuFlags())
    }

    /// The kernel for a CPU with these feature flags (`/proc/cpuinfo` names): `SkylakeX` with
    /// AVX-512 (F, BW, VL, DQ, CD), `Haswell` with AVX2 and FMA, else nil.
    public static func suggestedCoreType(cpuFlags flags: Set<String>) -> String? {
        if ["avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"].allSatisfy(flags.contains) { return "SkylakeX" }
        if flags.contains("avx2"), flags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The first `flags` line of `/proc/cpuinfo`, empty when unreadable.
    private static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            guard text.hasPrefix("flags"), let colon = text.firstIndex(of: ":") else { continue }
            return Set(
                text[text.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
        }
        return []
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "unknown" }
        return String(cString: pointer).split(separator: " ").joined(separator: " ")
    }
}
