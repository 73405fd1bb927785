import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore

/// `tokenpace record`: the dashboard's panes written as traces, one per pane, without a screen.
/// It takes the dashboard's own options and defaults, so `record --rates 10,21,60` keeps the run that
/// `tokenpace --rates 10,21,60` shows. Simulated, trace and estimate panes are computed at once; live
/// panes are streamed headless (like `bench`) and saved as their server sent them.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Write the dashboard's panes as traces, one per pane, without a screen.",
        discussion:
            "Takes the dashboard's options and defaults (--rates, --pane, --ttft, --sample, --seed, …): simulated, trace and hw: panes are computed without waiting; live panes stream once, headless, and are saved with what the server reported."
    )

    @OptionGroup var dashboard: DashboardOptions

    @Option(name: .shortAndLong, help: "Folder to write the traces to.")
    var output: String

    func run() throws {
        let setup = try dashboard.resolve()
        let lines = try Recorder.record(setup, to: output) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        for line in lines {
            switch line {
            case .written(let path, let summary, let failure):
                print("\(path)  \(summary)" + (failure.map { "  failed: \($0)" } ?? ""))
            case .skipped(let pane, let reason):
                FileHandle.standardError.write(Data("pane \(pane) not written: \(reason)\n".utf8))
            }
        }
        // As bench: a run whose every live pane failed did not measure what it was asked to.
        if !setup.live.isEmpty, setup.live.keys.allSatisfy({ i in lines.indices.contains(i) && lines[i].failed }) {
            throw ExitCode(1)
        }
    }
}
