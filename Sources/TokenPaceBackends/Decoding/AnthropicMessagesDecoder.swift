import Foundation
import TokenPaceCore

/// Anthropic Messages streaming: named SSE events from `message_start` to `message_stop`.
///
/// `text_delta` is answer, `thinking_delta` reasoning, `tool_use` names and `input_json_delta`
/// tool calls; `message_delta` carries the cumulative output count; `ping` and event types this
/// decoder does not know are ignored, as the API asks.
public struct AnthropicMessagesDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var usage = MessageUsage()
    private var stopReason: String?
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
        return [.failed(.incompleteStream(expected: "event: message_stop"))]
    }

    private mutating func handle(_ event: SSEEvent, at t: Double) -> [BackendEvent] {
        let payload: Payload
        switch payloads.decode(Payload.self, event.data, fast: Payload.read) {
        case .success(let p): payload = p
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        let name = event.type == "message" ? (payload.type ?? "message") : event.type
        switch name {
        case "message_start":
            if let start = payload.message?.usage { usage.merge(start) }
            return []
        case "content_block_start":
            guard let block = payload.contentBlock else { return [] }
            switch block.type {
            case "text": return [Decoding.token(block.text, .answer, t)].compactMap { $0 }
            case "thinking": return [Decoding.token(block.thinking, .reasoning, t)].compactMap { $0 }
            case "tool_use", "server_tool_use": return [Decoding.token(block.name, .toolCall, t)].compactMap { $0 }
            default: return []
            }
        case "content_block_delta":
            guard let delta = payload.delta else { return [] }
            switch delta.type {
            case "text_delta": return [Decoding.token(delta.text, .answer, t)].compactMap { $0 }
            case "thinking_delta": return [Decoding.token(delta.thinking, .reasoning, t)].compactMap { $0 }
            case "input_json_delta": return [Decoding.token(delta.partialJson, .toolCall, t)].compactMap { $0 }
            default: return []  // signature_delta, citations_delta, ...
            }
        case "message_delta":
            if let reason = payload.delta?.stopReason { stopReason = reason }
            guard let delta = payload.usage, delta.outputTokens != nil else { return [] }
            usage.merge(delta)
            return [.usage(usage.total)]
        case "message_stop":
            done = true
            return [.finished(reason: stopReason)]
        case "error":
            done = true
            let error = payload.error ?? ServerErrorBody(message: Decoding.snippet(event.data), type: nil)
            return [.failed(.streamError(message: error.message, type: error.type))]
        default:
            return []  // ping, content_block_stop, and event types added after this was written.
        }
    }

    private struct Payload: Decodable {
        var type: String?
        var message: Message?
        var contentBlock: Block?
        var delta: Delta?
        var usage: MessageUsage?
        var error: ServerErrorBody?

        // The fast path: the same fields straight from the bytes (see `JSONReader`).
        static let keys = JSONKeys("type", "message", "content_block", "delta", "usage", "error")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Payload {
            var p = Payload()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: p.type = try r.string()
                case 1: p.message = try Message.read(&r)
                case 2: p.contentBlock = try Block.read(&r)
                case 3: p.delta = try Delta.read(&r)
                case 4: p.usage = try MessageUsage.read(&r)
                default: try r.null(else: "an error object")
                }
            }
            guard found else { throw r.fail("null payload") }
            return p
        }
    }

    private struct Message: Decodable {
        var usage: MessageUsage?

        static let keys = JSONKeys("usage")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Message? {
            var m = Message()
            let found = try r.object(keys) { (_, r) throws(JSONReadError) in m.usage = try MessageUsage.read(&r) }
            return found ? m : nil
        }
    }

    /// Anthropic counts cache reads and writes apart from `input_tokens`; `Usage.promptTokens`
    /// is the whole prompt, as OpenAI's `prompt_tokens` is.
    private struct MessageUsage: Decodable {
        var inputTokens: Int?
        var outputTokens: Int?
        var cacheReadInputTokens: Int?
        var cacheCreationInputTokens: Int?

        mutating func merge(_ other: MessageUsage) {
            inputTokens = other.inputTokens ?? inputTokens
            outputTokens = other.outputTokens ?? outputTokens
            cacheReadInputTokens = other.cacheReadInputTokens ?? cacheReadInputTokens
            cacheCreationInputTokens = other.cacheCreationInputTokens ?? cacheCreationInputTokens
        }

        static let keys = JSONKeys(
            "input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> MessageUsage? {
            var u = MessageUsage()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: u.inputTokens = try r.int()
                case 1: u.outputTokens = try r.int()
                case 2: u.cacheReadInputTokens = try r.int()
                default: u.cacheCreationInputTokens = try r.int()
                }
            }
            return found ? u : nil
        }

        var total: Usage {
            Usage(
                promptTokens: (inputTokens ?? 0) + (cacheReadInputTokens ?? 0) + (cacheCreationInputTokens ?? 0),
                completionTokens: outputTokens ?? 0, cachedTokens: cacheReadInputTokens)
        }
    }

    private struct Block: Decodable {
        var type: String?
        var text: String?
        var thinking: String?
        var name: String?

        static let keys = JSONKeys("type", "text", "thinking", "name")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Block? {
            var b = Block()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: b.type = try r.string()
                case 1: b.text = try r.string()
                case 2: b.thinking = try r.string()
                default: b.name = try r.string()
                }
            }
            return found ? b : nil
        }
    }

    private struct Delta: Decodable {
        var type: String?
        var text: String?
        var thinking: String?
        var partialJson: String?
        var stopReason: String?

        static let keys = JSONKeys("type", "text", "thinking", "partial_json", "stop_reason")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Delta? {
            var d = Delta()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: d.type = try r.string()
                case 1: d.text = try r.string()
                case 2: d.thinking = try r.string()
                case 3: d.partialJson = try r.string()
                default: d.stopReason = try r.string()
                }
            }
            return found ? d : nil
        }
    }
}
