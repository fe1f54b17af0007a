// swift-tools-version: 6.1
// Accuracy benchmark of the Forecasting module on the real call-centre data in /work/shared/data
// (protocol in docs/forecasting.md). Not part of `swift test`: run
//   swift run -c release forecast-accuracy [--file PATH] [--column calls] [--closed DATES] ...
import PackageDescription

let package = Package(
    name: "forecast-accuracy",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "ccplan", path: "../..")],
    targets: [
        .executableTarget(
            name: "forecast-accuracy",
            dependencies: [
                .product(name: "Forecasting", package: "ccplan"), .product(name: "CCPlanBase", package: "ccplan"),
            ]
        )
    ]
)
