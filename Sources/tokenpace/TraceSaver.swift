import Foundation
import TokenPaceBackends
import TokenPaceCore

/// Writes every pane of the dashboard as a trace file (`w`); `PaneTrace` says what each holds.
enum TraceSaver {
    static func save(
        state: AppState, live: [Int: BackendSpec], received: [Int: CaptureReader.Capture], origins: [Int: PaneOrigin],
        prompt: String, directory: String = "traces", date: Date = Date()
    ) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let recordedAt = ISO8601DateFormatter().string(from: date)
        let stamp = recordedAt.replacingOccurrences(of: ":", with: "")
        let secrets = BackendSpec.secretValues(specs: Array(live.values))
        var written: [String] = []
        // A trace pane whose file could not be read has nothing of its own to save.
        for (i, pane) in state.panes.enumerated() where !pane.source.isReplay || origins[i] != nil {
            let trace = PaneTrace.trace(
                of: pane, state: state, spec: live[i], received: received[i], origin: origins[i], prompt: prompt,
                version: TokenpaceVersion.string, recordedAt: recordedAt)
            let path = "\(directory)/\(stamp)-\(pane.label).jsonl"
            try TraceFile.encode(trace, secrets: secrets).write(toFile: path, atomically: true, encoding: .utf8)
            written.append(path)
        }
        return written
    }
}
