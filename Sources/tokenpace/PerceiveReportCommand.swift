import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceCore
import TokenPaceView

/// `tokenpace perceive report`: pools results files into acceptance curves and thresholds.
struct PerceiveReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Acceptance curves and thresholds per task from one or more results files.",
        discussion: """
            Practice trials are left out. Lines that are not complete records (such as the torn last line of a killed session) or that hold impossible values are skipped with a warning on stderr naming the file, the line and what is wrong.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    @Argument(help: "Results files (JSON lines).")
    var files: [String]

    @Option(help: "Output format: text (with a chart), csv or json.")
    var format: Format = .text

    @Flag(help: "Draw the chart with ASCII only.")
    var ascii = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one results file") }
    }

    func run() throws {
        var records: [TrialRecord] = []
        var warnings: [String] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            let (r, w) = ResultsFile.parse(String(decoding: data, as: UTF8.self), source: path)
            records += r
            warnings += w
        }
        let report = PerceptionReport(records: records, warnings: warnings)
        for w in report.warnings {
            FileHandle.standardError.write(Data("tokenpace perceive report: warning: \(w)\n".utf8))
        }
        switch format {
        case .text:
            var clean = report
            clean.warnings = []
            print(PerceptionReportText.text(clean, ascii: ascii), terminator: "")
        case .csv:
            print(PerceptionReportText.csv(report), terminator: "")
        case .json:
            print(try PerceptionReportText.json(report), terminator: "")
        }
    }
}
