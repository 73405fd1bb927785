import Foundation
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// What `trace list` and `trace convert` do with files, apart from the command line.
public enum TraceFiles {
    /// One row per shipped trace: name, backend, task, the prompt's first line, how the stream went.
    public static func shippedRows() throws(ValueError) -> [[String]] {
        let paths = TraceCatalog.shipped()
        guard !paths.isEmpty else { throw ValueError("no Samples/traces folder found (set TOKENPACE_SAMPLES)") }
        return paths.map { path -> [String] in
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            guard let trace = try? TraceCatalog.read(path) else { return [name, "unreadable", "", "", ""] }
            let result: String
            switch trace.end {
            case .failed(let f): result = f.summary
            default: result = "\(trace.metrics().tokens) tok, TTFT \(Format.duration(trace.metrics().ttft, .precise))"
            }
            let prompt = trace.header.prompt?.split(separator: "\n").first.map(String.init) ?? ""
            return [
                name, trace.header.backend, trace.header.task?.rawValue ?? "",
                prompt.count > 40 ? String(prompt.prefix(39)) + "…" : prompt, result,
            ]
        }
    }

    /// Converts raw captures into traces (into a folder when `output` is one or there are several);
    /// returns one line per capture: where it went and its figures.
    public static func convert(
        _ captures: [String], to output: String, task: TaskKind?, url: String?
    ) throws(ValueError) -> [String] {
        var isDir: ObjCBool = false
        let outIsDir =
            captures.count > 1 || output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isDir) && isDir.boolValue)
        if outIsDir {
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                throw ValueError("\(output): cannot create the folder (\(error.localizedDescription))")
            }
        }
        var lines: [String] = []
        for capture in captures {
            let text = try TextFile.read(capture)
            var trace: Trace
            do {
                trace = try CaptureConverter.read(text, path: capture, task: task, url: url)
            } catch {
                throw ValueError(error.description)
            }
            trace.header.version = TokenPaceVersion.string
            let modified = (try? FileManager.default.attributesOfItem(atPath: capture))?[.modificationDate] as? Date
            trace.header.recordedAt = modified?.ISO8601Format()
            let dest =
                outIsDir ? (output as NSString).appendingPathComponent((capture as NSString).lastPathComponent) : output
            try TextFile.write(TraceFile.encode(trace, secrets: BackendSpec.secretValues()), to: dest)
            let m = trace.metrics()
            let figures =
                trace.events.isEmpty
                ? "no tokens (\(endSummary(trace.end)))"
                : "\(m.tokens) tok, TTFT \(Format.duration(m.ttft, .precise)), \(Format.fixed(m.decodeRate, 1)) tok/s, \(Format.rate(m.charactersPerSecond)) characters/s"
            lines.append("\(capture) → \(dest): \(figures)")
        }
        return lines
    }

    static func endSummary(_ end: TraceEnd?) -> String {
        switch end {
        case .failed(let f): return "error \(f.status.map(String.init) ?? ""): \(f.message)"
        case .finished(_, let reason): return reason ?? "finished"
        case nil: return "no end"
        }
    }
}
