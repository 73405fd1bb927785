import Foundation
import Testing

/// Compares text with a file beside the tests. A missing file (or TOKENPACE_RECORD=1) records it,
/// and the test fails so a new snapshot is always looked at before it is trusted.
func assertSnapshot(
    _ text: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = dir.appendingPathComponent(name + ".txt")
    let record = ProcessInfo.processInfo.environment["TOKENPACE_RECORD"] == "1"
    if !record, let expected = try? String(contentsOf: url, encoding: .utf8) {
        #expect(text == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
        return
    }
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try? text.write(to: url, atomically: true, encoding: .utf8)
    Issue.record("recorded snapshot \(name); run again to compare", sourceLocation: sourceLocation)
}
