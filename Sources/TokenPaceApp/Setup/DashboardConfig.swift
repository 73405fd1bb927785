import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

/// The dashboard's settings as typed (the command line or a script fills them in). `resolve()`
/// checks every value and reads every file before a screen opens, so bad input is reported on a
/// clean terminal; `record` takes the same settings.
public struct DashboardConfig: Sendable {
    public var rates: String?
    public var panes: [String] = []
    public var speed: String?
    public var prompt: String?
    public var scenario: String?
    public var ttft = "prefill"
    public var prefillRate = 1000.0
    public var overhead = "0.3s"
    public var task: String?
    public var sample: String?
    public var theme = "dark"
    public var ascii = false
    public var samplesDir: String?
    public var themesDir: String?
    public var seed: UInt64 = 1
    public var jitter = "0"
    public var stalls = "0"
    public var stallLength = "0.4s"
    public var slowdown = 0.0
    public var success = "100%"
    /// --price / --gpu-cost / --power / --kwh for every pane (a pane's own `#…` wins), and --prices.
    public var cost = CostSettings()
    public var prices: String?
    public var attempts = 3
    public var noPromptCache = false
    public var speculative = 0
    public var idleTimeout = "60s"
    public var firstByteTimeout = "300s"
    public var exitWhenDone = false
    public var timingLog: String?
    /// `--present`: one presentation for every pane or one per pane.
    public var present: String?
    /// `--system-tokens`: hidden instructions read before every request.
    public var systemTokens = 0
    /// `--reading-rate`: the reader's pace; given, the reader's view opens with the dashboard.
    public var readingRate: String?
    /// An asciicast v2 recording of the session goes here.
    public var cast: String?
    /// A model tokenizer file for every simulated and hardware pane (`--tokenizer`).
    public var tokenizer: String?
    /// The batch task: `--items`, `--slots` (one, or one per pane), `--batch-efficiency`.
    public var items: Int?
    public var slots: String?
    public var batchEfficiency: String?

    public init() {}

    public func resolve() throws -> DashboardSetup {
        let rateList = try ValueParsing.rates(rates ?? (panes.isEmpty ? "10,21,60" : "21"))
        let firstTokens = try ValueParsing.firstTokens(
            ttft, prefillRate: prefillRate, overhead: try ValueParsing.duration(overhead))
        guard firstTokens.count == 1 || firstTokens.count == rateList.count else {
            throw ValueError(
                "--ttft has \(firstTokens.count) values for \(rateList.count) panes: give one, or one per pane")
        }
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        let stallChance = try ValueParsing.fraction(stalls, name: "--stalls")
        let stallSeconds = try ValueParsing.duration(stallLength)
        guard prefillRate > 0 else { throw ValueError("--prefill-rate must be above 0") }
        let successes = try success.split(separator: ",").map { part throws(ValueError) in
            let f = try ValueParsing.fraction(String(part), name: "--success", max: 1)
            guard f > 0 else { throw ValueError("--success \(part) is too small: a success rate must be above 0%") }
            return f
        }
        guard (1...10).contains(attempts) else { throw ValueError("--attempts must be 1 to 10") }
        guard (0...16).contains(speculative) else { throw ValueError("--speculative must be 0 to 16 draft tokens") }

        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        let taskKind = try task.map(TaskKind.parse)
        let scene = try scenario.map { try Scenario.load(path: $0) }
        var streamOptions = try Timeouts.options(idle: idleTimeout, firstByte: firstByteTimeout)
        if let s = scene?.idleTimeout { streamOptions.idleTimeout = Timeouts.duration(s) }
        if let s = scene?.firstByteTimeout { streamOptions.firstByteTimeout = Timeouts.duration(s) }
        var chosen = try catalog.choose(sample: sample ?? scene?.sample, task: taskKind)
        let themeValue = try ThemeCatalog.load(theme, themesDir: themesDir)

        var profiles = rateList.enumerated().map { i, r in
            Profile(
                rate: r, firstToken: firstTokens.count == 1 ? firstTokens[0] : firstTokens[i], jitter: jitterValue,
                stallChance: stallChance, stallSeconds: stallSeconds, slowdownPer1k: slowdown,
                promptCache: !noPromptCache, successRate: successes[min(i, successes.count - 1)],
                maxAttempts: attempts, speculativeDraft: speculative)
        }
        let jitterIndex = Profile.jitterSteps.firstIndex { abs($0 - jitterValue) < 1e-9 } ?? 0
        let scenePanes = scene?.panes ?? []
        var setups =
            (rates != nil || (panes.isEmpty && scenePanes.isEmpty)) ? profiles.map { PaneSetup(profile: $0) } : []
        let speedValue: Double?
        do { speedValue = try speed.map(TraceReplay.parseSpeed) } catch { throw ValueError("--speed: \(error)") }
        let parsed = try (panes + scenePanes.map(\.spec)).map { (text: $0, parsed: try PaneSpec.parseWithOptions($0)) }
        let specs = parsed.map { (text: $0.text, spec: $0.parsed.spec) }
        var built = try DashboardPanes.build(specs, base: profiles[0], sample: chosen, speed: speedValue)
        // Trace panes with no sample asked for: the dashboard is about the first trace's question that
        // has an answer (a failed, empty or unreadable trace has none; then the default sample).
        if sample == nil, task == nil, scene?.sample == nil,
            let question = built.origins.sorted(by: { $0.key < $1.key }).lazy.compactMap({ entry -> Sample? in
                guard case .trace(let t, _) = entry.value, case .replay(let name) = built.setups[entry.key].source
                else { return nil }
                return t.question(id: name)
            }).first
        {
            chosen = question
            // Hardware estimates are sized to the prompt and answer the dashboard shows: the trace's.
            if specs.contains(where: { if case .hardware = $0.spec { true } else { false } }) {
                built = try DashboardPanes.build(specs, base: profiles[0], sample: chosen, speed: speedValue)
            }
        }
        if let scene {
            for (k, pane) in scenePanes.enumerated() {
                let index = panes.count + k
                if var spec = built.live[index] {
                    scene.apply(to: &spec, pane: pane)
                    built.live[index] = spec
                }
            }
        }
        let offset = setups.count
        setups += built.setups.map { s in
            var s = s
            if case .mirror(let of) = s.source { s.source = .mirror(of: of + offset) }
            return s
        }
        guard setups.count <= AppState.maxPanes else {
            throw ValueError("\(setups.count) panes; at most \(AppState.maxPanes)")
        }
        // One --success value per pane applies to every pane in order, whatever its source.
        guard successes.count == 1 || successes.count == setups.count else {
            throw ValueError(
                "--success has \(successes.count) values for \(setups.count) panes: give one, or one per pane")
        }
        for i in setups.indices {
            // Only simulated answers are re-prompted; live and replayed panes show what really happened.
            setups[i].profile.successRate = setups[i].source == .simulated ? successes[successes.count == 1 ? 0 : i] : 1
        }
        let shownAs = try Self.presentations(present, specs: specs.map(\.text), before: offset, panes: setups.count)
        for i in setups.indices { setups[i].presentation = shownAs[i] }
        for (index, spec) in built.live { setups[index + offset].maxTokens = spec.maxTokens }
        guard (0...100_000).contains(systemTokens) else {
            throw ValueError("--system-tokens must be 0 to 100000 tokens")
        }
        for i in setups.indices { setups[i].profile.systemTokens = systemTokens }
        let pace = try readingRate.map(ReaderScan.parseRate)
        try applyTokenizers(
            to: &setups,
            paneTokenizers: parsed.enumerated().map { k, p in
                (
                    offset + k,
                    k >= panes.count
                        ? scenePanes[k - panes.count].tokenizer ?? p.parsed.options.tokenizer
                        : p.parsed.options.tokenizer, p.text
                )
            }, all: tokenizer ?? scene?.tokenizer,
            allOption: tokenizer != nil ? "--tokenizer" : "the scenario's tokenizer")
        for i in setups.indices {
            let settings = i < offset ? cost : try PaneSpec.costSettings(specs[i - offset].text, base: cost)
            setups[i].cost = try PriceSheetFile.resolve(settings, sheet: prices)
        }
        let batch = try BatchSettings.parse(items: items, slots: slots, efficiency: batchEfficiency)
        if chosen.task == .batch, let trace = zip(specs, specs.indices).first(where: { Self.isTrace($0.0.spec) }) {
            throw ValueError(
                "--pane \(trace.0.text): a trace plays one recorded answer; the batch task races sim:, hw: and live panes"
            )
        }
        try batch.apply(
            to: &setups,
            own: Dictionary(
                uniqueKeysWithValues: parsed.enumerated().compactMap { k, p in
                    p.parsed.options.slots.map { (offset + k, $0) }
                }
            ))
        profiles = setups.map(\.profile)
        if let cast, !FileManager.default.createFile(atPath: cast, contents: nil) {
            throw ValueError("--cast \(cast): the file cannot be written")
        }
        return DashboardSetup(
            profiles: profiles, setups: setups,
            live: Dictionary(uniqueKeysWithValues: built.live.map { ($0.key + offset, $0.value) }),
            origins: Dictionary(uniqueKeysWithValues: built.origins.map { ($0.key + offset, $0.value) }),
            prompt: prompt ?? scene?.prompt ?? chosen.prompt, sample: chosen, library: catalog.samples, seed: seed,
            jitterIndex: jitterIndex, theme: themeValue, ascii: ascii, exitWhenDone: exitWhenDone,
            timingLog: timingLog, streamOptions: streamOptions, readingRate: pace, cast: cast, batchItems: batch.items)
    }
}

extension DashboardConfig {
    /// Each pane's presentation: its spec's `#present=NAME`, else `--present` (one value for all, or one per
    /// pane in order), else stream. `before`: the `--rates` panes ahead of the specs.
    public static func presentations(
        _ present: String?, specs: [String], before: Int, panes: Int
    ) throws(ValueError) -> [Presentation] {
        let given = try present.map(Presentation.list) ?? [.stream]
        guard given.count == 1 || given.count == panes else {
            throw ValueError("--present has \(given.count) values for \(panes) panes: give one, or one per pane")
        }
        var out = (0..<panes).map { given[given.count == 1 ? 0 : $0] }
        for (k, spec) in specs.enumerated() where before + k < panes {
            if let own = try PaneSpec.presentation(spec).presentation { out[before + k] = own }
        }
        return out
    }

    /// Gives simulated and hardware panes their model tokenizer: the pane's own (`#tokenizer=`, a
    /// scenario pane's `tokenizer:`), else the one for all. Each file is read once.
    func applyTokenizers(
        to setups: inout [PaneSetup], paneTokenizers: [(index: Int, path: String?, spec: String)], all: String?,
        allOption: String
    ) throws(ValueError) {
        var files = TokenizerFiles()
        if let all {
            let t = try files.load(all, option: allOption)
            for i in setups.indices where setups[i].source == .simulated { setups[i].tokenizer = t }
        }
        for (index, path, spec) in paneTokenizers {
            guard let path, setups.indices.contains(index) else { continue }
            setups[index].tokenizer = try files.load(path, option: "--pane \(spec)")
        }
    }
}

/// Model tokenizers given by path, each file read once however many panes use it.
struct TokenizerFiles {
    private var loaded: [String: PaneTokenizer] = [:]

    /// The tokenizer in `path`; an error starts with `option` (the option or spec that named it).
    mutating func load(_ path: String, option: String) throws(ValueError) -> PaneTokenizer {
        if let t = loaded[path] { return t }
        do {
            let t = try PaneTokenizer.load(path: NSString(string: path).expandingTildeInPath)
            loaded[path] = t
            return t
        } catch {
            throw ValueError("\(option): \(error)")
        }
    }
}

/// Everything the dashboard needs, checked.
public struct DashboardSetup {
    public var profiles: [Profile]
    public var setups: [PaneSetup]
    /// Live backends by pane index.
    public var live: [Int: BackendSpec]
    /// What trace and hardware-estimate panes were made from, by pane index.
    public var origins: [Int: PaneOrigin] = [:]
    public var prompt: String
    public var sample: Sample
    public var library: [Sample]
    public var seed: UInt64
    public var jitterIndex: Int
    public var theme: Theme
    public var ascii: Bool
    public var exitWhenDone: Bool
    public var timingLog: String?
    /// Timeouts of live panes' streams.
    public var streamOptions = StreamOptions()
    /// The reader's pace (words per minute), when one was asked for: the reader's view starts open.
    public var readingRate: Double?
    /// Where the session's asciicast goes (`--cast`).
    public var cast: String? = nil
    /// Items every batch pane works through (`--items`); nil: the batch sample's own count.
    public var batchItems: Int? = nil
}

/// `--idle-timeout` and `--first-byte-timeout`, the same on every command that streams.
public enum Timeouts {
    public static func options(idle: String, firstByte: String) throws(ValueError) -> StreamOptions {
        StreamOptions(
            firstByteTimeout: duration(try positive(firstByte, name: "--first-byte-timeout")),
            idleTimeout: duration(try positive(idle, name: "--idle-timeout")))
    }

    static func positive(_ text: String, name: String) throws(ValueError) -> Double {
        let seconds: Double
        do { seconds = try ValueParsing.duration(text) } catch { throw ValueError("\(name): \(error.description)") }
        guard seconds > 0 else { throw ValueError("\(name) must be above 0, e.g. 30s") }
        return seconds
    }

    static func duration(_ seconds: Double) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
}

extension DashboardConfig {
    static func isTrace(_ spec: PaneSpec) -> Bool {
        if case .trace = spec { return true }
        return false
    }
}
