import TokenPaceCore

/// OpenAI Chat Completions streaming (`data: {chunk}` ... `data: [DONE]`), as spoken by OpenAI,
/// llama.cpp, vLLM, SGLang, LM Studio, OpenRouter, Groq and Ollama's `/v1`.
///
/// Role-only and empty deltas are not tokens. `reasoning_content` (DeepSeek, llama.cpp, SGLang)
/// and `reasoning` (OpenRouter, Ollama `/v1`, newer vLLM) are both reasoning: the first non-empty
/// one of a delta counts, since a server that sends both sends the same text twice. `content` and
/// `refusal` are answer text, as is a legacy completion's `text`. `tool_calls` fragments become
/// tool-call tokens (`Decoding.toolCall`). The usage chunk may have `choices: []`, `null` or none;
/// llama.cpp's `timings` become `.serverTimings`. Only `[DONE]` ends the stream: a finish reason
/// without it is a stream cut short.
public struct OpenAIChatDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var finishReason: String?
    private var done = false
    public private(set) var report = StreamReport()

    public init() {}

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
            let body = ServerErrorBody.parse(event.data) ?? ServerErrorBody(message: Decoding.snippet(event.data))
            return [.failed(.streamError(message: body.message, type: body.type))]
        }
        if Decoding.isDone(event.data) {
            done = true
            return [.finished(reason: finishReason)]
        }
        let wantsModel = report.model == nil
        let chunk: Chunk
        switch Decoding.read(event.data, { (r) throws(JSONReadError) in try Chunk.read(&r, model: wantsModel) }) {
        case .success(let c): chunk = c
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let model = chunk.model { report.model = model }
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
                    let text = Decoding.toolCall(name: call.name, arguments: call.arguments)
                    if let token = Decoding.token(text, .toolCall, t) { out.append(token) }
                }
            }
            if let token = Decoding.token(choice.text, .answer, t) { out.append(token) }
            if let reason = choice.finishReason { finishReason = reason }
        }
        if let usage = chunk.usage {
            report.usage = usage
            out.append(.usage(Usage(openAI: usage)))
        }
        if let timings = chunk.timings {
            report.server = timings
            out.append(.serverTimings(ServerTimings(llamaTimings: timings)))
        }
        return out
    }

    /// The fields of a chunk a pane needs, read straight from the bytes (see `JSONReader`).
    private struct Chunk {
        var choices: [Choice]?
        var model: String?
        var usage: JSONValue?
        var timings: JSONValue?
        var error: ServerErrorBody?

        static let keys = JSONKeys("choices", "usage", "timings", "error", "model")

        /// `model` is read only while it is not known yet: every chunk repeats it.
        static func read(_ r: inout JSONReader, model: Bool) throws(JSONReadError) -> Chunk {
            var c = Chunk()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: c.choices = try r.array(Choice.read)
                case 1: c.usage = try r.objectValue()
                case 2: c.timings = try r.objectValue()
                case 3: c.error = try ServerErrorBody.read(&r)
                default: if model { c.model = try r.string() } else { try r.skipValue() }
                }
            }
            guard found else { throw r.fail("null chunk") }
            return c
        }
    }

    private struct Choice {
        var delta: Delta?
        var text: String?
        var finishReason: String?

        static let keys = JSONKeys("delta", "finish_reason", "text")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Choice {
            var c = Choice()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: c.delta = try Delta.read(&r)
                case 1: c.finishReason = try r.string()
                default: c.text = try r.string()
                }
            }
            guard found else { throw r.fail("null choice") }
            return c
        }
    }

    private struct Delta {
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

    /// One `tool_calls` fragment: the function's name (first fragment) and a piece of its arguments.
    private struct ToolCall {
        var name: String?
        var arguments: String?

        static let keys = JSONKeys("function")
        static let functionKeys = JSONKeys("name", "arguments")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> ToolCall {
            var c = ToolCall()
            let found = try r.object(keys) { (_, r) throws(JSONReadError) in
                _ = try r.object(functionKeys) { (k, r) throws(JSONReadError) in
                    switch k {
                    case 0: c.name = try r.string()
                    default: c.arguments = try r.string()
                    }
                }
            }
            guard found else { throw r.fail("null tool call") }
            return c
        }
    }
}

extension Usage {
    /// OpenAI's `usage` object: `prompt_tokens`, `completion_tokens`, and the reasoning and cached
    /// counts in their `…_details` objects.
    public init(openAI usage: JSONValue) {
        self.init(
            promptTokens: usage["prompt_tokens"]?.int ?? 0, completionTokens: usage["completion_tokens"]?.int ?? 0,
            reasoningTokens: usage["completion_tokens_details"]?["reasoning_tokens"]?.int,
            cachedTokens: usage["prompt_tokens_details"]?["cached_tokens"]?.int)
    }
}
