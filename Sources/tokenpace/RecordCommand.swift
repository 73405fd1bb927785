import ArgumentParser
import Foundation
import TokenPaceBackends
import TokenPaceCore

/// `tokenpace record`: the dashboard's panes written as traces, one per pane, without a screen.
/// It takes the dashboard's own options and defaults, so `record --rates 10,21,60` keeps the run that
/// `tokenpace --rates 10,21,60` shows. Simulated, trace and estimate panes are computed at once; live
/// panes are streamed headless (like `bench`) and saved as their server sent them.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Write the dashboard's panes as traces, one per pane, without a screen.",
        discussion:
            "Takes the dashboard's options and defaults (--rates, --pane, --ttft, --sample, --seed, …): simulated, trace and hw: panes are computed without waiting; live panes stream once, headless, and are saved with what the server reported."
    )

    @OptionGroup var dashboard: DashboardOptions

    @Option(name: .shortAndLong, help: "Folder to write the traces to.")
    var output: String

    func run() throws {
        let setup = try dashboard.resolve()
        var state = AppState(
            setups: setup.setups, sample: setup.sample, library: setup.library, seed: setup.seed,
            jitterIndex: setup.jitterIndex, now: 0)
        var received: [Int: CaptureReader.Capture] = [:]
        if !setup.live.isEmpty {
            let live = LiveRunner(specs: setup.live, prompt: setup.prompt)
            defer { live.shutdown() }
            FileHandle.standardError.write(Data("recording \(setup.live.count) live pane(s)…\n".utf8))
            live.runToEnd(&state) { pane in
                let how = pane.live.failure.map { "failed: \($0)" } ?? "\(pane.tokens.count) pieces"
                FileHandle.standardError.write(Data("pane \(pane.label): \(how)\n".utf8))
            }
            received = live.received()
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        let recordedAt = ISO8601DateFormatter().string(from: Date())
        let secrets = BackendSpec.secretValues(specs: Array(setup.live.values))
        let all = TraceSaver.traces(
            state: state, live: setup.live, received: received, origins: setup.origins, prompt: setup.prompt,
            recordedAt: recordedAt)
        for (pane, origin, trace) in all {
            guard let trace else {
                let why = pane.live.failure ?? "nothing recorded"
                FileHandle.standardError.write(Data("pane \(pane.label) not written: \(why)\n".utf8))
                continue
            }
            let name = "\(state.sample.id)-\(pane.label)-\(Self.describe(pane, origin: origin)).jsonl"
            let dest = (output as NSString).appendingPathComponent(name)
            try writeText(TraceFile.encode(trace, secrets: secrets), to: dest)
            let m = trace.metrics()
            print(
                "\(dest)  \(m.tokens) tok  TTFT \(TraceInfo.seconds(m.ttft ?? 0))  E2E \(TraceInfo.seconds(m.e2e ?? 0))"
            )
        }
    }

    /// The file name's last part: the rate of a simulated pane, else where its tokens came from.
    static func describe(_ pane: PaneState, origin: PaneOrigin?) -> String {
        switch (pane.source, origin) {
        case (.live(let name), _): return name.split(separator: " ").first.map(String.init) ?? "live"
        case (.replay(let name), _): return "trace-\(name)"
        case (.simulated, .estimate?): return "estimate"
        default:
            let rate = pane.profile.rate
            return "\(TraceInfo.fixed(rate, rate.rounded() == rate ? 0 : 1))tps"
        }
    }
}
