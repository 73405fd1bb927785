import TokenPaceCore

/// Turns what one request received — a raw capture file (`captures/*.jsonl`) or a live pane's
/// `LiveCapture` — into a trace, through the decoder a live pane uses (`DecodedStream`): a saved
/// pane replays what the pane showed, and `trace convert` reads a capture as a pane would have.
///
/// Each token's time is the arrival of the socket read that completed its event: that is when a
/// client could first have shown it. The header keeps what the server said about itself (the
/// model it named, usage and timings as sent); an HTTP error becomes a trace with an `error` end.
public enum CaptureConverter {
    /// Reads a capture file and converts it.
    public static func read(_ text: String, path: String, task: TaskKind? = nil, url: String? = nil)
        throws(TraceError) -> Trace
    {
        trace(try CaptureReader.parse(text, path: path), task: task, url: url)
    }

    /// The trace of one captured exchange. Only a complete capture's body can end without its
    /// protocol's final event; one still arriving (or cut off) gets no end line from its missing tail.
    public static func trace(_ c: CaptureReader.Capture, task: TaskKind? = nil, url: String? = nil) -> Trace {
        let kind = BackendKind(capture: c)
        let prompt = promptText(c.request)
        let settings = JSONValue.object(
            (c.request.members ?? []).filter { !["messages", "prompt", "model", "system"].contains($0.key) })
        var header = TraceHeader(
            backend: kind.rawValue, url: url ?? c.path, model: c.request["model"]?.string, prompt: prompt,
            settings: settings)
        guard (200..<300).contains(c.status) else {
            let body = String(decoding: c.reads.flatMap(\.bytes), as: UTF8.self)
            let error = ServerErrorBody.parse(body)
            header.promptTokens = error?.promptTokens
            header.task = task ?? guessTask(events: [], prompt: prompt)
            let failure = TraceFailure(
                t: c.reads.last?.t, status: c.status, type: error?.type,
                message: error?.message ?? (body.isEmpty ? "HTTP \(c.status)" : body))
            return Trace(header: header, events: [], end: .failed(failure))
        }
        let stream = DecodedStream(kind: kind, reads: c.reads, ended: c.complete)
        let usage = stream.usage
        let timings = stream.timings
        var events = stream.tokens
        let end = stream.end
        if !stream.report.countsFromServer, let count = usage?.completionTokens ?? timings?.predictedTokens {
            var reason: String?
            if case .finished(_, let r)? = end { reason = r }
            events = reconcile(
                events, serverCount: count, naturalStop: ["stop", "end_turn", "eos"].contains(reason ?? ""))
        }
        header.model = stream.report.model ?? header.model
        header.promptTokens =
            usage?.promptTokens ?? timings.flatMap { t in t.promptTokens.map { $0 + (t.cachedTokens ?? 0) } }
        header.task = task ?? guessTask(events: events, prompt: prompt)
        header.server = stream.report.server ?? .object([])
        header.usage = stream.report.usage
        return Trace(header: header, events: events, end: end)
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
    static func promptText(_ request: JSONValue) -> String? {
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

extension BackendKind {
    /// The protocol a captured exchange speaks, from its path and content type.
    public init(capture c: CaptureReader.Capture) {
        let contentType =
            (c.headers.members ?? []).first { $0.key.lowercased() == "content-type" }?.value.string ?? ""
        if c.path.hasSuffix("/messages") {
            self = .anthropic
        } else if contentType.contains("ndjson") || c.path.hasSuffix("/api/chat") || c.path.hasSuffix("/api/generate") {
            self = .ollama
        } else if c.path.hasSuffix("/completion") {
            // llama.cpp's native endpoint is singular; OpenAI's legacy `/v1/completions` is read as OpenAI.
            self = .llamacpp
        } else {
            self = .openai
        }
    }
}
