// Benchmarks that print figures (not tests):
//   swift run -c release tokenpace-perf [decode|frames]   (both when no argument is given)
// 1. decode: SSE + OpenAI chunk decoding throughput (events per second), fed in 4 KiB socket-sized pieces.
// 2. frames: CPU time to render one dashboard frame (9 panes × 200 tok/s, reasoning sample, 120×40,
//    a frame every 1/120 s as the run loop would draw them), without a terminal.
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

func decodeThroughput(events: Int) -> (seconds: Double, tokens: Int) {
    var stream = ""
    stream.reserveCapacity(events * 140)
    for i in 0..<events {
        stream += "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" w\(i % 97)\"},\"finish_reason\":null}]}\n\n"
    }
    stream += "data: [DONE]\n\n"
    let bytes = Array(stream.utf8)
    let clock = ContinuousClock()
    var decoder = OpenAIChatDecoder()
    var tokens = 0
    let start = clock.now
    var i = 0
    while i < bytes.count {
        let end = min(bytes.count, i + 4096)
        for e in decoder.feed(bytes[i..<end], at: 0) { if case .token = e { tokens += 1 } }
        i = end
    }
    let d = clock.now - start
    return (Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, tokens)
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

func runDecode() {
    var rates: [Double] = []
    for run in 1...5 {
        let r = decodeThroughput(events: 200_000)
        precondition(r.tokens == 200_000, "decoded \(r.tokens) tokens")
        rates.append(Double(r.tokens) / r.seconds)
        print("run \(run): 200000 events in \(String(format: "%.3f", r.seconds)) s = \(Int(rates.last!)) events/s")
    }
    rates.sort()
    print("SSE + OpenAI decode: median \(Int(rates[2])) events/s (target ≥ 200000)")
}

/// Renders the 9 × 200 tok/s reasoning race frame by frame from 0 to `until` seconds, as the run
/// loop would at 120 frames a second; returns the seconds spent per frame.
func frameCost(until: Double) throws -> (perFrame: Double, frames: Int) {
    let library = try SampleLibrary(directory: "Samples")
    guard let sample = library.samples(for: .reasoning).first else { fatalError("no reasoning sample in ./Samples") }
    let profiles = Array(repeating: Profile(rate: 200, firstToken: .fixed(0.3)), count: 9)
    let state = AppState(profiles: profiles, sample: sample, library: library.samples, seed: 1, now: 0)
    let cache = PaneTextCache()
    let size = Size(width: 120, height: 40)
    var previous = Buffer(size)
    var changed = 0
    var cellsChanged = 0
    let clock = ContinuousClock()
    let start = clock.now
    var frames = 0
    let fps = Double(ProcessInfo.processInfo.environment["TP_FPS"] ?? "") ?? 120
    for now in stride(from: 0.0, through: until, by: 1.0 / fps) {
        let buffer = Dashboard.render(state, size: size, now: now, cache: cache)
        // What a terminal would compare before drawing.
        if buffer != previous { changed += 1 }
        if ProcessInfo.processInfo.environment["TP_COUNT_CELLS"] != nil {
            cellsChanged += zip(buffer.cells, previous.cells).filter { $0 != $1 }.count
        }
        previous = buffer
        frames += 1
    }
    precondition(changed > frames / 2)
    if cellsChanged > 0 { print("cells changed a frame: \(cellsChanged / frames)") }
    return (seconds(clock.now - start) / Double(frames), frames)
}

let which = CommandLine.arguments.dropFirst().first
if which == nil || which == "decode" { runDecode() }
if which == nil || which == "frames" {
    var costs: [Double] = []
    for run in 1...5 {
        let r = try frameCost(until: 8)
        costs.append(r.perFrame)
        print("run \(run): \(r.frames) frames, \(String(format: "%.1f", r.perFrame * 1e6)) µs a frame")
    }
    costs.sort()
    print("Dashboard frame, 9 panes × 200 tok/s at 120×40: median \(String(format: "%.1f", costs[2] * 1e6)) µs")
}
