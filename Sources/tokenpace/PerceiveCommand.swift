import ArgumentParser
import Foundation
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
            Shared with the dashboard, and read from it: --task (default chat), --seed (combined with the participant ID, so each person gets their own pane order), --ttft (every pane's time to first token in rate mode, a duration; default 0.5s), --jitter, --theme, --ascii, --samples-dir, --themes-dir.
            """)

    /// The root command parses the dashboard's options wherever they appear on the line, so the
    /// ones a session shares (task, seed, ttft, jitter, theme, ascii, folders) are read from there.
    @OptionGroup(visibility: .hidden) var shared: DashboardOptions

    @Option(help: "Participant ID, written into every results line.")
    var participant: String

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
        let task = shared.task ?? "chat"
        guard let taskKind = TaskKind(rawValue: task.lowercased()) else {
            throw ValidationError("unknown task \"\(task)\"; tasks: \(TaskKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard PerceptionConfig.trialRange.contains(trials) else { throw ValidationError("--trials must be 1–200") }
        guard PerceptionConfig.paneRange.contains(panes) else { throw ValidationError("--panes must be 1–4") }
        guard shared.seed <= PerceptionConfig.maxSeed else {
            throw ValidationError(
                "--seed \(shared.seed) is too large: give a whole number from 0 to \(PerceptionConfig.maxSeed) (2^53−1), "
                    + "so the results file keeps it exactly")
        }
        guard Profile.rateRange.contains(rate) else { throw ValidationError("--rate must be 0.1–5000 tok/s") }
        // The dashboard's default ("prefill": prompt ÷ prefill rate) would differ from sample to sample;
        // a session wants one wait for every trial unless one is given.
        let fixedTTFT =
            shared.ttft.lowercased() == "prefill" ? PerceptionConfig.defaultTTFT : try ValueParsing.duration(shared.ttft)
        let jitterValue = try ValueParsing.fraction(shared.jitter, name: "--jitter")
        let catalog = try SampleCatalog.load(samplesDir: shared.samplesDir)
        let own = catalog.samples.filter { $0.task == taskKind }
        guard !own.isEmpty else {
            let have = Set(catalog.samples.map(\.task)).map(\.rawValue).sorted().joined(separator: ", ")
            throw ValidationError("no \(taskKind.rawValue) samples in \(catalog.directory ?? "the samples folder"); tasks with samples: \(have)")
        }
        let themeValue = try ThemeCatalog.load(shared.theme, themesDir: shared.themesDir)
        let config = PerceptionConfig(
            participant: name, task: taskKind, mode: mode, trials: trials, panes: panes,
            seed: PerceptionConfig.seed(participant: name, option: shared.seed), fixedRate: rate, fixedTTFT: fixedTTFT,
            practice: practice, jitter: jitterValue, resultsPath: out, seedOption: shared.seed)
        guard TerminalSession.isTTY() else {
            FileHandle.standardError.write(Data("tokenpace perceive: a session needs a terminal (stdin and stdout are not a TTY)\n".utf8))
            throw ExitCode(2)
        }
        let writer: PerceiveResultsWriter
        do {
            writer = try PerceiveResultsWriter(path: out)
        } catch {
            throw ValidationError("cannot open \(out) for appending: \(error)")
        }
        let loop = PerceiveRunLoop(
            session: PerceptionSession(config: config, samples: own), theme: themeValue, ascii: shared.ascii, writer: writer)
        let code = loop.run()
        if code != 0 { throw ExitCode(code) }
    }
}

extension PerceptionMode: ExpressibleByArgument {}
