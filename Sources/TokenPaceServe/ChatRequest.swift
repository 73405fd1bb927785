import TokenPaceCore

/// The parts of an OpenAI or Ollama chat request that change the reply.
struct ChatRequest: Sendable {
    var model: String?
    var prompt: String
    var stream: Bool
    var includeUsage: Bool
    var maxTokens: Int?
    /// Ollama `think`: nil when not given.
    var think: Bool?

    /// Reads a request body. `streamDefault` differs by API (OpenAI false, Ollama true).
    static func parse(_ body: String, streamDefault: Bool) throws(ValueError) -> ChatRequest {
        let json = try TraceJSON.parse(body.isEmpty ? "{}" : body)
        guard case .object = json else { throw ValueError("the request body must be a JSON object") }
        var parts: [String] = []
        for m in json["messages"]?.array ?? [] {
            if let s = m["content"]?.string {
                parts.append(s)
            } else {
                parts += (m["content"]?.array ?? []).compactMap { $0["text"]?.string }
            }
        }
        if let p = json["prompt"]?.string { parts.append(p) }
        var think: Bool?
        if let t = json["think"] {
            if let b = t.bool { think = b } else if t.string != nil { think = true }
        }
        let max = json["max_completion_tokens"]?.int ?? json["max_tokens"]?.int ?? json["options"]?["num_predict"]?.int
        return ChatRequest(
            model: json["model"]?.string, prompt: parts.joined(separator: "\n"),
            stream: json["stream"]?.bool ?? streamDefault,
            includeUsage: json["stream_options"]?["include_usage"]?.bool ?? false,
            maxTokens: max.flatMap { $0 > 0 ? $0 : nil }, think: think)
    }
}
