// swift-tools-version: 6.1
// Benchmarks of ccplan, kept out of the root package so that `swift test` stays fast.
// Run them from the repository root with `make bench`, or here with
//   swift package --disable-sandbox benchmark
import PackageDescription

/// One benchmark executable per module of ccplan (directory Benchmarks/<Name>/).
func benchmarkTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: [.product(name: "Benchmark", package: "benchmark")]
            + products.map { .product(name: $0, package: "ccplan") },
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "ccplan-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The name is required: CI clones the repository into a folder of another name.
        .package(name: "ccplan", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        benchmarkTarget("LinearAlgebraBenchmarks", ["LinearAlgebra"]),
        benchmarkTarget("QueueingBenchmarks", ["Queueing"]),
        benchmarkTarget("ContactHistoryBenchmarks", ["ContactHistory"]),
        benchmarkTarget("PlanningBenchmarks", ["Planning", "ContactHistory", "Queueing"]),
    ]
)
