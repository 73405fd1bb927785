// Measurement-path benchmarks that print figures (not tests):
//   swift run -c release tokenpace-perf
// 1. SSE + OpenAI chunk decoding throughput (events per second), fed in 4 KiB socket-sized pieces.
import Foundation
import TokenPaceBackends
import TokenPaceCore

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

var rates: [Double] = []
for run in 1...5 {
    let r = decodeThroughput(events: 200_000)
    precondition(r.tokens == 200_000, "decoded \(r.tokens) tokens")
    rates.append(Double(r.tokens) / r.seconds)
    print("run \(run): 200000 events in \(String(format: "%.3f", r.seconds)) s = \(Int(rates.last!)) events/s")
}
rates.sort()
print("SSE + OpenAI decode: median \(Int(rates[2])) events/s (target ≥ 200000)")
