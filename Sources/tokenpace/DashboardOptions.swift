import ArgumentParser
import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceView

/// The dashboard's options. `resolve()` checks every value and reads every file before the screen
/// opens, so bad input is reported on a clean terminal.
struct DashboardOptions: ParsableArguments {
    @Option(help: "Decode rates of the simulated panes, tok/s (0.1–5000), one pane each (default 10,21,60 when no --pane is given).")
    var rates: String?

    @Option(
        name: .customLong("pane"),
        help: ArgumentHelp(
            "A pane (repeatable): sim:RATE[@TTFT], mirror:RATE (replays the first live pane), trace:PATH[@2x|@rate=21|@ttft=0.3s], hw:GPU/MODEL/QUANT, or a live backend: openai:URL@MODEL, ollama:MODEL, anthropic:MODEL, llamacpp:URL.",
            valueName: "spec"))
    var panes: [String] = []

    @Option(help: "Replay speed of trace panes, e.g. 2x or 0.5x (a pane's own @… in its spec wins).")
    var speed: String?

    @Option(help: "Prompt sent to live panes (default: the sample's prompt).")
    var prompt: String?

    @Option(help: "A scenario file (YAML): panes, prompt, max tokens, temperature, reasoning, headers; see Samples/scenario-showdown.yaml.")
    var scenario: String?

    @Option(help: "Time to first token: one value for all panes or one per pane: a fixed wait (0.5s, 500ms) or 'prefill' = prompt tokens ÷ --prefill-rate + --overhead, so long prompts wait long.")
    var ttft: String = "prefill"

    @Option(help: "Prompt reading speed for --ttft prefill, tok/s.")
    var prefillRate: Double = 1000

    @Option(help: "Fixed cost added to prefill TTFT, e.g. 0.1s.")
    var overhead: String = "0.3s"

    @Option(help: "Task type: chat, code, reasoning, summarize, agent.")
    var task: String?

    @Option(help: "A sample by name (see `tokenpace samples`) or a sample file path.")
    var sample: String?

    @OptionGroup var screen: ScreenOptions

    @Option(help: "Seed for jitter and stalls; the same seed repeats a run exactly.")
    var seed: UInt64 = 1

    @Option(help: "Random spread of gaps between tokens, mean kept: 0, 10%, 25%, 50%.")
    var jitter: String = "0"

    @Option(help: "Chance per token of a stall (0–50%), each --stall-length long.")
    var stalls: String = "0"

    @Option(help: "Length of a stall.")
    var stallLength: String = "0.4s"

    @Option(help: "Decode slow-down as context grows: rate ÷ (1 + k × context/1000).")
    var slowdown: Double = 0

    @Option(
        help: """
            First-try success rate of each pane's answer, in (0, 100%]: one value or one per pane, e.g. 60%,90% \
            or 0.6,0.9 (a bare number above 1 is a percent: 1.5 is 1.5%); a rejected answer is re-prompted.
            """)
    var success: String = "100%"

    @Option(help: "Most tries per answer when --success is below 100%.")
    var attempts: Int = 3

    @Flag(help: "Agent steps re-read the whole context after each tool result (no prompt cache).")
    var noPromptCache = false

    @Option(
        help: "Speculative decoding with this many draft tokens per step (0 = off). Speed-up (1 − α^(k+1)) ÷ (1 − α) ÷ (1 + k × 0.1), α = drafts accepted: code 0.8 (×2.40 at 4), chat 0.5 (×1.38), a creative sample's own (chat-story-lighthouse 0.25: ×0.95, slower).")
    var speculative: Int = 0

    @Flag(help: "Quit once every pane has finished (scripted demos and tests).")
    var exitWhenDone = false

    @Option(help: .hidden)
    var timingLog: String?

    func resolve() throws -> DashboardSetup {
        let rateList = try ValueParsing.rates(rates ?? (panes.isEmpty ? "10,21,60" : "21"))
        let firstTokens = try ValueParsing.firstTokens(
            ttft, prefillRate: prefillRate, overhead: try ValueParsing.duration(overhead))
        guard firstTokens.count == 1 || firstTokens.count == rateList.count else {
            throw ValidationError("--ttft has \(firstTokens.count) values for \(rateList.count) panes: give one, or one per pane")
        }
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        let stallChance = try ValueParsing.fraction(stalls, name: "--stalls")
        let stallSeconds = try ValueParsing.duration(stallLength)
        guard prefillRate > 0 else { throw ValidationError("--prefill-rate must be above 0") }
        let successes = try success.split(separator: ",").map { part throws(ValueError) in
            let f = try ValueParsing.fraction(String(part), name: "--success", max: 1)
            guard f > 0 else { throw ValueError("--success \(part) is too small: a success rate must be above 0%") }
            return f
        }
        guard (1...10).contains(attempts) else { throw ValidationError("--attempts must be 1 to 10") }
        guard (0...16).contains(speculative) else { throw ValidationError("--speculative must be 0 to 16 draft tokens") }

        let catalog = try SampleCatalog.load(samplesDir: screen.samplesDir)
        var taskKind: TaskKind?
        if let task {
            guard let t = TaskKind(rawValue: task.lowercased()) else {
                throw ValidationError("unknown task \"\(task)\"; tasks: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            taskKind = t
        }
        let scene = try scenario.map { try Scenario.load(path: $0) }
        var chosen = try catalog.choose(sample: sample ?? scene?.sample, task: taskKind)
        let themeValue = try ThemeCatalog.load(screen.theme, themesDir: screen.themesDir)

        var profiles = rateList.enumerated().map { i, r in
            Profile(
                rate: r, firstToken: firstTokens.count == 1 ? firstTokens[0] : firstTokens[i], jitter: jitterValue,
                stallChance: stallChance, stallSeconds: stallSeconds, slowdownPer1k: slowdown,
                promptCache: !noPromptCache, successRate: successes[min(i, successes.count - 1)],
                maxAttempts: attempts, speculativeDraft: speculative)
        }
        let jitterIndex = Profile.jitterSteps.firstIndex { abs($0 - jitterValue) < 1e-9 } ?? 0
        let scenePanes = scene?.panes ?? []
        var setups = (rates != nil || (panes.isEmpty && scenePanes.isEmpty)) ? profiles.map { PaneSetup(profile: $0) } : []
        let speedValue: Double?
        do { speedValue = try speed.map(TraceReplay.parseSpeed) } catch { throw ValidationError("--speed: \(error)") }
        var parsed = try PaneArguments.parse(panes + scenePanes.map(\.spec), base: profiles[0], sample: chosen, speed: speedValue)
        // Trace panes with no sample asked for: the dashboard is about the first trace's question that
        // has an answer (a failed, empty or unreadable trace has none; then the default sample).
        if sample == nil, task == nil, scene?.sample == nil,
            let question = parsed.origins.sorted(by: { $0.key < $1.key }).lazy.compactMap({ entry -> Sample? in
                guard case .trace(let t, _) = entry.value, case .replay(let name) = parsed.setups[entry.key].source
                else { return nil }
                return t.question(id: name)
            }).first
        {
            chosen = question
            // Hardware estimates are sized to the prompt and answer the dashboard shows: the trace's.
            if panes.contains(where: { $0.lowercased().hasPrefix("hw:") })
                || scenePanes.contains(where: { $0.spec.lowercased().hasPrefix("hw:") })
            {
                parsed = try PaneArguments.parse(
                    panes + scenePanes.map(\.spec), base: profiles[0], sample: chosen, speed: speedValue)
            }
        }
        if let scene {
            for (k, pane) in scenePanes.enumerated() {
                let index = panes.count + k
                if var spec = parsed.live[index] {
                    scene.apply(to: &spec, pane: pane)
                    parsed.live[index] = spec
                }
            }
        }
        let offset = setups.count
        setups += parsed.setups.map { s in
            var s = s
            if case .mirror(let of) = s.source { s.source = .mirror(of: of + offset) }
            return s
        }
        guard setups.count <= AppState.maxPanes else {
            throw ValidationError("\(setups.count) panes; at most \(AppState.maxPanes)")
        }
        // One --success value per pane applies to every pane in order, whatever its source.
        guard successes.count == 1 || successes.count == setups.count else {
            throw ValidationError("--success has \(successes.count) values for \(setups.count) panes: give one, or one per pane")
        }
        for i in setups.indices {
            // Only simulated answers are re-prompted; live and replayed panes show what really happened.
            setups[i].profile.successRate = setups[i].source == .simulated ? successes[successes.count == 1 ? 0 : i] : 1
        }
        profiles = setups.map(\.profile)
        return DashboardSetup(
            profiles: profiles, setups: setups,
            live: Dictionary(uniqueKeysWithValues: parsed.live.map { ($0.key + offset, $0.value) }),
            origins: Dictionary(uniqueKeysWithValues: parsed.origins.map { ($0.key + offset, $0.value) }),
            prompt: prompt ?? scene?.prompt ?? chosen.prompt, sample: chosen, library: catalog.samples, seed: seed,
            jitterIndex: jitterIndex, theme: themeValue, ascii: screen.ascii, exitWhenDone: exitWhenDone, timingLog: timingLog)
    }
}

/// Everything the dashboard needs, checked.
struct DashboardSetup {
    var profiles: [Profile]
    var setups: [PaneSetup]
    /// Live backends by pane index.
    var live: [Int: BackendSpec]
    /// What trace and hardware-estimate panes were made from, by pane index.
    var origins: [Int: PaneOrigin] = [:]
    var prompt: String
    var sample: Sample
    var library: [Sample]
    var seed: UInt64
    var jitterIndex: Int
    var theme: Theme
    var ascii: Bool
    var exitWhenDone: Bool
    var timingLog: String?
}
