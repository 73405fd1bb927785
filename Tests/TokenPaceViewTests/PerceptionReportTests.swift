import Foundation
import Testing
import TokenPaceCore
import TokenPaceView

@Suite struct PerceptionReportTests {
    static func report() throws -> PerceptionReport {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/perception-report-input.jsonl")
        let text = try String(contentsOf: url, encoding: .utf8)
        let (records, warnings) = ResultsFile.parse(text, source: "results.jsonl")
        return PerceptionReport(records: records, warnings: warnings)
    }

    @Test func textReportOnAFixedResultsFile() throws {
        let r = try Self.report()
        #expect(r.warnings.count == 1, "the torn last line")
        assertSnapshot(PerceptionReportText.text(r), named: "perception-report")
    }

    @Test func csvReportOnAFixedResultsFile() throws {
        assertSnapshot(PerceptionReportText.csv(try Self.report()), named: "perception-report-csv")
    }

    @Test func jsonReportOnAFixedResultsFile() throws {
        let json = try PerceptionReportText.json(try Self.report())
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        assertSnapshot(json, named: "perception-report-json")
    }
}
