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
        // `tokenpace serve`: an OpenAI/Ollama-compatible HTTP server that streams at a chosen pace.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Live backends: streaming HTTP bodies with timeouts and cancellation.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The loopback test server replays captured streams over real sockets (comes with AHC).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
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
        .target(
            name: "TokenPaceServe",
            dependencies: [
                "TokenPaceCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .target(name: "TokenPaceTerminal", dependencies: ["TokenPaceView", "CNcursesw"]),
        .target(
            name: "TokenPaceBackends",
            dependencies: [
                "TokenPaceCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "tokenpace",
            dependencies: [
                "TokenPaceCore", "TokenPaceView", "TokenPaceTerminal", "TokenPaceServe", "TokenPaceBackends",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Benchmarks of the measuring path that print figures: `swift run -c release tokenpace-perf`.
        .executableTarget(
            name: "tokenpace-perf",
            dependencies: [
                "TokenPaceBackends", "TokenPaceCore", "TokenPaceView",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .testTarget(
            name: "TokenPaceCoreTests",
            dependencies: ["TokenPaceCore", .product(name: "Histogram", package: "hdrhistogram-swift")],
            // Raw llama-server captures read by the trace tests through #filePath.
            exclude: ["Fixtures/captures"]),
        .testTarget(name: "TokenPaceViewTests", dependencies: ["TokenPaceView", "TokenPaceCore"], exclude: ["Snapshots"]),
        .testTarget(name: "TokenPaceServeTests", dependencies: ["TokenPaceServe", "TokenPaceCore"]),
        // Runs the built `tokenpace` binary under tmux; depends on nothing but the product being built.
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(name: "TokenPaceTerminalTests", dependencies: ["TokenPaceTerminal", "TokenPaceView", "TokenPaceCore"]),
        .testTarget(
            name: "TokenPaceBackendsTests",
            dependencies: [
                "TokenPaceBackends", "TokenPaceCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
