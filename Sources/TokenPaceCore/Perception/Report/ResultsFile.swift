import Foundation

/// Reads results files: one JSON object per line. A line that is not a complete record — the torn
/// last line of a session that was killed mid-write, or anything else — is skipped with a warning
/// naming the file and line, so one bad line never costs the rest.
public enum ResultsFile {
    public static func parse(_ text: String, source: String) -> (records: [TrialRecord], warnings: [String]) {
        var records: [TrialRecord] = []
        var warnings: [String] = []
        let decoder = JSONDecoder()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            do {
                records.append(try decoder.decode(TrialRecord.self, from: Data(line.utf8)))
            } catch {
                let torn = i == lines.count - 1 && !text.hasSuffix("\n")
                warnings.append(
                    "\(source):\(i + 1): skipped \(torn ? "a torn last line (the session stopped mid-write)" : "a line that is not a complete trial record")")
            }
        }
        return (records, warnings)
    }
}
