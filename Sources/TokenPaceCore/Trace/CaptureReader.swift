/// Turns a raw capture (`captures/*.jsonl`: line 1 request/status/headers, then one
/// `{"t_ms", "data"}` per socket read) into a trace.
///
/// Each token's time is the arrival of the socket read that completed its event: that is when a
/// client could first have shown it. It reads OpenAI chat chunks, Anthropic messages events,
/// llama.cpp native `/completion` and Ollama `/api/chat` NDJSON; an HTTP error becomes a trace
/// with an `error` end.
public enum CaptureReader {
    /// One socket read of a capture.
    public struct Read: Sendable, Equatable {
        public var t: Double
        public var bytes: [UInt8]

        public init(t: Double, bytes: [UInt8]) {
            self.t = t
            self.bytes = bytes
        }
    }

    /// A capture's first line and its reads.
    public struct Capture: Sendable, Equatable {
        public var request: TraceJSON
        public var path: String
        public var status: Int
        public var headers: TraceJSON
        public var reads: [Read]

        public init(request: TraceJSON, path: String, status: Int, headers: TraceJSON, reads: [Read]) {
            self.request = request
            self.path = path
            self.status = status
            self.headers = headers
            self.reads = reads
        }
    }

    public static func read(_ text: String, path: String, task: TaskKind? = nil, url: String? = nil)
        throws(TraceError) -> Trace
    {
        let capture = try parse(text, path: path)
        return trace(capture, task: task, url: url)
    }

    public static func parse(_ text: String, path: String) throws(TraceError) -> Capture {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw TraceError(path: path, line: 0, message: "empty capture") }
        let head = try TraceFile.json(first, path: path, line: 1)
        guard let request = head["request"], let status = head["status"]?.int else {
            throw TraceError(path: path, line: 1, message: "not a capture: line 1 needs \"request\" and \"status\"")
        }
        var reads: [Read] = []
        for (index, line) in lines.enumerated().dropFirst() {
            if line.allSatisfy(\.isWhitespace) { continue }
            var parser = JSONParser(Array(line.utf8), surrogateEscape: true)
            var t: Double?
            var bytes: [UInt8]?
            do {
                try parser.parseObject { key, p throws(JSONSyntaxError) in
                    switch key {
                    case "data": bytes = try p.parseStringBytes()
                    case "t_ms": t = try p.parseValue(depth: 1).number
                    default: _ = try p.parseValue(depth: 1)
                    }
                }
            } catch {
                let what = error.message.contains("end of line") ? "truncated line" : "corrupted line"
                throw TraceError(
                    path: path, line: index + 1, message: "\(what): \(error.message) at column \(error.offset + 1)")
            }
            guard let t, let bytes else {
                throw TraceError(path: path, line: index + 1, message: "capture line needs \"t_ms\" and \"data\"")
            }
            reads.append(Read(t: t / 1000, bytes: bytes))
        }
        return Capture(
            request: request, path: head["path"]?.string ?? "", status: status, headers: head["headers"] ?? .object([]),
            reads: reads)
    }

    /// Which wire format a capture speaks, from its path and content type.
    public enum Wire: String, Sendable {
        case openai, anthropic, llamacpp, ollama

        static func of(_ c: Capture) -> Wire {
            let contentType =
                (c.headers.members ?? []).first { $0.key.lowercased() == "content-type" }?.value.string ?? ""
            if c.path.hasSuffix("/messages") { return .anthropic }
            if contentType.contains("ndjson") || c.path.hasSuffix("/api/chat") || c.path.hasSuffix("/api/generate") {
                return .ollama
            }
            // llama.cpp's native endpoint is singular; OpenAI's legacy `/v1/completions` is read as OpenAI.
            if c.path.hasSuffix("/completion") {
                return .llamacpp
            }
            return .openai
        }
    }

    public static func trace(_ c: Capture, task: TaskKind? = nil, url: String? = nil) -> Trace {
        let wire = Wire.of(c)
        var decoder = CaptureDecoder(wire: wire)
        if c.status == 200 {
            decoder.run(c.reads)
        } else {
            decoder.failHTTP(status: c.status, reads: c.reads)
        }
        let prompt = promptText(c.request)
        var events = decoder.events
        if !decoder.countsFromServer, let serverCount = decoder.serverCount {
            events = reconcile(events, serverCount: serverCount, naturalStop: decoder.naturalStop)
        }
        let settings = TraceJSON.object(
            (c.request.members ?? []).filter { !["messages", "prompt", "model", "system"].contains($0.key) })
        let header = TraceHeader(
            backend: wire.rawValue, url: url ?? c.path, model: decoder.model ?? c.request["model"]?.string,
            prompt: prompt, promptTokens: decoder.promptTokens, task: task ?? guessTask(events: events, prompt: prompt),
            settings: settings, server: decoder.server ?? .object([]), usage: decoder.usage)
        return Trace(header: header, events: events, end: decoder.end)
    }

    /// Spreads the server's token count over the pieces when it counted more than were seen
    /// (batched chunks). A natural stop ends with an end-of-sequence token that has no text: it is
    /// counted by the server but is not a piece.
    static func reconcile(_ events: [TokenEvent], serverCount: Int, naturalStop: Bool) -> [TokenEvent] {
        let generated = events.indices.filter { events[$0].kind.isGenerated }
        let seen = generated.reduce(0) { $0 + events[$1].count }
        var surplus = serverCount - seen - (naturalStop ? 1 : 0)
        guard surplus > 0, !generated.isEmpty else { return events }
        var out = events
        // Longer pieces are more likely to be several tokens: share the surplus by UTF-8 length.
        let weights = generated.map { max(1, events[$0].text.utf8.count - 1) }
        let total = weights.reduce(0, +)
        var given = 0
        var remainders: [(Double, Int)] = []
        for (k, i) in generated.enumerated() {
            let share = Double(surplus) * Double(weights[k]) / Double(total)
            let whole = Int(share)
            out[i].count += whole
            given += whole
            remainders.append((share - Double(whole), i))
        }
        surplus -= given
        for (_, i) in remainders.sorted(by: { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }).prefix(surplus) {
            out[i].count += 1
        }
        return out
    }

    /// The last user message (OpenAI/Anthropic/Ollama) or the prompt (llama.cpp native).
    static func promptText(_ request: TraceJSON) -> String? {
        if let p = request["prompt"]?.string { return p }
        guard let messages = request["messages"]?.array else { return nil }
        let user = messages.last { $0["role"]?.string == "user" } ?? messages.last
        guard let content = user?["content"] else { return nil }
        if let s = content.string { return s }
        return content.array?.compactMap { $0["text"]?.string }.joined(separator: "\n")
    }

    /// A task for the header when none is given: reasoning if the model thought, agent if it
    /// called tools, code if it wrote a fence, summarize if asked to, else chat.
    static func guessTask(events: [TokenEvent], prompt: String?) -> TaskKind {
        if events.contains(where: { $0.kind == .toolCall }) { return .agent }
        if events.contains(where: { $0.kind == .reasoning }) { return .reasoning }
        if events.contains(where: { $0.text.contains("```") }) { return .code }
        let p = (prompt ?? "").lowercased()
        if p.hasPrefix("summar") || p.hasPrefix("tl;dr") { return .summarize }
        return .chat
    }
}
