import TokenPaceCore

/// Anthropic Messages streaming: named SSE events from `message_start` to `message_stop`.
///
/// `text_delta` is answer, `thinking_delta` reasoning, `tool_use` names and `input_json_delta`
/// tool calls (`Decoding.toolCall`); `message_delta` carries the cumulative output count; `ping`
/// and event types this decoder does not know are ignored, as the API asks.
public struct AnthropicMessagesDecoder: StreamDecoder {
    private var sse = SSEParser()
    private var stopReason: String?
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
        return [.failed(.incompleteStream(expected: "event: message_stop"))]
    }

    private mutating func handle(_ event: SSEEvent, at t: Double) -> [BackendEvent] {
        let payload: Payload
        switch Decoding.read(event.data, Payload.read) {
        case .success(let p): payload = p
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        let name = event.type == "message" ? (payload.type ?? "message") : event.type
        switch name {
        case "message_start":
            if let model = payload.model { report.model = model }
            if let start = payload.usage { merge(start) }
            return []
        case "content_block_start":
            guard let block = payload.contentBlock else { return [] }
            switch block.type {
            case "text": return [Decoding.token(block.text, .answer, t)].compactMap { $0 }
            case "thinking": return [Decoding.token(block.thinking, .reasoning, t)].compactMap { $0 }
            case "tool_use", "server_tool_use":
                return [Decoding.token(Decoding.toolCall(name: block.name, arguments: nil), .toolCall, t)]
                    .compactMap { $0 }
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
            guard let delta = payload.usage, delta["output_tokens"]?.int != nil else { return [] }
            merge(delta)
            return [.usage(Usage(anthropic: report.usage ?? delta))]
        case "message_stop":
            done = true
            return [.finished(reason: stopReason)]
        case "error":
            done = true
            let error = payload.error ?? ServerErrorBody(message: Decoding.snippet(event.data))
            return [.failed(.streamError(message: error.message, type: error.type))]
        default:
            return []  // ping, content_block_stop, and event types added after this was written.
        }
    }

    /// `message_start`'s usage updated by each `message_delta`'s: later counts replace earlier ones
    /// (a `null` count replaces nothing).
    private mutating func merge(_ usage: JSONValue) {
        guard var members = report.usage?.members, let newer = usage.members else {
            report.usage = usage
            return
        }
        for m in newer where !m.value.isNull {
            if let i = members.firstIndex(where: { $0.key == m.key }) { members[i] = m } else { members.append(m) }
        }
        report.usage = .object(members)
    }

    /// The fields of an event a pane needs, read straight from the bytes (see `JSONReader`).
    private struct Payload {
        var type: String?
        var model: String?
        var contentBlock: Block?
        var delta: Delta?
        /// `usage` of `message_delta`, or of `message_start`'s message.
        var usage: JSONValue?
        var error: ServerErrorBody?

        static let keys = JSONKeys("type", "message", "content_block", "delta", "usage", "error")
        static let messageKeys = JSONKeys("usage", "model")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> Payload {
            var p = Payload()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: p.type = try r.string()
                case 1:
                    _ = try r.object(messageKeys) { (k, r) throws(JSONReadError) in
                        switch k {
                        case 0: p.usage = try r.objectValue()
                        default: p.model = try r.string()
                        }
                    }
                case 2: p.contentBlock = try Block.read(&r)
                case 3: p.delta = try Delta.read(&r)
                case 4: p.usage = try r.objectValue()
                default: p.error = try ServerErrorBody.read(&r)
                }
            }
            guard found else { throw r.fail("null payload") }
            return p
        }
    }

    private struct Block {
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

    private struct Delta {
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

extension Usage {
    /// Anthropic's `usage`: cache reads and writes are counted apart from `input_tokens`, so the
    /// whole prompt (`promptTokens`, as OpenAI's `prompt_tokens` is) is their sum.
    public init(anthropic usage: JSONValue) {
        let read = usage["cache_read_input_tokens"]?.int
        self.init(
            promptTokens: (usage["input_tokens"]?.int ?? 0) + (read ?? 0)
                + (usage["cache_creation_input_tokens"]?.int ?? 0),
            completionTokens: usage["output_tokens"]?.int ?? 0, cachedTokens: read)
    }
}
