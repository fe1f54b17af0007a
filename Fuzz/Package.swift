// swift-tools-version: 6.1
// Fuzz targets of ccplan (libFuzzer), kept out of the root package so that `swift test` never
// builds them. Build and run them from the repository root with `make fuzz` (see README.md here).
import PackageDescription

let package = Package(
    name: "ccplan-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        // The name is required: CI clones the repository into a folder of another name.
        .package(name: "ccplan", path: "..")
    ],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzHistoryReader",
            dependencies: [
                "FuzzDriver", .product(name: "ContactHistory", package: "ccplan"),
                .product(name: "CCPlanBase", package: "ccplan"),
            ]
        ),
        .executableTarget(
            name: "FuzzYAMLLoaders",
            dependencies: [
                "FuzzDriver", .product(name: "Planning", package: "ccplan"), .product(name: "Batch", package: "ccplan"),
            ]
        ),
    ]
)
