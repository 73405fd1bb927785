import Foundation
import TokenPaceCore
import TokenPaceWire

extension BackendSpec {
    /// Builds the protocol's request for `messages`.
    ///
    /// Streaming requests ask for everything a measuring client needs: OpenAI gets
    /// `stream_options.include_usage` (usage chunk at the end), Anthropic its version header,
    /// Ollama `think` when `reasoning` is set. `stream: false` builds the same request without
    /// streaming, to compare a streamed answer with the server's whole one.
    ///
    /// llama.cpp's native `/completion` takes text to continue: `prompt` is that text — the chat
    /// template's output (`templateRequest`, see `appliesChatTemplate`) — or, when nil, the
    /// messages' contents separated by blank lines (what a `rawPrompt` spec sends).
    public func request(
        messages: [ChatMessage], prompt: String? = nil, stream: Bool = true,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(BackendError) -> BackendRequest {
        let key = try apiKey(environment: environment)
        var headers: [(name: String, value: String)] = [("Content-Type", "application/json")]
        let url: String
        var body: [(String, JSONValue?)] = []

        switch kind {
        case .openai:
            url = base + "/chat/completions"
            headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
            if let key { headers.append(("Authorization", "Bearer \(key)")) }
            body.append(("model", model.map(JSONValue.string)))
            body.append(("messages", Self.encode(messages)))
            body.append(("stream", .bool(stream)))
            if stream { body.append(("stream_options", .fields([("include_usage", .bool(true))]))) }
            // OpenAI's reasoning models reject `max_tokens`; other servers know only that one.
            body.append((isOpenAIHost ? "max_completion_tokens" : "max_tokens", Self.number(maxTokens)))
            if let reasoning, !isOpenAIHost {
                // llama.cpp, vLLM and SGLang pass this to templates with a thinking switch (Qwen3, ...).
                body.append(("chat_template_kwargs", .fields([("enable_thinking", .bool(reasoning))])))
            }
        case .anthropic:
            url = base + (base.hasSuffix("/v1") ? "/messages" : "/v1/messages")
            headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
            headers.append(("anthropic-version", "2023-06-01"))
            if let key { headers.append(("x-api-key", key)) }
            body.append(("model", .string(model ?? "")))
            let system = messages.filter { $0.role == "system" }.map(\.content)
            if !system.isEmpty { body.append(("system", .string(system.joined(separator: "\n\n")))) }
            body.append(("messages", Self.encode(messages.filter { $0.role != "system" })))
            body.append(("stream", .bool(stream)))
            body.append(("max_tokens", Self.number(maxTokens)))
            if let reasoning {
                let thinking: [(String, JSONValue?)] =
                    reasoning
                    ? [("type", .string("enabled")), ("budget_tokens", Self.number(max(1024, maxTokens / 2)))]
                    : [("type", .string("disabled"))]
                body.append(("thinking", .fields(thinking)))
            }
        case .ollama:
            url = base + "/api/chat"
            headers.append(("Accept", "application/x-ndjson"))
            body.append(("model", .string(model ?? "")))
            body.append(("messages", Self.encode(messages)))
            body.append(("stream", .bool(stream)))
            if let reasoning { body.append(("think", .bool(reasoning))) }
            body.append(
                (
                    "options",
                    .fields([
                        ("num_predict", Self.number(maxTokens)), ("temperature", temperature.map(JSONValue.number)),
                        ("seed", seed.map(Self.number)),
                    ])
                ))
        case .llamacpp:
            url = base + "/completion"
            headers.append(("Accept", stream ? "text/event-stream" : "application/json"))
            if let key { headers.append(("Authorization", "Bearer \(key)")) }
            body.append(("prompt", .string(prompt ?? messages.map(\.content).joined(separator: "\n\n"))))
            body.append(("stream", .bool(stream)))
            body.append(("n_predict", Self.number(maxTokens)))
        }
        if kind != .ollama {
            body.append(("temperature", temperature.map(JSONValue.number)))
            if kind != .anthropic { body.append(("seed", seed.map(Self.number))) }
        }
        return BackendRequest(
            url: url, headers: withExtraHeaders(headers), body: Array(JSONValue.fields(body).tight.utf8))
    }

    /// Whether a llama.cpp native pane turns its messages into the model's prompt with the
    /// server's chat template first (`POST /apply-template`): an instruct model given bare text
    /// ends its turn at once. `rawPrompt` sends the text as is, for base models.
    public var appliesChatTemplate: Bool { kind == .llamacpp && !rawPrompt }

    /// llama-server's `POST /apply-template` for `messages`: it answers `{"prompt": "..."}`, the
    /// messages in the model's chat template, ready for `request(messages:prompt:)`.
    public func templateRequest(
        messages: [ChatMessage], environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(BackendError) -> BackendRequest {
        var headers: [(name: String, value: String)] = [
            ("Content-Type", "application/json"), ("Accept", "application/json"),
        ]
        if let key = try apiKey(environment: environment) { headers.append(("Authorization", "Bearer \(key)")) }
        let body = JSONValue.fields([("messages", Self.encode(messages))])
        return BackendRequest(
            url: base + "/apply-template", headers: withExtraHeaders(headers), body: Array(body.tight.utf8))
    }

    /// The prompt in `/apply-template`'s reply, or why there is none.
    public static func templatedPrompt(in body: String) throws(BackendError) -> String {
        guard let prompt = (try? JSONValue.parse(body))?["prompt"]?.string else {
            throw .malformed("/apply-template answered without a prompt: \(body.prefix(120))")
        }
        return prompt
    }

    var isOpenAIHost: Bool {
        URLComponents(string: baseURL)?.host?.lowercased() == "api.openai.com"
    }

    /// The base URL without trailing slashes.
    private var base: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// The spec's own headers replace the protocol's of the same name.
    private func withExtraHeaders(_ headers: [(name: String, value: String)]) -> [(name: String, value: String)] {
        var headers = headers
        for (name, value) in self.headers.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append((name, value))
        }
        return headers
    }

    private static func number(_ n: Int) -> JSONValue { .number(Double(n)) }

    private static func encode(_ messages: [ChatMessage]) -> JSONValue {
        .array(messages.map { .fields([("role", .string($0.role)), ("content", .string($0.content))]) })
    }
}
