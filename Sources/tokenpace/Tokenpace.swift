import ArgumentParser
import Foundation
import TokenPaceCore

/// `tokenpace`: the pacing dashboard, plus the commands around it.
struct Tokenpace: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenpace",
        abstract: "Feel LLM speed: the same answer streaming in several panes at different token rates.",
        discussion: """
            With no arguments, three panes stream the same chat answer at 10, 21 and 60 tok/s.
            Press ? in the dashboard for every key.

            Figures:
            \(HelpText.definitions)
            """,
        version: TokenpaceVersion.string,
        subcommands: [
            SamplesCommand.self, ThemesCommand.self, EstimateCommand.self, TraceCommand.self, RecordCommand.self,
            ServeCommand.self, PerceiveCommand.self,
        ]
    )

    @OptionGroup var dashboard: DashboardOptions

    func run() async throws {
        let setup = try dashboard.resolve()
        guard TerminalSession.isTTY() else {
            FileHandle.standardError.write(Data("tokenpace: the dashboard needs a terminal (stdin and stdout are not a TTY); try `tokenpace samples` or `tokenpace --help`\n".utf8))
            throw ExitCode(2)
        }
        let code = TerminalSession(setup: setup).run()
        if code != 0 { throw ExitCode(code) }
    }
}

enum TokenpaceVersion {
    static let string = "0.1.0"
}
