import LinearAlgebra
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// The kernel suggested when OpenBLAS falls back to its generic one.
final class BLASLibraryTests: XCTestCase {
    func testSuggestedKernelFollowsTheCPUFeatures() {
        let avx512: Set = ["sse3", "avx", "avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"]
        XCTAssertEqual(BLASLibrary.suggestedCoreType(cpuFlags: avx512), "SkylakeX")
        XCTAssertEqual(BLASLibrary.suggestedCoreType(cpuFlags: avx512.subtracting(["avx512vl"])), "Haswell")
        XCTAssertEqual(BLASLibrary.suggestedCoreType(cpuFlags: ["sse3", "avx", "avx2", "fma"]), "Haswell")
        XCTAssertNil(BLASLibrary.suggestedCoreType(cpuFlags: ["sse3", "avx", "avx2"]))
        XCTAssertNil(BLASLibrary.suggestedCoreType(cpuFlags: []))
    }

    /// A kernel named in OPENBLAS_CORETYPE is the operator's choice: no suggestion then.
    func testNoSuggestionWhenTheKernelWasChosen() {
        let before = getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }
        setenv("OPENBLAS_CORETYPE", "Prescott", 1)
        defer { if let before { setenv("OPENBLAS_CORETYPE", before, 1) } else { unsetenv("OPENBLAS_CORETYPE") } }
        XCTAssertNil(BLASLibrary.suggestedCoreType)
    }
}
