// Measurement-path benchmarks that print figures (not tests):
//   swift run -c release tokenpace-perf                 decode-path throughput, every protocol
//   swift run -c release tokenpace-perf decode [--events N] [--runs N] [--verbose]
// Decode: bytes → SSE/NDJSON framing → the protocol's decoder → BackendEvents, fed in 4 KiB
// socket-sized pieces, exactly as LiveStream feeds a live pane's decoder.

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first.map { $0.hasPrefix("-") ? "decode" : $0 } ?? "decode"
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
        let mark = bench.name == "openai" ? (rate >= 200_000 ? "  (target ≥ 200000: PASS)" : "  (target ≥ 200000: FAIL)") : ""
        print("\(bench.name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(Int(rate)) events/s\(mark)")
    }
default:
    print("usage: tokenpace-perf [decode [--events N] [--runs N] [--protocol NAME] [--verbose]]")
}
