import Foundation
import TokenPaceCore

/// Ollama's native NDJSON stream (`/api/chat`, and `/api/generate`'s `response`/`thinking`).
///
/// The last line (`"done": true`) carries durations in nanoseconds; they become milliseconds in
/// `.serverTimings`. An `{"error": "..."}` line ends the stream with the server's message.
public struct OllamaChatDecoder: StreamDecoder {
    private var lines = LineSplitter()
    private var done = false

    public init() {}

    public mutating func feed(_ bytes: some Sequence<UInt8>, at t: Double) -> [BackendEvent] {
        var out: [BackendEvent] = []
        for line in lines.feed(bytes) where !done {
            out += handle(line, at: t)
        }
        return out
    }

    public mutating func finish(at t: Double) -> [BackendEvent] {
        var out: [BackendEvent] = []
        if let line = lines.finish(), !done { out += handle(line, at: t) }
        if !done {
            done = true
            out.append(.failed(.incompleteStream(expected: "a final line with \"done\": true")))
        }
        return out
    }

    private mutating func handle(_ line: String, at t: Double) -> [BackendEvent] {
        let chunk: Line
        switch Decoding.decode(Line.self, line) {
        case .success(let c): chunk = c
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let error = chunk.error {
            done = true
            return [.failed(.streamError(message: error.message, type: error.type))]
        }
        var out = [
            Decoding.token(chunk.message?.thinking ?? chunk.thinking, .reasoning, t),
            Decoding.token(chunk.message?.content ?? chunk.response, .answer, t),
        ].compactMap { $0 }
        for call in chunk.message?.toolCalls ?? [] {
            let text = (call.function?.name ?? "") + (call.function?.arguments?.compactText ?? "")
            if let token = Decoding.token(text, .toolCall, t) { out.append(token) }
        }
        guard chunk.done == true else { return out }
        done = true
        if chunk.promptEvalCount != nil || chunk.evalCount != nil {
            out.append(.usage(Usage(promptTokens: chunk.promptEvalCount ?? 0, completionTokens: chunk.evalCount ?? 0)))
        }
        let ms = { (ns: Int?) in ns.map { Double($0) / 1e6 } }
        var rate: Double?
        if let n = chunk.evalCount, let ns = chunk.evalDuration, ns > 0 { rate = Double(n) / Double(ns) * 1e9 }
        out.append(
            .serverTimings(
                ServerTimings(
                    promptTokens: chunk.promptEvalCount, promptMs: ms(chunk.promptEvalDuration),
                    predictedTokens: chunk.evalCount, predictedMs: ms(chunk.evalDuration), predictedPerSecond: rate,
                    loadMs: ms(chunk.loadDuration))))
        out.append(.finished(reason: chunk.doneReason))
        return out
    }

    private struct Line: Decodable {
        var message: Message?
        var response: String?
        var thinking: String?
        var done: Bool?
        var doneReason: String?
        var error: ServerErrorBody?
        var loadDuration: Int?
        var promptEvalCount: Int?
        var promptEvalDuration: Int?
        var evalCount: Int?
        var evalDuration: Int?
    }

    private struct Message: Decodable {
        var content: String?
        var thinking: String?
        var toolCalls: [ToolCall]?
    }

    private struct ToolCall: Decodable {
        struct Function: Decodable {
            var name: String?
            var arguments: JSONValue?
        }
        var function: Function?
    }
}
