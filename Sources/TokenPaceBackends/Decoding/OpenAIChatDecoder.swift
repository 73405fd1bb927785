import Foundation
import TokenPaceCore

/// OpenAI Chat Completions streaming (`data: {chunk}` ... `data: [DONE]`), as spoken by OpenAI,
/// llama.cpp, vLLM, SGLang, LM Studio, OpenRouter, Groq and Ollama's `/v1`.
///
/// Role-only and empty deltas are not tokens; `reasoning_content` and `reasoning` are both
/// reasoning; `tool_calls` fragments become tool-call tokens; the usage chunk may have
/// `choices: []`, `null` or none; llama.cpp's `timings` become `.serverTimings`.
public struct OpenAIChatDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var finishReason: String?
    private var done = false

    var payloads = PayloadDecoding()

    public init() {}

    /// With `fastJSON: false`, every payload is read by `JSONDecoder` (tests compare the two).
    init(fastJSON: Bool) { payloads.fast = fastJSON }

    public mutating func feed(_ bytes: some Sequence<UInt8>, at t: Double) -> [BackendEvent] {
        var out: [BackendEvent] = []
        for event in sse.feed(bytes) where !done {
            out += handle(event, at: t)
        }
        return out
    }

    public mutating func finish(at t: Double) -> [BackendEvent] {
        guard !done else { return [] }
        done = true
        return [.failed(.incompleteStream(expected: "data: [DONE]"))]
    }

    private mutating func handle(_ event: SSEEvent, at t: Double) -> [BackendEvent] {
        if event.type == "error" {
            done = true
            let body = ServerErrorBody.message(in: event.data) ?? "unknown error"
            return [.failed(.streamError(message: body, type: nil))]
        }
        if Decoding.isDone(event.data) {
            done = true
            return [.finished(reason: finishReason)]
        }
        let chunk: Chunk
        switch payloads.decode(Chunk.self, event.data, fast: Chunk.read) {
        case .success(let c): chunk = c
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let error = chunk.error {
            done = true
            return [.failed(.streamError(message: error.message, type: error.type))]
        }
        var out: [BackendEvent] = []
        for choice in chunk.choices ?? [] {
            if let delta = choice.delta {
                let reasoning = [delta.reasoningContent, delta.reasoning].compactMap { $0 }.first { !$0.isEmpty }
                out += [
                    Decoding.token(reasoning, .reasoning, t),
                    Decoding.token(delta.content, .answer, t),
                    Decoding.token(delta.refusal, .answer, t),
                ].compactMap { $0 }
                for call in delta.toolCalls ?? [] {
                    let text = (call.function?.name ?? "") + (call.function?.arguments ?? "")
                    if let token = Decoding.token(text, .toolCall, t) { out.append(token) }
                }
            }
            if let reason = choice.finishReason { finishReason = reason }
        }
        if let usage = chunk.usage {
            out.append(
                .usage(
                    Usage(
                        promptTokens: usage.promptTokens ?? 0, completionTokens: usage.completionTokens ?? 0,
                        reasoningTokens: usage.completionTokensDetails?.reasoningTokens,
                        cachedTokens: usage.promptTokensDetails?.cachedTokens)))
        }
        if let timings = chunk.timings { out.append(.serverTimings(timings.serverTimings)) }
        return out
    }

    private struct Chunk: Decodable {
        var choices: [Choice]?
        var usage: ChunkUsage?
        var timings: LlamaTimings?
        var error: ServerErrorBody?

        // The fast path: the same fields straight from the bytes (see `JSONReader`).
        static let keys = JSONKeys("choices", "usage", "timings", "error")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Chunk {
            var c = Chunk()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: c.choices = try r.array(Choice.read)
                case 1: c.usage = try ChunkUsage.read(&r)
                case 2: c.timings = try LlamaTimings.read(&r)
                default: try r.null(else: "an error object")
                }
            }
            guard found else { throw r.fail("null chunk") }
            return c
        }
    }

    private struct Choice: Decodable {
        var delta: Delta?
        var finishReason: String?

        static let keys = JSONKeys("delta", "finish_reason")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Choice {
            var c = Choice()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: c.delta = try Delta.read(&r)
                default: c.finishReason = try r.string()
                }
            }
            guard found else { throw r.fail("null choice") }
            return c
        }
    }

    private struct Delta: Decodable {
        var content: String?
        var reasoningContent: String?
        var reasoning: String?
        var refusal: String?
        var toolCalls: [ToolCall]?

        static let keys = JSONKeys("content", "reasoning_content", "reasoning", "refusal", "tool_calls")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Delta? {
            var d = Delta()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: d.content = try r.string()
                case 1: d.reasoningContent = try r.string()
                case 2: d.reasoning = try r.string()
                case 3: d.refusal = try r.string()
                default: d.toolCalls = try r.array(ToolCall.read)
                }
            }
            return found ? d : nil
        }
    }

    private struct ToolCall: Decodable {
        struct Function: Decodable {
            var name: String?
            var arguments: String?

            static let keys = JSONKeys("name", "arguments")

            static func read(_ r: inout JSONReader) throws(JSONReadError) -> Function? {
                var f = Function()
                let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                    switch k {
                    case 0: f.name = try r.string()
                    default: f.arguments = try r.string()
                    }
                }
                return found ? f : nil
            }
        }
        var function: Function?

        static let keys = JSONKeys("function")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> ToolCall {
            var c = ToolCall()
            let found = try r.object(keys) { (_, r) throws(JSONReadError) in c.function = try Function.read(&r) }
            guard found else { throw r.fail("null tool call") }
            return c
        }
    }

    private struct ChunkUsage: Decodable {
        struct CompletionDetails: Decodable { var reasoningTokens: Int? }
        struct PromptDetails: Decodable { var cachedTokens: Int? }
        var promptTokens: Int?
        var completionTokens: Int?
        var completionTokensDetails: CompletionDetails?
        var promptTokensDetails: PromptDetails?

        static let keys = JSONKeys(
            "prompt_tokens", "completion_tokens", "completion_tokens_details", "prompt_tokens_details")
        static let reasoningKeys = JSONKeys("reasoning_tokens")
        static let cachedKeys = JSONKeys("cached_tokens")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> ChunkUsage? {
            var u = ChunkUsage()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: u.promptTokens = try r.int()
                case 1: u.completionTokens = try r.int()
                case 2:
                    var d = CompletionDetails()
                    if try r.object(reasoningKeys, { (_, r) throws(JSONReadError) in d.reasoningTokens = try r.int() }) {
                        u.completionTokensDetails = d
                    }
                default:
                    var d = PromptDetails()
                    if try r.object(cachedKeys, { (_, r) throws(JSONReadError) in d.cachedTokens = try r.int() }) {
                        u.promptTokensDetails = d
                    }
                }
            }
            return found ? u : nil
        }
    }
}
