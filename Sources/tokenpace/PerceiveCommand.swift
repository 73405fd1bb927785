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
            A session shows the same answer in panes A, B, C… whose speeds are hidden and whose positions are shuffled. After each trial the participant says which felt faster, which they would accept for the task, and rates each pane 1–5. An adaptive Bayesian estimator picks the next speeds and estimates the slowest speed this person accepts, with a 95% interval. With --mode present the panes instead show the answer in different presentations (streamed, behind a spinner, behind a progress bar, outline first), all done at the same end-to-end time; nothing on screen names them until the summary, and the report compares them. Every trial is appended to --out as one JSON line the moment it ends.

            Session options (defaults in parentheses; `perceive session --help` explains each):
              --participant ID    written into every results line (required)
              --task TASK         chat, code, reasoning, summarize, agent (chat)
              --mode MODE         rate (decode rate), ttft (first-token wait) or present
                                  (presentations, every pane done at one time) (rate)
              --trials N          counted trials, 1–200 (12)
              --panes N           panes per trial, 1–4 (3; present: one per presentation)
              --presentations L   present: 2–4 of stream, blocking, progress, staged
                                  (stream,blocking,progress)
              --e2e D[,D…]        present: every pane's end-to-end time, cycled (8s)
              --out PATH          results file, appended to (results.jsonl)
              --seed N            0–2^53−1, combined with the participant ID (1)
              --rate R            every pane's rate in ttft mode, tok/s (40)
              --ttft D            every pane's first-token wait in rate/present mode (0.5s)
              --jitter F          spread of gaps between tokens, same in all panes (0)
              --no-practice       skip the practice trial
              --theme, --ascii, --samples-dir, --themes-dir: as for the dashboard

            Examples:
              tokenpace perceive --participant p07 --task code --out results.jsonl
              tokenpace perceive --participant p08 --mode ttft --trials 10
              tokenpace perceive --participant p09 --mode present --e2e 8s --trials 6
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

            Present mode (--mode present) shows one pane per presentation in shuffled positions, every pane done at the same --e2e after the same --ttft (each pane's decode rate is derived so; a staged pane writes its outline within that time). A blocking pane shows only a spinner, a progress pane its phase and bar (no clock, no ETA, no percentage), so nothing names a presentation until the summary. No estimator: trials cycle the task's samples and the E2E list.
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
        help: ArgumentHelp(
            "Every pane's time to first token in rate and present mode (e.g. 0.5s, 800ms).", valueName: "duration"))
    var ttft: String = "0.5s"

    @Option(
        help: ArgumentHelp(
            "Random spread of the gaps between tokens, the same shape in every pane: 0, 10%, 25%, 50%.",
            valueName: "fraction"))
    var jitter: String = "0"

    @OptionGroup var screen: ScreenOptions

    @Option(
        help:
            "What varies between panes: rate (decode speed), ttft (wait for the first token) or present (how the answer is shown, every pane done at the same time)."
    )
    var mode: PerceptionMode = .rate

    @Option(help: "Counted trials (1–200); a practice trial comes first unless --no-practice.")
    var trials: Int = 12

    @Option(help: "Panes per trial (1–4; default 3, in present mode one per presentation).")
    var panes: Int?

    @Option(help: "Results file; lines are appended, never rewritten.")
    var out: String = "results.jsonl"

    @Option(help: "Decode rate of every pane in ttft mode, tok/s.")
    var rate: Double = 40

    @Option(
        help: ArgumentHelp(
            "Present mode: 2–4 of stream, blocking, progress, staged (staged needs samples with an outline).",
            valueName: "list"))
    var presentations: String?

    @Option(
        help: ArgumentHelp(
            "Present mode: the end-to-end time every pane shares (default 8s); a list (4s,8s,16s) cycles over trials.",
            valueName: "durations"))
    var e2e: String?

    @Flag(inversion: .prefixedNo, help: "Start with a practice trial (recorded with practice=true, not counted).")
    var practice = true

    func run() throws {
        var setup = PerceiveSetup(participant: participant)
        (setup.task, setup.mode, setup.trials, setup.panes, setup.seed) = (task, mode, trials, panes, seed)
        (setup.rate, setup.ttft, setup.jitter, setup.practice, setup.out) = (rate, ttft, jitter, practice, out)
        (setup.presentations, setup.e2e, setup.samplesDir) = (presentations, e2e, screen.samplesDir)
        let session = try setup.session()
        let themeValue = try ThemeCatalog.load(screen.theme, themesDir: screen.themesDir)
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
        let code = PerceptionApp.run(session: session, theme: themeValue, ascii: screen.ascii, writer: writer)
        if code != 0 { throw ExitCode(code) }
    }
}

extension PerceptionMode: ExpressibleByArgument {}
