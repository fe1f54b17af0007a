// swift-tools-version: 6.1
// ccplan — workforce forecasting and planning for customer contact centres.
//
// Modules and the direction of their dependencies:
//   CCPlanBase (calendar, time zones, the CSV reader, number/CSV/JSON writers, atomic files)
//     is at the bottom: every module may use it.
//   CLAPACK (system library: OpenBLAS + LAPACKE) → LinearAlgebra → Forecasting
//   CCbc (system library: COIN-OR CBC) → Optimization (LP/MILP; uses LinearAlgebra's BLAS threads)
//   Queueing (pure Swift)      ContactHistory (CSV ingest)
//   Planning (uses all of the above) → Batch (unattended runs) → ccplan (executable, thin commands)
//   Capacity (Optimization + Planning's plan files and report toolkit) → ccplan
//   Monitoring (a plan against actuals: Planning, Queueing, ContactHistory) → ccplan
//   Scheduling (Optimization + Planning's plan files, Queueing, report toolkit) → ccplan
// Benchmarks live in the nested package Benchmarks/ so that `swift test` stays fast.
import PackageDescription

let package = Package(
    name: "ccplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccplan", targets: ["ccplan"]),
        .library(name: "CCPlanBase", targets: ["CCPlanBase"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Queueing", targets: ["Queueing"]),
        .library(name: "ContactHistory", targets: ["ContactHistory"]),
        .library(name: "Planning", targets: ["Planning"]),
        .library(name: "Batch", targets: ["Batch"]),
        .library(name: "Optimization", targets: ["Optimization"]),
        .library(name: "Capacity", targets: ["Capacity"]),
        .library(name: "Scheduling", targets: ["Scheduling"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // MARK: The base every module may use
        .target(name: "CCPlanBase"),
        .testTarget(name: "CCPlanBaseTests", dependencies: ["CCPlanBase"]),

        // MARK: System library
        .systemLibrary(
            name: "CLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapack-dev", "liblapacke-dev", "pkg-config"])]
        ),

        // COIN-OR CBC's C interface (MILP solver), for Optimization only.
        .systemLibrary(
            name: "CCbc",
            pkgConfig: "cbc",
            providers: [.apt(["coinor-libcbc-dev"])]
        ),

        // MARK: Numerical core
        .target(name: "LinearAlgebra", dependencies: ["CLAPACK"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "CCPlanBase"]),
        .target(name: "Forecasting", dependencies: ["LinearAlgebra", "CCPlanBase"]),
        .testTarget(name: "ForecastingTests", dependencies: ["Forecasting", "CCPlanBase"]),
        .target(name: "Optimization", dependencies: ["CCbc", "LinearAlgebra"]),
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization"]),

        // MARK: Queueing models (pure Swift)
        .target(name: "Queueing"),
        .testTarget(name: "QueueingTests", dependencies: ["Queueing", "CCPlanBase"]),

        // MARK: Contact history (CSV ingest, validation, time zones)
        .target(name: "ContactHistory", dependencies: ["CCPlanBase"]),
        .testTarget(
            name: "ContactHistoryTests", dependencies: ["ContactHistory", "CCPlanBase"], resources: [.copy("Fixtures")]),

        // MARK: Planning: forecast → staffing → FTE, scenarios, plan files and report
        .target(
            name: "Planning",
            dependencies: [
                "CCPlanBase", "Queueing", "ContactHistory", "Forecasting", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "CCPlanBase"]),

        // MARK: Unattended runs: batch planning across cores and cluster shards
        .target(
            name: "Batch",
            dependencies: [
                "CCPlanBase", "Planning", "ContactHistory", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "CCPlanBase"]),

        // MARK: Capacity: attrition, training and hiring classes → the optimal hiring plan (MILP)
        .target(
            name: "Capacity",
            dependencies: [
                "CCPlanBase", "Optimization", "Planning", "Queueing", "ContactHistory",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "CapacityTests", dependencies: ["Capacity", "CCPlanBase"]),

        // MARK: Monitoring: the plan against what happened (ISO 18295-2, 6.8), the miss explained
        .target(
            name: "Monitoring",
            dependencies: ["CCPlanBase", "Planning", "Queueing", "ContactHistory", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring", "CCPlanBase"]),

        // MARK: Scheduling: interval requirements → shifts, breaks and weekly tours (MILP)
        .target(
            name: "Scheduling",
            dependencies: [
                "CCPlanBase", "Optimization", "Planning", "Queueing", "ContactHistory",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(name: "SchedulingTests", dependencies: ["Scheduling", "CCPlanBase", "Optimization"]),

        // MARK: Executable: thin ArgumentParser commands, one file per subcommand, no numerics.
        .executableTarget(
            name: "ccplan",
            dependencies: [
                "CCPlanBase", "LinearAlgebra", "Queueing", "ContactHistory", "Forecasting", "Planning", "Batch",
                "Capacity", "Optimization", "Monitoring", "Scheduling",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // End-to-end tests: they run the built `ccplan` binary (as swift-argument-parser's own tests do).
        .testTarget(name: "ccplanTests", dependencies: ["ccplan"]),
    ]
)
