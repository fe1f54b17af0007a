// swift-tools-version: 6.1
// ccplan — workforce forecasting and planning for customer contact centres.
//
// Modules and the direction of their dependencies:
//   CLAPACK (system library: OpenBLAS + LAPACKE) → LinearAlgebra → Forecasting
//   Queueing (pure Swift)      ContactHistory (CSV ingest)
//   Planning (uses all of the above) → ccplan (executable, thin commands)
// Benchmarks live in the nested package Benchmarks/ so that `swift test` stays fast.
import PackageDescription

let package = Package(
    name: "ccplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccplan", targets: ["ccplan"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Queueing", targets: ["Queueing"]),
        .library(name: "ContactHistory", targets: ["ContactHistory"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: System library
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapack-dev", "liblapacke-dev", "pkg-config"])]
        ),

        // MARK: Numerical core
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),

        // MARK: Queueing models (pure Swift)
        .target(name: "Queueing"),
        .testTarget(name: "QueueingTests", dependencies: ["Queueing"]),

        // MARK: Contact history (CSV ingest, validation, time zones)
        .target(name: "ContactHistory"),
        .testTarget(name: "ContactHistoryTests", dependencies: ["ContactHistory"], resources: [.copy("Fixtures")]),

        // MARK: Executable: thin ArgumentParser commands, one file per subcommand, no numerics.
        .executableTarget(
            name: "ccplan",
            dependencies: [
                "LinearAlgebra", "Queueing", "ContactHistory",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // End-to-end tests: they run the built `ccplan` binary (as swift-argument-parser's own tests do).
        .testTarget(name: "ccplanTests", dependencies: ["ccplan"]),
    ]
)
