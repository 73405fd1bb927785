import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore
import TokenPaceView

/// The dashboard's options. `resolve()` checks every value and reads every file before the screen
/// opens, so bad input is reported on a clean terminal.
struct DashboardOptions: ParsableArguments {
    @Option(
        help:
            "Decode rates of the simulated panes, tok/s (0.1–5000), one pane each (default 10,21,60 when no --pane is given)."
    )
    var rates: String?

    @Option(
        name: .customLong("pane"),
        help: ArgumentHelp(
            "A pane (repeatable): sim:RATE[@TTFT|@prefill], mirror:RATE[@TTFT] (replays the first live pane), trace:PATH[@2x|@rate=21|@ttft=0.3s], hw:GPU/MODEL/QUANT, or a live backend: openai:URL[@MODEL], ollama:[URL@]MODEL, anthropic:[URL@]MODEL, llamacpp:URL[@raw].",
            valueName: "spec"))
    var panes: [String] = []

    @Option(help: ArgumentHelp(OptionHelp.present)) var present: String?

    @Option(help: ArgumentHelp(OptionHelp.systemTokens)) var systemTokens = 0

    @Option(help: ArgumentHelp(OptionHelp.readingRate)) var readingRate: String?

    @Option(help: "Replay speed of trace panes, e.g. 2x or 0.5x (a pane's own @… in its spec wins).")
    var speed: String?

    @Option(help: "Prompt sent to live panes (default: the sample's prompt).")
    var prompt: String?

    @Option(
        help:
            "A scenario file (YAML): panes, prompt, max tokens, temperature, reasoning, headers; see Samples/scenario-showdown.yaml."
    )
    var scenario: String?

    @Option(
        help:
            "Time to first token: one value for all panes or one per pane: a fixed wait (0.5s, 500ms) or 'prefill' = prompt tokens ÷ --prefill-rate + --overhead, so long prompts wait long."
    )
    var ttft: String = "prefill"

    @Option(help: "Prompt reading speed for --ttft prefill, tok/s.")
    var prefillRate: Double = 1000

    @Option(help: "Fixed cost added to prefill TTFT, e.g. 0.1s.")
    var overhead: String = "0.3s"

    @Option(help: "Task type: chat, code, reasoning, summarize, agent, batch (a queue of items: --items, --slots).")
    var task: String?

    @Option(help: "A sample by name (see `tokenpace samples`) or a sample file path.")
    var sample: String?

    @Option(
        help: ArgumentHelp(
            "A model's tokenizer for simulated and hw: panes: a GGUF model, a tokenizer.json (or its folder) or a .tiktoken file.",
            discussion:
                "The panes stream that model's token pieces, so a rate means its text speed. A pane's own #tokenizer=PATH wins."
        ))
    var tokenizer: String?

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
        help:
            "Speculative decoding with this many draft tokens per step (0 = off). Speed-up (1 − α^(k+1)) ÷ (1 − α) ÷ (1 + k × 0.1), α = drafts accepted: code 0.8 (×2.40 at 4), chat 0.5 (×1.38), a creative sample's own (chat-story-lighthouse 0.25: ×0.95, slower)."
    )
    var speculative: Int = 0

    @OptionGroup var cost: CostOptions
    @OptionGroup var batch: BatchOptions

    @Flag(help: "Quit once every pane has finished (scripted demos and tests).")
    var exitWhenDone = false

    @Option(
        help:
            "Longest silence of a live pane's stream once it has started (e.g. 30s); then the pane fails, naming this timeout."
    )
    var idleTimeout: String = "60s"

    @Option(help: "Longest wait for a live pane's first byte (prefill of a long prompt on a CPU can take minutes).")
    var firstByteTimeout: String = "300s"

    @Option(help: .hidden)
    var timingLog: String?
    @Option(help: "Record the session as an asciicast v2 file (asciinema play FILE).") var cast: String?

    /// The settings for the runtime library, which checks them (`DashboardConfig.resolve`).
    var config: DashboardConfig {
        var c = DashboardConfig()
        (c.rates, c.panes, c.speed, c.prompt, c.scenario) = (rates, panes, speed, prompt, scenario)
        (c.ttft, c.prefillRate, c.overhead, c.task, c.sample) = (ttft, prefillRate, overhead, task, sample)
        (c.theme, c.ascii, c.samplesDir, c.themesDir) = (
            screen.theme, screen.ascii, screen.samplesDir, screen.themesDir
        )
        (c.seed, c.jitter, c.stalls, c.stallLength, c.slowdown) = (seed, jitter, stalls, stallLength, slowdown)
        (c.success, c.attempts, c.noPromptCache, c.speculative) = (success, attempts, noPromptCache, speculative)
        (c.idleTimeout, c.firstByteTimeout, c.exitWhenDone) = (idleTimeout, firstByteTimeout, exitWhenDone)
        (c.timingLog, c.present, c.systemTokens, c.readingRate) = (timingLog, present, systemTokens, readingRate)
        (c.cast, c.tokenizer, c.cost, c.prices) = (cast, tokenizer, cost.settings, cost.prices)
        (c.items, c.slots, c.batchEfficiency) = (batch.items, batch.slots, batch.batchEfficiency)
        return c
    }

    func resolve() throws -> DashboardSetup { try config.resolve() }
}
