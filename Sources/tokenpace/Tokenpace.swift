import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore

/// `tokenpace`: the pacing dashboard (the default command), plus the commands around it.
///
/// The dashboard is a subcommand of its own so that its options (`--task`, `--seed`, `--ttft`…)
/// never shadow the same-named options of the other commands.
struct Tokenpace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenpace",
        abstract: "Feel LLM speed: the same answer streaming in several panes at different token rates.",
        discussion: """
            With no arguments, three panes stream the same chat answer at 10, 21 and 60 tok/s. Dashboard options (`tokenpace dashboard --help` lists them all) can be given without the word `dashboard`: tokenpace --rates 15,40 --task code. Press ? in the dashboard for every key.

            Figures:
            \(HelpText.definitions)
            """,
        version: TokenPaceVersion.string,
        subcommands: [
            DashboardCommand.self, SamplesCommand.self, ThemesCommand.self, EstimateCommand.self, TraceCommand.self,
            RecordCommand.self, ServeCommand.self, PerceiveCommand.self, BenchCommand.self, TokensCommand.self,
        ],
        defaultSubcommand: DashboardCommand.self
    )
}

/// The full-screen dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "The full-screen dashboard: panes streaming the same answer at their own pace (the default).",
        discussion: """
            Figures:
            \(HelpText.definitions)
            """)

    @OptionGroup var dashboard: DashboardOptions

    func run() async throws {
        let setup = try dashboard.resolve()
        guard TerminalScreen.isTTY() else {
            FileHandle.standardError.write(
                Data(
                    "tokenpace: the dashboard needs a terminal (stdin and stdout are not a TTY); try `tokenpace samples` or `tokenpace --help`\n"
                        .utf8))
            throw ExitCode(2)
        }
        let code = DashboardApp.run(setup)
        if code != 0 { throw ExitCode(code) }
    }
}
