import Foundation
import TokenPaceBackends
import TokenPaceCore

/// `bench --task batch`: every pane works through the batch sample's queue (simulated and `hw:`
/// panes computed, live panes as real concurrent requests), and the report gives what a batch job is
/// judged by: time for the whole queue, items a minute, item latency, throughput and the bill.
public struct BatchBench: Sendable {
    public var state: AppState
    public var names: [String]
    public var live: [Int: BackendSpec]
    public var streamOptions: StreamOptions

    /// Runs the live panes' queues to their end (progress on stderr) and reports every pane.
    public func run(progress: @escaping (String) -> Void = BatchBench.stderr) -> BatchBenchReport {
        var state = self.state
        if !live.isEmpty {
            var printed: [Int: (done: Int, at: Date)] = [:]
            _ = LiveRunner.runToEnd(&state, specs: live, prompt: "", options: streamOptions) { pane in
                guard let f = pane.batchFigures(elapsed: .infinity) else { return }
                let finished = f.done + f.failed
                let last = printed[pane.id]
                // One line a second a pane at most, and always the last.
                guard finished != last?.done,
                    finished == f.items || Date().timeIntervalSince(last?.at ?? .distantPast) >= 1
                else { return }
                printed[pane.id] = (finished, Date())
                progress(
                    "pane \(pane.label): \(finished)/\(f.items) items" + (f.failed > 0 ? ", \(f.failed) failed" : ""))
            }
        }
        let panes = state.panes.enumerated().map { i, pane in
            BatchBenchReport.Pane(pane: pane, name: i < names.count ? names[i] : pane.label)
        }
        return BatchBenchReport(sample: state.sample.id, items: state.batchItemCount, panes: panes)
    }

    public static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

extension BenchConfig {
    /// Whether `--task batch` was asked for.
    public var isBatch: Bool { task?.lowercased() == "batch" }

    /// The batch bench: sim:, hw: and live panes, each with its slots and cost; the sample a batch one.
    public func resolveBatch(_ batch: BatchSettings) throws -> BatchBench {
        guard !panes.isEmpty else {
            throw ValueError("give at least one --pane (e.g. --pane sim:40 --pane hw:h100/llama-3.1-8b/f16)")
        }
        guard panes.count <= AppState.maxPanes else {
            throw ValueError("at most \(AppState.maxPanes) panes in a batch bench")
        }
        guard runs == 1 else { throw ValueError("--runs: a batch bench runs its queue once (--items sets its size)") }
        guard concurrency == nil, requestRate == nil, depth == nil, slo == nil else {
            throw ValueError("a batch bench sets its load with --slots and --items, not with the sweep options")
        }
        guard prompt == nil, promptFile == nil else {
            throw ValueError("a batch sends its sample's items: --prompt and --prompt-file do not apply")
        }
        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        let sample = try catalog.choose(sample: self.sample, task: .batch)
        guard sample.task == .batch else {
            throw ValueError(
                "--sample \(sample.id) is a \(sample.task.rawValue) sample; a batch bench needs a batch sample")
        }
        guard (0...100_000).contains(systemTokens) else {
            throw ValueError("--system-tokens must be 0 to 100000 tokens")
        }
        let streamOptions = try Timeouts.options(idle: idleTimeout, firstByte: firstByteTimeout)
        let base = Profile(rate: 21, firstToken: .defaultPrefill)
        var setups: [PaneSetup] = []
        var live: [Int: BackendSpec] = [:]
        var own: [Int: Int] = [:]
        var files = TokenizerFiles()
        let all = try tokenizer.map { path throws(ValueError) in try files.load(path, option: "--tokenizer") }
        for (i, text) in panes.enumerated() {
            let (spec, options) = try PaneSpec.parseWithOptions(text)
            if let slots = options.slots { own[i] = slots }
            guard options.present == nil else {
                throw ValueError("--pane \(text): bench measures streams; show a presentation on the dashboard")
            }
            var setup: PaneSetup
            switch spec {
            case .simulated(let rate, let firstToken):
                setup = PaneSetup(profile: Profile(label: text, rate: rate, firstToken: firstToken ?? .defaultPrefill))
            case .hardware(let query):
                let (profile, explanation, _, scaling) = try DashboardPanes.hardwareProfile(
                    query, text: text, base: base, sample: sample)
                setup = PaneSetup(profile: profile, explanation: explanation)
                setup.batchScaling = scaling
            case .live(var backend):
                backend.maxTokens = maxTokens
                backend.temperature = temperature
                live[i] = backend
                let name = [backend.kind.rawValue, backend.model].compactMap { $0 }.joined(separator: " ")
                setup = PaneSetup(profile: base, source: .live(name: name))
            case .trace, .mirror:
                throw ValueError(
                    "--pane \(text): a \(spec.kindName) pane plays one answer; a batch bench races sim:, hw: and live panes"
                )
            }
            setup.profile.systemTokens = systemTokens
            if !spec.isLive {
                setup.tokenizer =
                    try options.tokenizer.map { path throws(ValueError) in
                        try files.load(path, option: "--pane \(text)")
                    } ?? all
            }
            setup.cost = try PriceSheetFile.resolve(try PaneSpec.costSettings(text, base: cost), sheet: prices)
            setups.append(setup)
        }
        try batch.apply(to: &setups, own: own)
        let state = AppState(
            setups: setups, sample: sample, library: [sample], seed: seed, batchItems: batch.items, now: 0)
        return BatchBench(state: state, names: panes, live: live, streamOptions: streamOptions)
    }
}
