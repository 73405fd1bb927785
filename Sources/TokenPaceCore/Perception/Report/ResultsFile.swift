import Foundation

/// Reads results files: one JSON object per line. A line that is not a complete record — the torn
/// last line of a session that was killed mid-write, or anything else — or whose values cannot be
/// analysed (a negative rate, a rating of 9, an accepted pane that was not shown) is skipped with a
/// warning naming the file, the line and what is wrong, so one bad line never costs the rest.
public enum ResultsFile {
    public static func parse(_ text: String, source: String) -> (records: [TrialRecord], warnings: [String]) {
        var records: [TrialRecord] = []
        var warnings: [String] = []
        let decoder = JSONDecoder()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let torn = i == lines.count - 1 && !text.hasSuffix("\n")
            let record: TrialRecord
            do {
                record = try decoder.decode(TrialRecord.self, from: Data(line.utf8))
            } catch {
                let why = (error as? DecodingError)?.reason ?? "not a trial record"
                warnings.append(
                    torn
                        ? "\(source):\(i + 1): skipped a torn last line (the session stopped mid-write): \(why)"
                        : "\(source):\(i + 1): skipped a line that is not a complete trial record: \(why)")
                continue
            }
            if let problem = record.problem {
                warnings.append("\(source):\(i + 1): skipped a line with impossible values: \(problem)")
                continue
            }
            records.append(record)
        }
        return (records, warnings)
    }
}
