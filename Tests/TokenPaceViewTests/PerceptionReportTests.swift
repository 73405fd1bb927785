import Foundation
import Testing
import TokenPaceCore

@testable import TokenPaceView

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

    @Test func oneCountedTrialIsSaidInTheSingular() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/perception-report-input.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        let counted = try #require(lines.first { $0.contains("\"practice\":false") })
        let (records, warnings) = ResultsFile.parse(String(counted) + "\n", source: "one.jsonl")
        #expect(records.count == 1 && warnings.isEmpty)
        let text = PerceptionReportText.text(PerceptionReport(records: records, warnings: warnings))
        #expect(text.contains("1 participant · 1 counted trial\n"))
        #expect(text.contains("1 participant · 1 trial\n"))
        #expect(!text.contains("1 trials") && !text.contains("1 counted trials"))
    }

    @Test func warningsNameOnlyWhatIsWrongInWords() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/perception-report-input.jsonl")
        let good = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        #expect(good.contains("\"mode\":\"rate\"") && good.contains("\"rate\":60.0,\"ttft\":0.3"))
        let zero = good.replacingOccurrences(of: "\"rate\":60.0,", with: "\"rate\":0,")
        let (records, warnings) = ResultsFile.parse(
            [zero, "[1,2]", "\"x\""].joined(separator: "\n") + "\n", source: "b.jsonl")
        #expect(records.isEmpty)
        #expect(warnings.count == 3)
        #expect(
            warnings[0]
                == "b.jsonl:1: skipped a line with impossible values: pane A rate 0 is not a rate in (0, 100000] tok/s")
        #expect(
            warnings[1]
                == "b.jsonl:2: skipped a line that is not a complete trial record: the line is not a JSON object")
        #expect(warnings[2].hasSuffix("the line is not a JSON object"))
        #expect(!warnings.joined().contains("Dictionary") && !warnings.joined().contains("ttft 0"))
    }

    @Test func badValuesInAResultsFileAreWarnedAboutNotFatal() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/perception-report-input.jsonl")
        let good = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        let bad = [
            good.replacingOccurrences(of: "\"rate\":", with: "\"rate\":-"),
            good.replacingOccurrences(of: "\"ttft\":", with: "\"ttft\":-"),
            good.replacingOccurrences(of: "\"mode\":\"rate\"", with: "\"mode\":\"ttft\"")
                .replacingOccurrences(of: "\"ttft\":0.3", with: "\"ttft\":99"),
            good.replacingOccurrences(of: "\"rate\":", with: "\"rate\":1e999+"),
        ]
        let (records, warnings) = ResultsFile.parse(bad.joined(separator: "\n") + "\n", source: "bad.jsonl")
        #expect(records.isEmpty)
        #expect(warnings.count == bad.count)
        #expect(warnings.allSatisfy { $0.hasPrefix("bad.jsonl:") && $0.contains(": skipped") })
        let report = PerceptionReport(records: records, warnings: warnings)
        #expect(PerceptionReportText.text(report).contains("no counted trials"))
        #expect(PerceptionReportText.csv(report).hasPrefix("row,"))
        _ = try PerceptionReportText.json(report)
    }

    /// The overall threshold is marked on the band it falls in, and only there; beyond the bands
    /// drawn it is said in words.
    @Test func theThresholdIsMarkedOnlyWhereItFalls() throws {
        var r = try Self.report()
        let index = try #require(r.groups.firstIndex { $0.task == .code && $0.mode == .rate })
        let last = try #require(r.groups[index].curve.last)
        for (threshold, marked) in [
            (last.high + 40, nil), (last.low + 1, last.low), (r.groups[index].curve[0].low / 2, nil),
        ] {
            r.groups[index].overall?.threshold = threshold
            let lines = PerceptionReportText.group(r.groups[index], ascii: false)
            let marks = lines.filter { $0.contains("◀ overall threshold") }
            if let marked {
                #expect(marks.count == 1)
                #expect(
                    marks.first?.contains(PerceptionReportText.value(marked, mode: .rate) + "–") == true, "\(marks)")
            } else {
                #expect(marks.isEmpty, "\(lines)")
                #expect(lines.contains { $0.contains("is beyond the chart") })
            }
        }
    }
}

/// `perceive report` on present-mode lines: per presentation, and paired differences.
@Suite struct PerceptionPresentReportTests {
    static func report() throws -> PerceptionReport {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Snapshots/perception-report-present-input.jsonl")
        let (records, warnings) = ResultsFile.parse(
            try String(contentsOf: url, encoding: .utf8), source: "present.jsonl")
        return PerceptionReport(records: records, warnings: warnings)
    }

    @Test func textCsvAndJsonOnAFixedPresentFile() throws {
        let r = try Self.report()
        #expect(r.warnings.isEmpty)
        #expect(r.groups.count == 1 && r.groups[0].trials == 6, "practice lines are left out")
        let text = PerceptionReportText.text(r)
        assertSnapshot(text, named: "perception-report-present")
        #expect(text.contains("2 participants · 6 counted trials"))
        let csv = PerceptionReportText.csv(r)
        assertSnapshot(csv, named: "perception-report-present-csv")
        let columns = csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).count
        }
        #expect(Set(columns).count == 1, "every row has the header's columns")
        let json = try PerceptionReportText.json(r)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let group = try #require((object?["groups"] as? [[String: Any]])?.first)
        let present = try #require(group["present"] as? [String: Any])
        #expect((present["presentations"] as? [[String: Any]])?.count == 3)
        #expect((present["differences"] as? [[String: Any]])?.count == 3)
        #expect(group["e2e"] as? Double == 8)
    }

    @Test func aRateFileKeepsItsCsvHeader() throws {
        let rate = PerceptionReportText.csv(try PerceptionReportTests.report())
        #expect(
            rate.hasPrefix(
                "row,task,mode,jitter,unit,participant,value,low,high,accepted,shown,share,judged,trials,participants\n"
            ))
    }
}
