// LinearAlgebra benchmarks: the three operations whose speed the forecasting engine relies on.
// `Benchmarks/compare-numpy.sh` runs the same operations with numpy (same OpenBLAS kernels) in
// the same run and prints the ratios.
import Benchmark
import LinearAlgebra

/// A deterministic pseudo-random matrix (SplitMix64).
func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var state = seed
    var values = [Double](repeating: 0, count: rows * columns)
    for i in values.indices {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        values[i] = Double(z >> 11) / Double(1 << 53) * 2 - 1
    }
    return try! Matrix(rows: rows, columns: columns, columnMajor: values)
}

let benchmarks: @Sendable () -> Void = {
    BLASThreads.setThreadCount(BLASThreads.threadCount)  // honours CCPLAN_BLAS_THREADS, default 1
    let timing = Benchmark.Configuration(
        metrics: [.wallClock, .throughput], timeUnits: .microseconds,
        warmupIterations: 3, scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 200)

    // 2·n³ floating-point operations; GFLOP/s = 2e9 / (median µs · 1e3).
    let a1000 = randomMatrix(1000, 1000, seed: 1), b1000 = randomMatrix(1000, 1000, seed: 2)
    Benchmark("dgemm 1000x1000", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try Matrix.product(a1000, b1000)) }
    }

    let design = randomMatrix(10_000, 50, seed: 3), response = randomMatrix(10_000, 1, seed: 4)
    Benchmark("least squares 10000x50 (dgelsd)", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try design.leastSquares(response)) }
    }

    // One year of days × half-hour intervals: the SVD forecasting model's matrix.
    let days = randomMatrix(500, 48, seed: 5)
    Benchmark("svd 500x48 thin (dgesdd)", configuration: timing) { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try days.singularValueDecomposition(.thin)) }
    }
}
