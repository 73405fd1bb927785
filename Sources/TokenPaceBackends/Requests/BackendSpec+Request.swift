import Foundation

extension BackendSpec {
    /// Builds the protocol's request for `messages`.
    ///
    /// Streaming requests ask for everything a measuring client needs: OpenAI gets
    /// `stream_options.include_usage` (usage chunk at the end), Anthropic its version header,
    /// Ollama `think` when `reasoning` is set. `stream: false` builds the same request without
    /// streaming, to compare a streamed answer with the server's whole one.
    public func request(
        messages: [ChatMessage], stream: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(BackendError) -> BackendRequest {
        let key = try apiKey(environment: environment)
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let url: String
        var body: [String: JSONValue] = ["stream": .bool(stream)]

        switch kind {
        case .openai:
            url = base + "/chat/completions"
            headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
            if let key { headers.append(("Authorization", "Bearer \(key)")) }
            if let model { body["model"] = .string(model) }
            body["messages"] = Self.encode(messages)
            if stream { body["stream_options"] = .object(["include_usage": .bool(true)]) }
            // OpenAI's reasoning models reject `max_tokens`; other servers know only that one.
            body[isOpenAIHost ? "max_completion_tokens" : "max_tokens"] = .number(Double(maxTokens))
            if let reasoning, !isOpenAIHost {
                // llama.cpp, vLLM and SGLang pass this to templates with a thinking switch (Qwen3, ...).
                body["chat_template_kwargs"] = .object(["enable_thinking": .bool(reasoning)])
            }
        case .anthropic:
            url = base + (base.hasSuffix("/v1") ? "/messages" : "/v1/messages")
            headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
            headers.append(("anthropic-version", "2023-06-01"))
            if let key { headers.append(("x-api-key", key)) }
            body["model"] = .string(model ?? "")
            let system = messages.filter { $0.role == "system" }.map(\.content)
            if !system.isEmpty { body["system"] = .string(system.joined(separator: "\n\n")) }
            body["messages"] = Self.encode(messages.filter { $0.role != "system" })
            body["max_tokens"] = .number(Double(maxTokens))
            if let reasoning {
                body["thinking"] =
                    reasoning
                    ? .object(["type": .string("enabled"), "budget_tokens": .number(Double(max(1024, maxTokens / 2)))])
                    : .object(["type": .string("disabled")])
            }
        case .ollama:
            url = base + "/api/chat"
            headers.append(("Accept", "application/x-ndjson"))
            body["model"] = .string(model ?? "")
            body["messages"] = Self.encode(messages)
            if let reasoning { body["think"] = .bool(reasoning) }
            var options: [String: JSONValue] = ["num_predict": .number(Double(maxTokens))]
            if let temperature { options["temperature"] = .number(temperature) }
            if let seed { options["seed"] = .number(Double(seed)) }
            body["options"] = .object(options)
        case .llamacpp:
            url = base + "/completion"
            headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
            if let key { headers.append(("Authorization", "Bearer \(key)")) }
            // The native endpoint takes raw text: the messages' contents, separated by blank lines.
            body["prompt"] = .string(messages.map(\.content).joined(separator: "\n\n"))
            body["n_predict"] = .number(Double(maxTokens))
        }
        if kind != .ollama {
            if let temperature { body["temperature"] = .number(temperature) }
            if let seed, kind != .anthropic { body["seed"] = .number(Double(seed)) }
        }
        for (name, value) in self.headers.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(JSONValue.object(body))
        } catch {
            throw .configuration("cannot encode the request body: \(error)")
        }
        return BackendRequest(url: url, headers: headers, body: Array(data))
    }

    var isOpenAIHost: Bool {
        URLComponents(string: baseURL)?.host?.lowercased() == "api.openai.com"
    }

    private static func encode(_ messages: [ChatMessage]) -> JSONValue {
        .array(messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) })
    }
}
