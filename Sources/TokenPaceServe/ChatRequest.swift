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
    /// An Ollama chat without messages: Ollama only loads the model and answers at once.
    var loadOnly = false

    /// Reads a request body, checking it as OpenAI (or, with `ollama`, Ollama) would. Streaming is
    /// Ollama's default and not OpenAI's.
    static func parse(_ body: String, ollama: Bool) throws(ValueError) -> ChatRequest {
        let streamDefault = ollama
        let json = try JSONValue.parse(body.isEmpty ? "{}" : body)
        guard case .object = json else { throw ValueError("the request body must be a JSON object") }
        // Checked as OpenAI and Ollama check them, so a client's bug shows here as it would there.
        // Ollama takes a chat without messages (it loads the model); OpenAI needs at least one.
        let messagesValue = json["messages"] ?? .null
        if messagesValue.isNull && !ollama { throw ValueError("'messages' is a required property") }
        guard let messages = messagesValue.isNull ? [] : messagesValue.array else {
            throw ValueError("'messages' must be an array of messages")
        }
        guard !messages.isEmpty || ollama else { throw ValueError("'messages' must hold at least one message") }
        var parts: [String] = []
        for (i, m) in messages.enumerated() {
            guard case .object = m, m["role"]?.string != nil else {
                throw ValueError("'messages[\(i)]' must be an object with a 'role' string")
            }
            let content = m["content"] ?? .null
            if let s = content.string {
                parts.append(s)
            } else if let array = content.array {
                parts += array.compactMap { $0["text"]?.string }
            } else if !content.isNull {
                throw ValueError(
                    "'messages[\(i)].content' must be a string or an array of parts (got \(content.compact))")
            }
        }
        for key in ["max_tokens", "max_completion_tokens"] {
            if let v = json[key], !v.isNull, !(v.int.map { $0 >= 1 } ?? false) {
                throw ValueError("'\(key)' must be a whole number of at least 1 (got \(v.compact))")
            }
        }
        if let v = json["stream"], !v.isNull, v.bool == nil {
            throw ValueError("'stream' must be true or false (got \(v.compact))")
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
            maxTokens: max.flatMap { $0 > 0 ? $0 : nil }, think: think, loadOnly: ollama && messages.isEmpty)
    }
}
