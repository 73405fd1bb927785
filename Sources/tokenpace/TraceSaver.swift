import Foundation
import TokenPaceBackends
import TokenPaceCore

/// Writes every pane of the dashboard as a trace file (`w`): simulated panes as scheduled, live panes
/// as received (URL without credentials, never a key or auth header).
enum TraceSaver {
    static func save(state: AppState, live: [Int: BackendSpec], prompt: String, now: Double, directory: String = "traces") throws
        -> [String]
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        var written: [String] = []
        for (i, pane) in state.panes.enumerated() {
            let trace: Trace
            if pane.source.isLive {
                let events = zip(zip(pane.tokens, pane.schedule.times), pane.live.counts).map { pair, count in
                    TokenEvent(text: pair.0.text, kind: pair.0.kind, t: pair.1, count: count)
                }
                let spec = live[i]
                var server: [(String, TraceJSON?)] = []
                if let s = pane.live.server {
                    server = [
                        ("prompt_n", s.promptTokens.map { .number(Double($0)) }), ("prompt_ms", s.promptMs.map(TraceJSON.number)),
                        ("predicted_n", s.predictedTokens.map { .number(Double($0)) }),
                        ("predicted_ms", s.predictedMs.map(TraceJSON.number)),
                    ]
                }
                let header = TraceHeader(
                    backend: spec?.kind.rawValue ?? "live", url: spec.map { TraceRedaction.url($0.baseURL) },
                    model: spec?.model, prompt: prompt, promptTokens: pane.live.promptTokens, task: state.task,
                    server: .fields(server),
                    usage: pane.live.usageTokens.map { .fields([("completion_tokens", .number(Double($0)))]) },
                    version: TokenpaceVersion.string, recordedAt: stamp)
                let end: TraceEnd? =
                    pane.live.failure.map { .failed(TraceFailure(t: pane.live.endedAt, status: nil, type: nil, message: $0)) }
                    ?? (pane.live.ended ? .finished(t: pane.schedule.times.last ?? 0, reason: nil) : nil)
                trace = Trace.fromEvents(events, header: header, end: end)
            } else {
                trace = Trace.simulated(
                    pane: pane, task: state.task, prompt: state.sample.prompt, sampleID: state.sample.id,
                    version: TokenpaceVersion.string, recordedAt: stamp)
            }
            let path = "\(directory)/\(stamp)-\(pane.label).jsonl"
            try TraceFile.encode(trace).write(toFile: path, atomically: true, encoding: .utf8)
            written.append(path)
        }
        return written
    }
}
