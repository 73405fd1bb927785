// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "tokenpace",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tokenpace", targets: ["tokenpace"])
    ],
    dependencies: [
        // Command line: subcommands, typed options and generated --help.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML for sample front matter, themes and scenarios; errors carry line numbers.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // ITL percentiles (p50/p90/p99) without keeping every gap sorted.
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // No pkgConfig: SwiftPM would drop its -D flags with a warning anyway; shim.h sets them.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(
            name: "TokenPaceCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        .target(
            name: "TokenPaceView",
            dependencies: ["TokenPaceCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "TokenPaceTerminal", dependencies: ["TokenPaceView", "CNcursesw"]),
        .executableTarget(
            name: "tokenpace",
            dependencies: [
                "TokenPaceCore", "TokenPaceView", "TokenPaceTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TokenPaceCoreTests", dependencies: ["TokenPaceCore"]),
        .testTarget(name: "TokenPaceViewTests", dependencies: ["TokenPaceView", "TokenPaceCore"], exclude: ["Snapshots"]),
        // Runs the built `tokenpace` binary under tmux; depends on nothing but the product being built.
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "TokenPaceTerminalTests", dependencies: ["TokenPaceTerminal", "TokenPaceView", "TokenPaceCore"]),
    ],
    swiftLanguageModes: [.v6]
)
