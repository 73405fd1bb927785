import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// Writes every pane of the dashboard as a trace file (`w`); `PaneTrace` says what each holds.
/// `tokenpace record` builds its traces with `traces` too and names its files its own way.
public enum TraceSaver {
    /// Every pane with its trace, in pane order; the trace is nil for a trace pane whose file could
    /// not be read, which has nothing of its own to save.
    /// `stages`: what staged panes' outline requests received, by pane index.
    public static func traces(
        state: AppState, live: [Int: BackendSpec], received: [Int: CaptureReader.Capture],
        stages: [Int: CaptureReader.Capture] = [:], origins: [Int: PaneOrigin], prompt: String, recordedAt: String
    ) -> [(pane: PaneState, origin: PaneOrigin?, trace: Trace?)] {
        state.panes.enumerated().map { i, pane in
            let origin = origins[i]
            guard !pane.source.isReplay || origin != nil else { return (pane, origin, nil) }
            let trace = PaneTrace.trace(
                of: pane, state: state, spec: live[i], received: received[i], stage: stages[i], origin: origin,
                prompt: prompt,
                version: TokenPaceVersion.string, recordedAt: recordedAt)
            return (pane, origin, trace)
        }
    }

    public static func save(
        state: AppState, live: [Int: BackendSpec], received: [Int: CaptureReader.Capture],
        stages: [Int: CaptureReader.Capture] = [:], origins: [Int: PaneOrigin], prompt: String,
        directory: String = "traces", date: Date = Date()
    ) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let recordedAt = ISO8601DateFormatter().string(from: date)
        let stamp = recordedAt.replacingOccurrences(of: ":", with: "")
        let secrets = BackendSpec.secretValues(specs: Array(live.values))
        var written: [String] = []
        let all = traces(
            state: state, live: live, received: received, stages: stages, origins: origins, prompt: prompt,
            recordedAt: recordedAt)
        for case let (pane, _, trace?) in all {
            let path = "\(directory)/\(stamp)-\(pane.label).jsonl"
            try TraceFile.encode(trace, secrets: secrets).write(toFile: path, atomically: true, encoding: .utf8)
            written.append(path)
        }
        return written
    }
}

/// The version written into traces and shown by `--version`.
public enum TokenPaceVersion {
    public static let string = "0.2.0"
}
