import TokenPaceCore

/// Ollama's native NDJSON stream (`/api/chat`, and `/api/generate`'s `response`/`thinking`).
///
/// The last line (`"done": true`) carries durations in nanoseconds; they become milliseconds in
/// `.serverTimings`. An `{"error": "..."}` line ends the stream with the server's message. Tool
/// calls come whole, arguments as a JSON object (`Decoding.toolCall`).
public struct OllamaChatDecoder: StreamDecoder {
    private var lines = LineSplitter()
    private var done = false
    public private(set) var report = StreamReport()

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

    /// The last line's counts and durations, kept for traces as Ollama sent them.
    static let durationKeys = [
        "total_duration", "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration",
    ]

    private mutating func handle(_ text: String, at t: Double) -> [BackendEvent] {
        let wantsModel = report.model == nil
        let line: Line
        switch Decoding.read(text, { (r) throws(JSONReadError) in try Line.read(&r, model: wantsModel) }) {
        case .success(let l): line = l
        case .failure(let e):
            done = true
            return [.failed(e)]
        }
        if let model = line.model { report.model = model }
        if let error = line.error {
            done = true
            return [.failed(.streamError(message: error.message, type: error.type))]
        }
        var out = [
            Decoding.token(line.message?.thinking ?? line.thinking, .reasoning, t),
            Decoding.token(line.message?.content ?? line.response, .answer, t),
        ].compactMap { $0 }
        for call in line.message?.toolCalls ?? [] {
            let text = Decoding.toolCall(name: call.name, arguments: call.arguments.map(\.tight))
            if let token = Decoding.token(text, .toolCall, t) { out.append(token) }
        }
        guard line.done == true else { return out }
        done = true
        let durations = JSONValue.fields(Self.durationKeys.map { ($0, line.durations[$0]) })
        report.server = durations
        let prompt = durations["prompt_eval_count"]?.int
        let generated = durations["eval_count"]?.int
        if prompt != nil || generated != nil {
            out.append(.usage(Usage(promptTokens: prompt ?? 0, completionTokens: generated ?? 0)))
        }
        out.append(.serverTimings(ServerTimings(ollamaDurations: durations)))
        out.append(.finished(reason: line.doneReason))
        return out
    }

    /// The fields of a line a pane needs, read straight from the bytes (see `JSONReader`).
    private struct Line {
        var message: Message?
        var response: String?
        var thinking: String?
        var done: Bool?
        var doneReason: String?
        var model: String?
        var error: ServerErrorBody?
        /// The last line's counts and durations (`durationKeys`), as numbers.
        var durations: [String: JSONValue] = [:]

        static let keys = JSONKeys(
            "message", "response", "thinking", "done", "done_reason", "error", "model", "total_duration",
            "load_duration", "prompt_eval_count", "prompt_eval_duration", "eval_count", "eval_duration")

        /// `model` is read only while it is not known yet: every line repeats it.
        static func read(_ r: inout JSONReader, model: Bool) throws(JSONReadError) -> Line {
            var l = Line()
            let found = try r.object(keys) { (k, r) throws(JSONReadError) in
                switch k {
                case 0: l.message = try Message.read(&r)
                case 1: l.response = try r.string()
                case 2: l.thinking = try r.string()
                case 3: l.done = try r.bool()
                case 4: l.doneReason = try r.string()
                case 5: l.error = try ServerErrorBody.read(&r)
                case 6: if model { l.model = try r.string() } else { try r.skipValue() }
                default:
                    guard let n = try r.double() else { break }
                    l.durations[Self.durationKeys[k - 7]] = .number(n)
                }
            }
            guard found else { throw r.fail("null line") }
            return l
        }

        static let durationKeys = OllamaChatDecoder.durationKeys
    }

    private struct Message {
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
                default: m.toolCalls = try r.array(ToolCall.read)
                }
            }
            return found ? m : nil
        }
    }

    /// One whole tool call: the function's name and its arguments, free-form JSON.
    private struct ToolCall {
        var name: String?
        var arguments: JSONValue?

        static let keys = JSONKeys("function")
        static let functionKeys = JSONKeys("name", "arguments")

        static func read(_ r: inout JSONReader) throws(JSONReadError) -> ToolCall {
            var c = ToolCall()
            let found = try r.object(keys) { (_, r) throws(JSONReadError) in
                _ = try r.object(functionKeys) { (k, r) throws(JSONReadError) in
                    switch k {
                    case 0: c.name = try r.string()
                    default:
                        let arguments = try r.value()
                        c.arguments = arguments.isNull ? nil : arguments
                    }
                }
            }
            guard found else { throw r.fail("null tool call") }
            return c
        }
    }
}
