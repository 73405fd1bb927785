import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore
import TokenPaceView

/// `tokenpace bench`: the panes without the screen. Live backends are raced for real (all panes of
/// a run start at one instant); simulated, trace and hardware panes are computed, never waited for.
/// Prints a table of figures with their definitions (or JSON/CSV) and a race chart.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run panes headless and report TTFT, TTFA, E2E, decode rate, ITL and stalls per pane.",
        discussion: """
            Pane specs (--pane, repeatable):
              openai:URL[@MODEL]  ollama:[URL@]MODEL  anthropic:[URL@]MODEL  llamacpp:URL[@raw]   live backends
              sim:RATE[@TTFT|@prefill]         simulated at RATE tok/s (TTFT a duration or 'prefill')
              trace:PATH[@2x|@rate=N|@ttft=T]  a recorded trace's own times
              hw:GPU/MODEL/QUANT               a hardware estimate (see `tokenpace estimate --list`)

            Sweeps of live panes: see the sweep options and docs/bench.md. Ctrl-C writes what finished (exit 130).
            Exit status: 0 when a pane succeeded, 1 when every live stream failed, 2 for bad input.

            Example:
              tokenpace bench --pane openai:http://127.0.0.1:18080/v1 --pane sim:60 --runs 3 \\
                --prompt "Write a haiku about latency"
            """, subcommands: [BenchCompareCommand.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, json, csv, html
    }

    @Option(
        name: .customLong("pane"), help: "A pane: a live backend, sim:RATE[@TTFT], trace:PATH or hw:GPU/MODEL/QUANT.")
    var panes: [String] = []

    @Option(help: "Prompt sent to live panes.")
    var prompt: String?

    @Option(help: "File whose text is the prompt.")
    var promptFile: String?

    @Option(help: "A sample by name or path: its prompt (unless --prompt) and the answer simulated panes stream.")
    var sample: String?

    @Option(help: "Most tokens each pane generates (an answer taken from a trace plays whole, as its trace pane does).")
    var maxTokens = 256

    @Option(help: "Sampling temperature sent to live panes (server default when absent).")
    var temperature: Double?

    @Option(help: "Task type, which sets the first useful signal: chat, code, reasoning, summarize, agent, batch.")
    var task: String?

    @Option(help: ArgumentHelp(OptionHelp.systemTokens)) var systemTokens = 0

    @Option(help: "Runs per pane, one after another.")
    var runs = 1

    @Option(help: "Simultaneous streams per live pane in each run; a list (1,4,16) sweeps the load. Default 1.")
    var concurrency: String?

    @OptionGroup(title: "Sweeps of live panes") var sweep: BenchSweepOptions

    @Option(help: "Output: markdown, json, csv or html (one self-contained page).")
    var format = Format.markdown

    @Flag(inversion: .prefixedNo, help: "Draw the race chart after the table (default: on for markdown).")
    var chart: Bool?

    @Option(help: "Race chart size, e.g. 80x20.")
    var chartSize = "80x20"

    @Flag(help: "Draw the chart with ASCII only.")
    var ascii = false

    @Option(help: "Gap that counts as a stall, e.g. 250ms.")
    var stall = "250ms"

    @Option(help: "Longest wait for a live pane's first byte.")
    var firstByteTimeout = "300s"

    @Option(help: "Longest silence of a live stream once it has started; then that stream fails, naming this timeout.")
    var idleTimeout = "60s"

    @Option(help: "Seed for simulated panes.")
    var seed: UInt64 = 1

    @Option(help: "Folder of samples.")
    var samplesDir: String?

    @Option(help: "Hardware catalog for hw: panes (default Samples/hardware.yaml).")
    var catalog: String?

    @Option(
        help:
            "A model's tokenizer (GGUF, tokenizer.json or .tiktoken) for sim: and hw: panes; a pane's own #tokenizer=PATH wins."
    )
    var tokenizer: String?

    @Option(help: "First-try success rate, one or one per pane (60%,90%): usable_s = E2E ÷ it; cost per usable answer.")
    var success = "100%"

    @OptionGroup var cost: CostOptions

    @OptionGroup(title: "Batch task (--task batch)") var batch: BatchOptions

    func run() async throws {
        if config.isBatch { return try runBatch() }
        let setup: BenchSetup
        do {
            setup = try config.resolve()
        } catch let error as ValueError {
            Self.fail(error.description)
        }
        let report = await setup.runUntilInterrupted()
        let wantsChart = self.chart ?? (self.format == .markdown)
        switch self.format {
        case .markdown: print(report.markdown)
        case .json: print(report.json)
        case .csv: print(report.csv)
        case .html: print(report.html)
        }
        if let svg = sweep.svg { BenchPictures.writeRace(report, to: svg) }
        if wantsChart && self.format != .html {
            print("")
            print(setup.chart(report, ascii: self.ascii))
        }
        if report.interrupted { throw ExitCode(130) }
        if report.everyLiveRunFailed { throw ExitCode(1) }
    }

    var config: BenchConfig {
        var c = BenchConfig()
        (c.panes, c.prompt, c.promptFile, c.sample, c.maxTokens) = (panes, prompt, promptFile, sample, maxTokens)
        (c.temperature, c.task, c.runs, c.concurrency) = (temperature, task, runs, concurrency)
        sweep.apply(to: &c)
        (c.chartSize, c.stall, c.firstByteTimeout, c.idleTimeout) = (chartSize, stall, firstByteTimeout, idleTimeout)
        (c.seed, c.samplesDir, c.catalog, c.systemTokens) = (seed, samplesDir, catalog, systemTokens)
        (c.tokenizer, c.success, c.cost, c.prices) = (tokenizer, success, cost.settings, cost.prices)
        return c
    }

    /// `--task batch`: every pane works through the batch sample's queue; one table of queue figures.
    func runBatch() throws {
        if format == .html { Self.fail("--format html: a batch bench writes markdown, json or csv") }
        let bench: BatchBench
        do {
            let settings = try BatchSettings.parse(
                items: batch.items, slots: batch.slots, efficiency: batch.batchEfficiency)
            bench = try config.resolveBatch(settings)
        } catch let error as ValueError {
            Self.fail(error.description)
        }
        let report = bench.run()
        switch format {
        case .markdown: print(report.markdown)
        case .json: print(report.json)
        case .csv, .html: print(report.csv)
        }
        if !report.panes.isEmpty, report.panes.allSatisfy({ $0.done == 0 }) { throw ExitCode(1) }
    }

    /// Bad input: a message naming what was wrong, exit status 2.
    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("tokenpace bench: \(message)\n".utf8))
        Self.exit(withError: ExitCode(2))
    }
}
