// swift-tools-version: 6.1
// ccplan — workforce forecasting and planning for customer contact centres.
//
// Modules and the direction of their dependencies:
//   CCPlanBase (calendar, time zones, the CSV reader, number/duration/fraction text, CSV/JSON
//     writers, atomic files) is at the bottom: every module may use it.
//   ConfigFiles (strict YAML config files with file:line:column errors, on Yams) → used by
//     Planning (scenario files), Batch (batch configs) and the capacity/schedule/monitor files.
//   CLAPACK (system library: OpenBLAS + LAPACKE) → LinearAlgebra → Forecasting
//   CCbc (system library: COIN-OR CBC) → Optimization (LP/MILP; uses LinearAlgebra's BLAS threads)
//   Queueing (pure Swift)      ContactHistory (CSV ingest)
//   Reporting (HTML/SVG report toolkit: page, tables, charts; CCPlanBase only)
//   Planning (uses all of the above) → Batch (unattended runs) → ccplan (executable, thin commands)
//   Capacity (Optimization + Planning's plan files + the Reporting toolkit) → ccplan
//   Monitoring (a plan against actuals: Planning, Queueing, ContactHistory, Reporting) → ccplan
//   Scheduling (Optimization + Planning's plan files, Queueing, the Reporting toolkit) → ccplan
// Benchmarks live in the nested package Benchmarks/ so that `swift test` stays fast.
import PackageDescription

let package = Package(
    name: "ccplan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ccplan", targets: ["ccplan"]),
        .library(name: "CCPlanBase", targets: ["CCPlanBase"]),
        .library(name: "ConfigFiles", targets: ["ConfigFiles"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Forecasting", targets: ["Forecasting"]),
        .library(name: "Queueing", targets: ["Queueing"]),
        .library(name: "ContactHistory", targets: ["ContactHistory"]),
        .library(name: "Reporting", targets: ["Reporting"]),
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

        // MARK: Config files (YAML) with positions, for every module that reads one
        .target(name: "ConfigFiles", dependencies: ["CCPlanBase", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "ConfigFilesTests", dependencies: ["ConfigFiles", "CCPlanBase"]),

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
        .testTarget(name: "OptimizationTests", dependencies: ["Optimization", "CCPlanBase"]),

        // MARK: Queueing models (pure Swift)
        .target(name: "Queueing"),
        .testTarget(name: "QueueingTests", dependencies: ["Queueing", "CCPlanBase"]),

        // MARK: Contact history (CSV ingest, validation, time zones)
        .target(name: "ContactHistory", dependencies: ["CCPlanBase"]),
        .testTarget(
            name: "ContactHistoryTests", dependencies: ["ContactHistory", "CCPlanBase"], resources: [.copy("Fixtures")]),

        // MARK: Reports: the HTML/SVG toolkit every report is built with
        .target(name: "Reporting", dependencies: ["CCPlanBase"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "CCPlanBase"]),

        // MARK: Planning: forecast → staffing → FTE, scenarios, plan files and report
        .target(
            name: "Planning",
            dependencies: [
                "CCPlanBase", "ConfigFiles", "Queueing", "ContactHistory", "Forecasting", "Reporting",
            ]
        ),
        .testTarget(name: "PlanningTests", dependencies: ["Planning", "CCPlanBase", "Reporting"]),

        // MARK: Unattended runs: batch planning across cores and cluster shards
        .target(
            name: "Batch",
            dependencies: [
                "CCPlanBase", "ConfigFiles", "Planning", "ContactHistory",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "BatchTests", dependencies: ["Batch", "CCPlanBase"]),

        // MARK: Capacity: attrition, training and hiring classes → the optimal hiring plan (MILP)
        .target(
            name: "Capacity",
            dependencies: [
                "CCPlanBase", "Optimization", "Planning", "Queueing", "ContactHistory", "Reporting",
                "ConfigFiles",
            ]
        ),
        .testTarget(name: "CapacityTests", dependencies: ["Capacity", "CCPlanBase"]),

        // MARK: Monitoring: the plan against what happened (ISO 18295-2, 6.8), the miss explained
        .target(
            name: "Monitoring",
            dependencies: [
                "CCPlanBase", "ConfigFiles", "Planning", "Batch", "Queueing", "ContactHistory", "Reporting",
            ]
        ),
        .testTarget(name: "MonitoringTests", dependencies: ["Monitoring", "CCPlanBase"]),

        // MARK: Scheduling: interval requirements → shifts, breaks and weekly tours (MILP)
        .target(
            name: "Scheduling",
            dependencies: [
                "CCPlanBase", "Optimization", "Planning", "Queueing", "ContactHistory", "Reporting",
                "ConfigFiles",
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
