import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore
import TokenPaceView

/// `tokenpace perceive`: a blind perception session for one participant, and the report that
/// pools participants.
struct PerceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "perceive",
        abstract: "Blind speed comparisons: which pane felt faster, which you would accept, and your own threshold.",
        discussion: """
            A session shows the same answer in panes A, B, C… whose speeds are hidden and whose positions are shuffled. After each trial the participant says which felt faster, which they would accept for the task, and rates each pane 1–5. An adaptive Bayesian estimator picks the next speeds and estimates the slowest speed this person accepts, with a 95% interval. Every trial is appended to --out as one JSON line the moment it ends.

            Session options (defaults in parentheses; `perceive session --help` explains each):
              --participant ID    written into every results line (required)
              --task TASK         chat, code, reasoning, summarize, agent (chat)
              --mode rate|ttft    vary the decode rate or the first-token wait (rate)
              --trials N          counted trials, 1–200 (12)
              --panes N           panes per trial, 1–4 (3)
              --out PATH          results file, appended to (results.jsonl)
              --seed N            0–2^53−1, combined with the participant ID (1)
              --rate R            every pane's rate in ttft mode, tok/s (40)
              --ttft D            every pane's first-token wait in rate mode (0.5s)
              --jitter F          spread of gaps between tokens, same in all panes (0)
              --no-practice       skip the practice trial
              --theme, --ascii, --samples-dir, --themes-dir: as for the dashboard

            Examples:
              tokenpace perceive --participant p07 --task code --out results.jsonl
              tokenpace perceive --participant p08 --mode ttft --trials 10
              tokenpace perceive report results*.jsonl --format csv
            See docs/perception.md for the procedure, the estimator and the file format.
            """,
        subcommands: [PerceiveSessionCommand.self, PerceiveReportCommand.self],
        defaultSubcommand: PerceiveSessionCommand.self)
}

struct PerceiveSessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Run a session for one participant (the default).",
        discussion: """
            The options below can be given without the word `session`: tokenpace perceive --participant p07 --task code.
            """)

    @Option(help: "Participant ID, written into every results line.")
    var participant: String

    @Option(
        help: ArgumentHelp("Task the samples come from: chat, code, reasoning, summarize, agent.", valueName: "task"))
    var task: String = "chat"

    @Option(
        help: ArgumentHelp(
            "Seed (0–9007199254740991), combined with the participant ID so each person gets their own pane order; the same seed, ID and answers repeat a session.",
            valueName: "n"))
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp("Every pane's time to first token in rate mode (e.g. 0.5s, 800ms).", valueName: "duration"))
    var ttft: String = "0.5s"

    @Option(
        help: ArgumentHelp(
            "Random spread of the gaps between tokens, the same shape in every pane: 0, 10%, 25%, 50%.",
            valueName: "fraction"))
    var jitter: String = "0"

    @OptionGroup var screen: ScreenOptions

    @Option(help: "What varies between panes: rate (decode speed) or ttft (wait for the first token).")
    var mode: PerceptionMode = .rate

    @Option(help: "Counted trials (1–200); a practice trial comes first unless --no-practice.")
    var trials: Int = 12

    @Option(help: "Panes per trial (1–4).")
    var panes: Int = 3

    @Option(help: "Results file; lines are appended, never rewritten.")
    var out: String = "results.jsonl"

    @Option(help: "Decode rate of every pane in ttft mode, tok/s.")
    var rate: Double = 40

    @Flag(inversion: .prefixedNo, help: "Start with a practice trial (recorded with practice=true, not counted).")
    var practice = true

    func run() throws {
        let name = participant.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !name.contains(where: \.isNewline) else {
            throw ValidationError("--participant must be a non-empty single-line ID")
        }
        let taskKind = try TaskKind.parse(task)
        guard taskKind != .batch else {
            throw ValidationError("--task batch: nobody watches one item of a batch; compare batches with bench")
        }
        guard PerceptionConfig.trialRange.contains(trials) else { throw ValidationError("--trials must be 1–200") }
        guard PerceptionConfig.paneRange.contains(panes) else { throw ValidationError("--panes must be 1–4") }
        guard seed <= PerceptionConfig.maxSeed else {
            throw ValidationError(
                "--seed \(seed) is too large: give a whole number from 0 to \(PerceptionConfig.maxSeed) (2^53−1), "
                    + "so the results file keeps it exactly")
        }
        guard Profile.rateRange.contains(rate) else { throw ValidationError("--rate must be 0.1–5000 tok/s") }
        let fixedTTFT = try ValueParsing.duration(ttft)
        let jitterValue = try ValueParsing.fraction(jitter, name: "--jitter")
        let catalog = try SampleCatalog.load(samplesDir: screen.samplesDir)
        let own = catalog.samples.filter { $0.task == taskKind }
        guard !own.isEmpty else {
            let have = Set(catalog.samples.map(\.task)).map(\.rawValue).sorted().joined(separator: ", ")
            throw ValidationError(
                "no \(taskKind.rawValue) samples in \(catalog.directory ?? "the samples folder"); tasks with samples: \(have)"
            )
        }
        let themeValue = try ThemeCatalog.load(screen.theme, themesDir: screen.themesDir)
        let config = PerceptionConfig(
            participant: name, task: taskKind, mode: mode, trials: trials, panes: panes,
            seed: PerceptionConfig.seed(participant: name, option: seed), fixedRate: rate, fixedTTFT: fixedTTFT,
            practice: practice, jitter: jitterValue, resultsPath: out, seedOption: seed)
        guard TerminalScreen.isTTY() else {
            FileHandle.standardError.write(
                Data("tokenpace perceive: a session needs a terminal (stdin and stdout are not a TTY)\n".utf8))
            throw ExitCode(2)
        }
        let writer: PerceiveResultsWriter
        do {
            writer = try PerceiveResultsWriter(path: out)
        } catch {
            throw ValidationError("cannot write results to \(out): \(PerceiveResultsWriter.reason(error, path: out))")
        }
        let code = PerceptionApp.run(
            session: PerceptionSession(config: config, samples: own), theme: themeValue, ascii: screen.ascii,
            writer: writer)
        if code != 0 { throw ExitCode(code) }
    }
}

extension PerceptionMode: ExpressibleByArgument {}
