// swift-tools-version: 6.1
import PackageDescription

// Linux only: the terminal layer needs ncursesw and Glibc (ppoll, pipe2), so no Apple platform is
// declared; SwiftPM has no `platforms` entry for Linux.
let package = Package(
    name: "tokenpace",
    products: [
        .executable(name: "tokenpace", targets: ["tokenpace"]),
        // The wire formats alone (no NIO): framing, JSON reading and the four streaming decoders.
        .library(name: "TokenPaceWire", targets: ["TokenPaceWire"]),
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
        // The wire formats, without NIO: SSE and NDJSON framing and the four protocol decoders, used
        // by live panes and by trace conversion alike (a saved pane replays as it was shown).
        .target(name: "TokenPaceWire", dependencies: ["TokenPaceCore"]),
        // HTTP for live panes: requests, streaming into the Wire decoders, timeouts, captures.
        .target(
            name: "TokenPaceBackends",
            dependencies: [
                "TokenPaceCore", "TokenPaceWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The runtime: one run loop over a Screen for the dashboard and perceive, setup (options ->
        // panes through one pane-spec grammar), the live runner, trace saving and recording.
        .target(
            name: "TokenPaceApp",
            dependencies: [
                "TokenPaceCore", "TokenPaceView", "TokenPaceTerminal", "TokenPaceWire", "TokenPaceBackends",
                "TokenPaceServe",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Commands only: parse the command line, call TokenPaceApp.
        .executableTarget(
            name: "tokenpace",
            dependencies: [
                "TokenPaceApp", "TokenPaceCore", "TokenPaceView", "TokenPaceServe", "TokenPaceWire",
                "TokenPaceBackends",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks of the measuring path that print figures: `swift run -c release tokenpace-perf`.
        .executableTarget(
            name: "tokenpace-perf",
            dependencies: [
                "TokenPaceBackends", "TokenPaceWire", "TokenPaceCore", "TokenPaceView",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        // Tokenizer oracles (`Fixtures`), read by the tests through #filePath.
        .testTarget(
            name: "TokenPaceCoreTests",
            dependencies: ["TokenPaceCore", .product(name: "Histogram", package: "hdrhistogram-swift")],
            exclude: ["Fixtures"]),
        // Raw llama-server captures (`Fixtures`), read through #filePath here and by the backends
        // tests, which replay them over sockets.
        .testTarget(
            name: "TokenPaceWireTests", dependencies: ["TokenPaceWire", "TokenPaceCore", "TokenPaceTestSupport"],
            exclude: ["Fixtures"]),
        // What the wire and backends tests share: a decoded stream folded as a pane shows it, and what
        // a recorded capture must give.
        .target(name: "TokenPaceTestSupport", dependencies: ["TokenPaceWire", "TokenPaceCore"]),
        .testTarget(
            name: "TokenPaceViewTests", dependencies: ["TokenPaceView", "TokenPaceCore"], exclude: ["Snapshots"]),
        .testTarget(
            name: "TokenPaceAppTests",
            dependencies: [
                "TokenPaceApp", "TokenPaceCore", "TokenPaceView", "TokenPaceWire", "TokenPaceBackends",
                "TokenPaceServe",
            ]),
        .testTarget(name: "TokenPaceServeTests", dependencies: ["TokenPaceServe", "TokenPaceCore"]),
        // Runs the built `tokenpace` binary under tmux; depends on nothing but the product being built.
        .testTarget(name: "EndToEndTests", dependencies: []),
        .testTarget(
            name: "TokenPaceTerminalTests", dependencies: ["TokenPaceTerminal", "TokenPaceView", "TokenPaceCore"]),
        .testTarget(
            name: "TokenPaceBackendsTests",
            dependencies: [
                "TokenPaceBackends", "TokenPaceWire", "TokenPaceCore", "TokenPaceTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
