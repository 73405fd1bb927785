import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// `record`: the dashboard's panes written as traces, one per pane, without a screen. Simulated,
/// trace and estimate panes are computed at once; live panes stream once, headless.
public enum Recorder {
    /// One line per pane: the file written and its figures (with why its stream failed, if it did),
    /// or why nothing was written.
    public enum Line: Equatable {
        case written(path: String, summary: String, failure: String?)
        case skipped(pane: String, reason: String)

        public var failed: Bool {
            switch self {
            case .written(_, _, let failure): return failure != nil
            case .skipped: return true
            }
        }
    }

    /// Streams the live panes (reporting each one's end on `progress`), then writes every pane.
    public static func record(
        _ setup: DashboardSetup, to output: String, progress: (String) -> Void = { _ in }
    ) throws -> [Line] {
        guard setup.sample.task != .batch else {
            throw ValueError(
                "a trace holds one request's stream; a batch is many: measure it with `tokenpace bench --task batch`")
        }
        var state = AppState(
            setups: setup.setups, sample: setup.sample, library: setup.library, seed: setup.seed,
            jitterIndex: setup.jitterIndex, now: 0)
        var received: [Int: CaptureReader.Capture] = [:]
        var stages: [Int: CaptureReader.Capture] = [:]
        if !setup.live.isEmpty {
            progress("recording \(setup.live.count) live pane(s)…")
            (received, stages) = LiveRunner.runToEnd(
                &state, specs: setup.live, prompt: setup.prompt, options: setup.streamOptions
            ) { pane in
                progress(
                    "pane \(pane.label): "
                        + (pane.live.failure.map { "failed: \($0)" } ?? "\(pane.tokens.count) pieces"))
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw ValueError("\(output): cannot create the folder (\(error.localizedDescription))")
        }
        let recordedAt = ISO8601DateFormatter().string(from: Date())
        let secrets = BackendSpec.secretValues(specs: Array(setup.live.values))
        let all = TraceSaver.traces(
            state: state, live: setup.live, received: received, stages: stages, origins: setup.origins,
            prompt: setup.prompt, recordedAt: recordedAt)
        var lines: [Line] = []
        for (pane, origin, trace) in all {
            guard let trace else {
                lines.append(.skipped(pane: pane.label, reason: pane.live.failure ?? "nothing recorded"))
                continue
            }
            let name = "\(state.sample.id)-\(pane.label)-\(describe(pane, origin: origin)).jsonl"
            let dest = (output as NSString).appendingPathComponent(name)
            try TextFile.write(TraceFile.encode(trace, secrets: secrets), to: dest)
            let m = trace.metrics()
            // A figure the stream does not have (no token, no end) is a dash, never a zero.
            let ttft = Format.duration(m.ttft, .precise)
            let e2e = Format.duration(m.tokens > 0 ? m.e2e : nil, .precise)
            lines.append(
                .written(
                    path: dest,
                    summary:
                        "\(m.tokens) tok  TTFT \(ttft)  E2E \(e2e)  \(Format.tokensPerSecond(m.decodeRate))  \(Format.rate(m.charactersPerSecond)) characters/s",
                    failure: pane.live.failure))
        }
        return lines
    }

    /// The file name's last part: the rate of a simulated pane, else where its tokens came from.
    static func describe(_ pane: PaneState, origin: PaneOrigin?) -> String {
        switch (pane.source, origin) {
        case (.live(let name), _): return name.split(separator: " ").first.map(String.init) ?? "live"
        case (.replay(let name), _): return "trace-\(name)"
        case (.simulated, .estimate?): return "estimate"
        default:
            let rate = pane.profile.rate
            return "\(Format.fixed(rate, rate.rounded() == rate ? 0 : 1))tps"
        }
    }
}
