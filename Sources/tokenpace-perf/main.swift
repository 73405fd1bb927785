// Measurement-path benchmarks that print figures (not tests); see docs/bench.md.
//   swift run -c release tokenpace-perf                 decode-path throughput, every protocol
//   swift run -c release tokenpace-perf decode [--events N] [--runs N] [--protocol NAME] [--verbose]
//   swift run -c release tokenpace-perf ttft [--url URL | --spec SPEC] [--runs N] [--warmup N]
//                                            [--max-tokens N] [--prompt TEXT] [--limit-ms MS]
//   swift run -c release tokenpace-perf frames [--runs N] [--sample PATH] [--seconds S]   (reads Samples/)
//   swift run -c release tokenpace-perf feed [--runs N] [--sizes 1000,16000]   (reads Samples/)
// Decode: bytes → SSE/NDJSON framing → the protocol's decoder → BackendEvents, fed as 4 KiB
// ByteBuffers, exactly as LiveStream feeds a live pane's decoder.
// TTFT: tokenpace's live path against a raw-socket client on the same server, paired.
// Frames: CPU time to render one dashboard frame (9 panes × 200 tok/s, reasoning sample, 120×40, a
// frame every 1/120 s as the run loop could draw them), without a terminal.
// Feed: per-token cost of a live pane's reduce(.feed …) once its answer holds N tokens (flat when
// the feed is O(1) a token), and of a frame of that pane.
import Foundation
import TokenPaceBackends

let arguments = Array(CommandLine.arguments.dropFirst())
let wantsHelp = arguments.contains { ["-h", "--help", "help"].contains($0) }
let mode = wantsHelp ? "help" : arguments.first.map { $0.hasPrefix("-") ? "decode" : $0 } ?? "decode"
let args = arguments.first == mode ? Array(arguments.dropFirst()) : arguments

func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}

switch mode {
case "decode":
    let events = option("--events").flatMap(Int.init) ?? 200_000
    let runs = option("--runs").flatMap(Int.init) ?? 5
    let verbose = args.contains("--verbose")
    let only = option("--protocol")
    print("decode path: \(events) token events per run, median of \(runs) runs, 4 KiB pieces")
    for bench in DecodeBench.all where only.map({ bench.name.hasPrefix($0) }) ?? true {
        let rate = bench.measure(events: events, runs: runs, verbose: verbose)
        let mark =
            bench.name == "openai" ? (rate >= 200_000 ? "  (target ≥ 200000: PASS)" : "  (target ≥ 200000: FAIL)") : ""
        print("\(bench.name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(Int(rate)) events/s\(mark)")
    }
case "ttft":
    do {
        var spec = try BackendSpec.parse(
            option("--spec") ?? "openai:" + (option("--url") ?? "http://127.0.0.1:18080/v1"))
        spec.maxTokens = option("--max-tokens").flatMap(Int.init) ?? 4
        spec.temperature = 0
        let bench = TTFTBench(
            spec: spec, prompt: option("--prompt") ?? "Say hello in five words.",
            runs: option("--runs").flatMap(Int.init) ?? 30, warmup: option("--warmup").flatMap(Int.init) ?? 3,
            limitMs: option("--limit-ms").flatMap(Double.init) ?? 2)
        try await bench.run()
    } catch {
        print("ttft: \(error)")
        exit(1)
    }
case "tokenize": runTokenizeBench(option: option)
case "frames":
    do {
        try runFrames(
            runs: option("--runs").flatMap(Int.init) ?? 5, samplePath: option("--sample"),
            until: option("--seconds").flatMap(Double.init) ?? 8)
    } catch {
        print("frames: \(error)")
        exit(1)
    }
case "feed":
    do {
        let sizes = (option("--sizes") ?? "1000,16000").split(separator: ",").compactMap { Int($0) }
        try runFeed(runs: option("--runs").flatMap(Int.init) ?? 5, sizes: sizes.isEmpty ? [1000, 16000] : sizes)
    } catch {
        print("feed: \(error)")
        exit(1)
    }
default:
    print(
        """
        usage: tokenpace-perf [decode [--events N] [--runs N] [--protocol NAME] [--verbose]]
               tokenpace-perf ttft [--url URL | --spec SPEC] [--runs N] [--warmup N] [--max-tokens N]
                                   [--prompt TEXT] [--limit-ms MS]
               tokenpace-perf frames [--runs N] [--sample PATH] [--seconds S]
               tokenpace-perf feed [--runs N] [--sizes 1000,16000]

        decode  events/s of the live decode path (SSE/NDJSON framing + the protocol's decoder), every
                protocol, fed in 4 KiB pieces as a live pane's stream is; target ≥ 200,000 events/s
        ttft    tokenpace's TTFT (the live path tokenpace bench uses) against a raw-socket client's, in
                pairs on the same server (default openai:http://127.0.0.1:18080/v1, the llama.cpp server
                of scripts/llama-server.sh); prints medians and PASS/FAIL at --limit-ms (default 2)
        frames  CPU time to render one dashboard frame, 9 panes × 200 tok/s at 120×40, no terminal,
                the first S seconds (default 8) of a reasoning sample or the sample file PATH (run from
                the package folder: it reads Samples/); TP_FPS sets the frame rate (default 120)
        feed    per-token CPU time of a live pane's feed (reduce(.feed …), as the dashboard applies a
                live stream's reports) once its answer holds N tokens, for every task, and of one
                frame of that pane; the sizes should cost about the same (run from the package folder)
        """)
    if !wantsHelp { exit(2) }
}
