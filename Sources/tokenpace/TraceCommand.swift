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
        print(
            TextTable.render(
                header: ["trace", "backend", "task", "prompt", "stream"], rows: try TraceFiles.shippedRows()))
        if let dir = TraceCatalog.directories().first { print("\nfrom \(dir)") }
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
        for line in try TraceFiles.convert(captures, to: output, task: try task.map(TaskKind.parse), url: url) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }
}
