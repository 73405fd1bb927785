import AsyncHTTPClient
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

/// A bench with every input checked and every file read, ready to run.
public struct BenchSetup: Sendable {
    public enum Pane: Sendable {
        case computed(name: String, source: String, stream: BenchStream)
        case live(name: String, stream: LiveStream)
    }

    public var panes: [Pane]
    public var runs: Int
    public var concurrency: Int
    public var task: TaskKind
    public var stallThreshold: Double
    public var chartSize: Size
    /// Load and depth levels; `nil` for one plain bench.
    public var sweep: BenchSweep? = nil
    /// Per pane: prompt tokens, success rate and cost model for `prompt_tokens`, `usable_s`, `cost_usd`.
    public var billing: [BenchBilling] = []

    /// Runs every pane `runs` times (at every level of a sweep); progress goes to stderr.
    public func run() async -> BenchReport {
        if let sweep { return await runSweep(sweep, log: BenchProgressLine.write) }
        var results: [[[BenchStream]]] = panes.map { _ in [] }
        let liveIndices = panes.indices.filter { if case .live = panes[$0] { true } else { false } }
        let client: HTTPClient? = liveIndices.isEmpty ? nil : HTTPClient.makeForLiveBackends()
        for r in 1...runs {
            for (i, pane) in panes.enumerated() {
                if case .computed(_, _, let stream) = pane {
                    results[i].append([stream])
                    Self.progress(run: r, of: runs, pane: i, stream)
                }
            }
            guard let client else { continue }
            let live = BenchLive(
                streams: liveIndices.map { i in
                    guard case .live(_, let stream) = panes[i] else { fatalError("not a live pane") }
                    return stream
                }, concurrency: concurrency, task: task, stallThreshold: stallThreshold)
            let runs = self.runs
            let streams = await live.run(client: client) { p, stream in
                Self.progress(run: r, of: runs, pane: liveIndices[p], stream)
            }
            for (p, i) in liveIndices.enumerated() { results[i].append(streams[p]) }
        }
        for i in results.indices where i < billing.count {
            results[i] = results[i].map { run in run.map(billing[i].apply) }
        }
        try? await client?.shutdown()
        let paneResults = panes.enumerated().map { i, pane in
            switch pane {
            case .computed(let name, let source, _):
                BenchPaneResult(label: String(RaceChart.letter(i)), name: name, source: source, runs: results[i])
            case .live(let name, _):
                BenchPaneResult(label: String(RaceChart.letter(i)), name: name, source: "live", runs: results[i])
            }
        }.enumerated().map { i, pane in
            var p = pane
            p.costModel = i < billing.count ? billing[i].cost?.summary : nil
            return p
        }
        var report = BenchReport(
            panes: paneResults, runs: runs, concurrency: concurrency, task: task, stallThreshold: stallThreshold)
        report.interrupted = Task.isCancelled
        return report
    }

    /// `run 2/5 · pane B: 312 tokens, E2E 4.21 s` on stderr, one line per finished stream.
    static func progress(run: Int, of runs: Int, pane: Int, _ stream: BenchStream) {
        var line = "run \(run)/\(runs) · pane \(RaceChart.letter(pane)): \(stream.tokens) tokens"
        if let failure = stream.failure {
            line += ", failed: \(failure)"
        } else if let e2e = stream.metrics.e2e {
            line += ", E2E \(Format.duration(e2e, .precise))"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The race chart of each pane's median-E2E stream.
    public func chart(_ report: BenchReport, ascii: Bool) -> String {
        let series: [RaceChart.Series] = report.panes.map { pane in
            let stream = pane.representative
            return (label: pane.name, times: stream?.tokenTimes ?? [], finished: stream?.succeeded ?? false)
        }
        let buffer = RaceChart.render(series: series, size: chartSize, ascii: ascii)
        return buffer.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }
}

/// `bench`'s settings as typed; `resolve()` checks every value and reads every file, and its
/// errors name the option or the pane spec.
public struct BenchConfig: Sendable {
    public var panes: [String] = []
    public var prompt: String?
    public var promptFile: String?
    public var sample: String?
    public var maxTokens = 256
    public var temperature: Double?
    public var task: String?
    public var runs = 1
    /// One number, or a list (`1,4,16`) for a load sweep.
    public var concurrency: String?
    /// Sweep options: see `BenchConfig+Sweep`.
    public var requestRate: String?
    public var requests = 16
    public var depth: String?
    public var cache = "on"
    public var slo: String?
    public var chartSize = "80x20"
    public var stall = "250ms"
    public var firstByteTimeout = "300s"
    public var idleTimeout = "60s"
    public var seed: UInt64 = 1
    public var samplesDir: String?
    public var catalog: String?
    /// `--system-tokens`: hidden instructions before every request.
    public var systemTokens = 0
    /// A model tokenizer file for every simulated and hardware pane (`--tokenizer`).
    public var tokenizer: String?
    /// --price / --gpu-cost / --power / --kwh for every pane (a pane's `#…` wins), and --prices.
    public var cost = CostSettings()
    public var prices: String?
    /// First-try success rate: one value, or one per pane (60%,90%).
    public var success = "100%"

    public init() {}

    public func resolve() throws -> BenchSetup {
        guard !panes.isEmpty else {
            throw ValueError("give at least one --pane (e.g. --pane sim:21 --pane openai:http://127.0.0.1:8080/v1)")
        }
        guard panes.count <= 26 else { throw ValueError("at most 26 panes") }
        guard (1...1000).contains(runs) else { throw ValueError("--runs must be 1 to 1000") }
        let concurrencies = try SweepInput.concurrency(concurrency ?? "1")
        let concurrency = concurrencies.count == 1 ? concurrencies[0] : 1
        guard maxTokens >= 1 else { throw ValueError("--max-tokens must be at least 1") }
        guard prompt == nil || promptFile == nil else { throw ValueError("give --prompt or --prompt-file, not both") }
        let stallThreshold = try ValueParsing.duration(stall)
        guard stallThreshold > 0 else { throw ValueError("--stall must be above 0") }
        let streamOptions = try Timeouts.options(idle: idleTimeout, firstByte: firstByteTimeout)
        guard (0...100_000).contains(systemTokens) else {
            throw ValueError("--system-tokens must be 0 to 100000 tokens")
        }
        let system = HiddenInstructions.text(tokens: systemTokens).map { [ChatMessage.system($0)] } ?? []
        let size = try Self.size(chartSize)
        let taskKind = try task.map(TaskKind.parse)
        let parsed = try panes.map { try PaneSpec.parseWithOptions($0) }
        let specs = parsed.map(\.spec)
        for (text, p) in zip(panes, parsed) where (p.options.present ?? .stream) != .stream {
            throw ValueError("--pane \(text): bench measures streams; show a presentation on the dashboard")
        }
        if let mirror = zip(panes, specs).first(where: { if case .mirror = $0.1 { true } else { false } }) {
            throw ValueError(
                "--pane \(mirror.0): mirror panes replay a live pane on the dashboard; bench races sources")
        }
        let needsSample =
            sample != nil || specs.contains { !$0.isLive && !Self.isTrace($0) } || (prompt == nil && promptFile == nil)
        // Trace panes with no sample or prompt asked for: the first trace with a question and an answer
        // sets both, and simulated panes stream its own pieces (same count) to compare like for like.
        var fromTrace: Sample?
        if sample == nil, taskKind == nil, prompt == nil, promptFile == nil {
            for case .trace(let path, _) in specs {
                let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
                if let question = (try? TraceCatalog.read(path))?.question(id: name) {
                    fromTrace = question
                    break
                }
            }
        }
        let chosen =
            try fromTrace
            ?? (needsSample ? SampleCatalog.load(samplesDir: samplesDir).choose(sample: sample, task: taskKind) : nil)
        if let chosen, chosen.task == .batch {
            throw ValueError("sample \(chosen.id) is a batch queue: bench it with --task batch")
        }
        let task = taskKind ?? chosen?.task ?? .chat
        let promptText = try prompt ?? promptFile.map(TextFile.read) ?? chosen?.prompt ?? ""
        guard !promptText.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValueError("the prompt is empty")
        }
        // A trace's answer is played whole, as its own pane plays it; --max-tokens caps live requests.
        // Simulated and hardware panes cut the answer (and count the prompt) with their model's
        // tokenizer when one is given: the pane's own, else --tokenizer.
        var files = TokenizerFiles()
        func cut(_ tokenizer: PaneTokenizer?) -> (answer: [Token], promptTokens: Int) {
            let answer = BenchComputed.answer(
                chosen?.tokens(using: tokenizer) ?? [], maxTokens: fromTrace == nil ? maxTokens : nil)
            let promptTokens =
                fromTrace?.promptTokenCount ?? tokenizer?.counter.count(promptText) ?? Tokenizer.count(promptText)
            return (answer, promptTokens)
        }
        let all = try tokenizer.map { path throws(ValueError) in try files.load(path, option: "--tokenizer") }
        let (answer, promptTokens) = cut(all)

        let successes = try Self.successes(success, panes: panes.count)
        var billing: [BenchBilling] = []
        for (i, text) in panes.enumerated() {
            let settings = try PaneSpec.costSettings(text, base: cost)
            let model: PaneCost?
            do {
                model = try PriceSheetFile.resolve(settings, sheet: prices)
            } catch {
                throw PaneSpec.costPart(text).cost == nil ? error : ValueError("--pane \(text): \(error.description)")
            }
            // Agent steps re-send the context: every prompt token of a try counts (the cache's share at its price).
            let tally =
                specs[i].isLive || Self.isTrace(specs[i])
                ? TaskTokens(input: promptTokens, generated: 0)
                : TaskTokens.tally(tokens: answer, promptTokens: promptTokens, promptCache: true)
            billing.append(BenchBilling(cost: model, success: successes[i], input: tally.input, cached: tally.cached))
        }

        var hardware: HardwareCatalog?
        var out: [BenchSetup.Pane] = []
        for (text, (spec, options)) in zip(panes, parsed) {
            var (answer, promptTokens) = (answer, promptTokens)
            if let own = options.tokenizer {
                (answer, promptTokens) = cut(try files.load(own, option: "--pane \(text)"))
            }
            switch spec {
            case .simulated(let rate, let firstToken), .mirror(let rate, let firstToken):
                var profile = Profile(label: text, rate: rate, firstToken: firstToken ?? .defaultPrefill)
                profile.systemTokens = systemTokens
                let stream = BenchComputed.simulated(
                    profile: profile, tokens: answer, promptTokens: promptTokens, seed: seed, task: task,
                    stallThreshold: stallThreshold)
                out.append(.computed(name: text, source: spec.kindName, stream: stream))
            case .trace(let path, let mode):
                let trace = try TraceCatalog.read(path)
                let stream = BenchComputed.trace(trace, mode: mode, task: task, stallThreshold: stallThreshold)
                out.append(.computed(name: text, source: spec.kindName, stream: stream))
            case .hardware(var query):
                if hardware == nil { hardware = try HardwareCatalogFile.load(catalog) }
                query.promptTokens = promptTokens
                let estimate: Estimate
                do {
                    estimate = try hardware!.estimate(query)
                } catch {
                    throw ValueError("--pane \(text): \(error.description)")
                }
                var profile = estimate.profile(label: text)
                profile.systemTokens = systemTokens
                let stream = BenchComputed.simulated(
                    profile: profile, tokens: answer, promptTokens: promptTokens, seed: seed,
                    task: task, stallThreshold: stallThreshold)
                out.append(.computed(name: text, source: spec.kindName, stream: stream))
            case .live(var backend):
                backend.maxTokens = maxTokens
                backend.temperature = temperature
                out.append(
                    .live(
                        name: text,
                        stream: LiveStream(
                            spec: backend, messages: system + [.user(promptText)], options: streamOptions)))
            }
        }
        return BenchSetup(
            panes: out, runs: runs, concurrency: concurrency, task: task, stallThreshold: stallThreshold,
            chartSize: size,
            sweep: try sweepPlan(
                concurrencies: concurrencies, prompt: promptText, live: specs.contains(where: \.isLive)),
            billing: billing)
    }

    /// `--success 60%,90%`: one rate for every pane or one per pane, each in (0, 100%].
    static func successes(_ text: String, panes: Int) throws(ValueError) -> [Double] {
        var out: [Double] = []
        for part in text.split(separator: ",") {
            let f = try ValueParsing.fraction(String(part), name: "--success", max: 1)
            guard f > 0 else { throw ValueError("--success \(part) is too small: a success rate must be above 0%") }
            out.append(f)
        }
        guard out.count == 1 || out.count == panes else {
            throw ValueError("--success has \(out.count) values for \(panes) panes: give one, or one per pane")
        }
        return out.count == 1 ? Array(repeating: out[0], count: panes) : out
    }

    private static func isTrace(_ spec: PaneSpec) -> Bool {
        if case .trace = spec { return true }
        return false
    }

    static func size(_ text: String) throws(ValueError) -> Size {
        let parts = text.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (20...500).contains(parts[0]), (6...200).contains(parts[1]) else {
            throw ValueError("--chart-size \"\(text)\" must be WIDTHxHEIGHT, e.g. 80x20 (at least 20x6)")
        }
        return Size(width: parts[0], height: parts[1])
    }
}
