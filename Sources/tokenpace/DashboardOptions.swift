import ArgumentParser
import Foundation
import TokenPaceCore
import TokenPaceView

/// The dashboard's options. `resolve()` checks every value and reads every file before the screen
/// opens, so bad input is reported on a clean terminal.
struct DashboardOptions: ParsableArguments {
    @Option(help: "Decode rates of the simulated panes, tok/s (0.1–5000), one pane each.")
    var rates: String = "10,21,60"

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

    @Option(help: "Theme name (see `tokenpace themes`) or a theme file path.")
    var theme: String = "dark"

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

    @Flag(help: "Quit once every pane has finished (scripted demos and tests).")
    var exitWhenDone = false

    @Flag(help: "Draw with ASCII only (no box-drawing characters).")
    var ascii = false

    @Option(help: "Folder of samples (default: $TOKENPACE_SAMPLES, ./Samples, or next to the binary).")
    var samplesDir: String?

    @Option(help: "Folder of themes (default: $TOKENPACE_THEMES, ./Themes, or next to the binary).")
    var themesDir: String?

    @Option(help: .hidden)
    var timingLog: String?

    func resolve() throws -> DashboardSetup {
        let rateList = try ValueParsing.rates(rates)
        let firstTokens = try ValueParsing.firstTokens(
            ttft, prefillRate: prefillRate, overhead: try ValueParsing.duration(overhead))
        guard firstTokens.count == 1 || firstTokens.count == rateList.count else {
            throw ValidationError("--ttft has \(firstTokens.count) values for \(rateList.count) panes: give one, or one per pane")
        }
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        let stallChance = try ValueParsing.fraction(stalls, name: "--stalls")
        let stallSeconds = try ValueParsing.duration(stallLength)
        guard prefillRate > 0 else { throw ValidationError("--prefill-rate must be above 0") }

        let catalog = try SampleCatalog.load(samplesDir: samplesDir)
        var taskKind: TaskKind?
        if let task {
            guard let t = TaskKind(rawValue: task.lowercased()) else {
                throw ValidationError("unknown task \"\(task)\"; tasks: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            taskKind = t
        }
        let chosen = try catalog.choose(sample: sample, task: taskKind)
        let themeValue = try ThemeCatalog.load(theme, themesDir: themesDir)

        let profiles = rateList.enumerated().map { i, r in
            Profile(
                rate: r, firstToken: firstTokens.count == 1 ? firstTokens[0] : firstTokens[i], jitter: jitterValue,
                stallChance: stallChance, stallSeconds: stallSeconds, slowdownPer1k: slowdown)
        }
        let jitterIndex = Profile.jitterSteps.firstIndex { abs($0 - jitterValue) < 1e-9 } ?? 0
        return DashboardSetup(
            profiles: profiles, sample: chosen, library: catalog.samples, seed: seed, jitterIndex: jitterIndex,
            theme: themeValue, ascii: ascii, exitWhenDone: exitWhenDone, timingLog: timingLog)
    }
}

/// Everything the dashboard needs, checked.
struct DashboardSetup {
    var profiles: [Profile]
    var sample: Sample
    var library: [Sample]
    var seed: UInt64
    var jitterIndex: Int
    var theme: Theme
    var ascii: Bool
    var exitWhenDone: Bool
    var timingLog: String?
}
