import ArgumentParser
import Foundation
import TokenPaceApp
import TokenPaceBackends
import TokenPaceCore
import TokenPaceWire

/// `tokenpace trace`: look inside recorded streams and make traces from raw captures.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Inspect traces and convert raw captures into traces (format: docs/traces.md).",
        subcommands: [TraceInfoCommand.self, TraceConvertCommand.self, TraceListCommand.self])
}

struct TraceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the shipped traces (Samples/traces); use one by name: --pane trace:NAME, serve --trace NAME.")

    func run() throws {
        let paths = TraceCatalog.shipped()
        guard !paths.isEmpty else { throw ValidationError("no Samples/traces folder found (set TOKENPACE_SAMPLES)") }
        let rows = paths.map { path -> [String] in
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            guard let trace = try? TraceCatalog.read(path) else { return [name, "unreadable", "", "", ""] }
            let m = trace.metrics()
            let result: String
            switch trace.end {
            case .failed(let f): result = f.summary
            default: result = "\(m.tokens) tok, TTFT \(Format.duration(m.ttft, .precise))"
            }
            return [
                name, trace.header.backend, trace.header.task?.rawValue ?? "",
                trace.header.prompt.map(Self.short) ?? "",
                result,
            ]
        }
        print(table(header: ["trace", "backend", "task", "prompt", "stream"], rows: rows))
        if let dir = TraceCatalog.directories().first { print("\nfrom \(dir)") }
    }

    static func short(_ s: String) -> String {
        let line = s.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 40 ? String(line.prefix(39)) + "…" : line
    }
}

struct TraceInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract:
            "Print a trace's figures: TTFT, TTFA, E2E, decode rate, ITL p50/p90/p99, stalls, tokens, server timings.")

    @Argument(help: "Trace file (.jsonl).")
    var path: String

    @Option(help: "Output: text or json.")
    var format: OutputFormat = .text

    @Option(help: "A gap at least this long counts as a stall.")
    var stall: String = "250ms"

    func run() throws {
        try info()
    }

    private func info() throws {
        let threshold = try ValueParsing.duration(stall)
        let trace = try TraceCatalog.read(path)
        let info = TraceInfo(trace: trace, path: path, stallThreshold: threshold)
        switch format {
        case .text: print(info.text)
        case .json: print(info.json.compact)
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct TraceConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Turn raw captures (request line + {t_ms, data} per socket read) into traces.",
        discussion: """
            Each token's time is the arrival of the socket read that completed its SSE event or NDJSON line. Reads OpenAI chat, Anthropic messages, llama.cpp /completion and Ollama /api/chat captures; an HTTP error becomes a trace whose last line is {"error": ...}. With several captures, -o is a folder.
            """)

    @Argument(help: "Capture files (.jsonl).")
    var captures: [String]

    @Option(name: .shortAndLong, help: "Output trace file, or a folder when converting several captures.")
    var output: String

    @Option(help: "Task for the trace header (default: guessed from the stream and prompt).")
    var task: String?

    @Option(help: "Base URL to record in the header (credentials are removed).")
    var url: String?

    func run() throws {
        try convert()
    }

    private func convert() throws {
        let taskKind = try task.map(TaskKind.parse)
        var isDir: ObjCBool = false
        let outIsDir =
            captures.count > 1 || output.hasSuffix("/")
            || (FileManager.default.fileExists(atPath: output, isDirectory: &isDir) && isDir.boolValue)
        if outIsDir { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) }
        for capture in captures {
            let text = try TextFile.read(capture)
            var trace: Trace
            do {
                trace = try CaptureConverter.read(text, path: capture, task: taskKind, url: url)
            } catch {
                throw ValidationError(error.description)
            }
            trace.header.version = TokenPaceVersion.string
            trace.header.recordedAt = fileDate(capture)
            let name = (capture as NSString).lastPathComponent
            let dest = outIsDir ? (output as NSString).appendingPathComponent(name) : output
            try TextFile.write(TraceFile.encode(trace, secrets: BackendSpec.secretValues()), to: dest)
            let m = trace.metrics()
            let figures =
                trace.events.isEmpty
                ? "no tokens (\(endSummary(trace.end)))"
                : "\(m.tokens) tok, TTFT \(Format.duration(m.ttft, .precise)), \(Format.fixed(m.decodeRate ?? 0, 1)) tok/s"
            FileHandle.standardError.write(Data("\(capture) → \(dest): \(figures)\n".utf8))
        }
    }

    private func fileDate(_ path: String) -> String? {
        guard let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else {
            return nil
        }
        return date.ISO8601Format()
    }

    private func endSummary(_ end: TraceEnd?) -> String {
        switch end {
        case .failed(let f): return "error \(f.status.map(String.init) ?? ""): \(f.message)"
        case .finished(_, let reason): return reason ?? "finished"
        case nil: return "no end"
        }
    }
}
