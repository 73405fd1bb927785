import Foundation
import TokenPaceCore

/// Ollama's native NDJSON stream (`/api/chat`, and `/api/generate`'s `response`/`thinking`).
///
/// The last line (`"done": true`) carries durations in nanoseconds; they become milliseconds in
/// `.serverTimings`. An `{"error": "..."}` line ends the stream with the server's message.
public struct OllamaChatDecoder: StreamDecoder {
    private var lines = LineSplitter()
    private var done = false

    var payloads = PayloadDecoding()

    public init() {}

    /// With `fastJSON: false`, every payload is read by `JSONDecoder` (tests compare the two).
    init(fastJSON: Bool) { payloads.fast = fastJSON }

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
        switch payloads.decode(Line.self, line, fast: Line.read) {
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

        // The fast path: the same fields straight from the bytes (see `JSONReader`).
        static let keys = JSONKeys(
            "message", "response", "thinking", "done", "done_reason", "error", "load_duration", "prompt_eval_count",
            "prompt_eval_duration", "eval_count", "eval_duration")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Line {
            var l = Line()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: l.message = try Message.read(&r)
                case 1: l.response = try r.string()
                case 2: l.thinking = try r.string()
                case 3: l.done = try r.bool()
                case 4: l.doneReason = try r.string()
                case 5: try r.null(else: "an error")
                case 6: l.loadDuration = try r.int()
                case 7: l.promptEvalCount = try r.int()
                case 8: l.promptEvalDuration = try r.int()
                case 9: l.evalCount = try r.int()
                default: l.evalDuration = try r.int()
                }
            }
            guard found else { throw r.fail("null line") }
            return l
        }
    }

    private struct Message: Decodable {
        var content: String?
        var thinking: String?
        var toolCalls: [ToolCall]?

        static let keys = JSONKeys("content", "thinking", "tool_calls")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Message? {
            var m = Message()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: m.content = try r.string()
                case 1: m.thinking = try r.string()
                default:
                    // Arguments are free-form JSON (`JSONValue`): tool calls go to the full decoder.
                    m.toolCalls = try r.array { (r) throws(JSONReadError) -> ToolCall in throw r.fail("a tool call") }
                }
            }
            return found ? m : nil
        }
    }

    private struct ToolCall: Decodable {
        struct Function: Decodable {
            var name: String?
            var arguments: JSONValue?
        }
        var function: Function?
    }
}
