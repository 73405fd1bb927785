import Foundation
import TokenPaceCore
import TokenPaceView

/// `bench --format html` and `--svg`: the report as a page or the race chart alone.
public enum BenchPictures {
    /// Writes the race chart SVG; a file that cannot be written is reported on stderr.
    public static func writeRace(_ report: BenchReport, to path: String) {
        do {
            try report.raceSVG.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("tokenpace bench: --svg \(path): \(error.localizedDescription)\n".utf8))
        }
    }
}

/// `bench compare`: reads the files, compares them, and overlays their race charts.
public enum BenchCompareRun {
    public static func text(files: [String], seed: UInt64, ascii: Bool, chartSize: String = "80x20") throws -> String {
        let size = try BenchConfig.size(chartSize)
        let reports = try files.map { path throws -> BenchComparison.Report in
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ValueError("\(path): cannot be read (\(error.localizedDescription))")
            }
            return try BenchComparison.read(text, name: (path as NSString).lastPathComponent)
        }
        let comparison = try BenchComparison(reports, seed: seed)
        var series: [RaceChart.Series] = []
        for report in reports {
            for pane in report.groups.first?.panes ?? [] where !pane.raceTimes.isEmpty {
                series.append(
                    (label: "\(report.name) \(pane.label) \(pane.name)", times: pane.raceTimes, finished: true))
            }
        }
        guard !series.isEmpty else { return comparison.markdown }
        let chart = RaceChart.render(series: Array(series.prefix(26)), size: size, ascii: ascii).text
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
        return comparison.markdown + "\n\nRace charts overlaid (each pane's median-E2E stream):\n\n" + chart
    }
}
