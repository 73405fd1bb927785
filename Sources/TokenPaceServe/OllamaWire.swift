import TokenPaceCore

/// Ollama `/api/chat` NDJSON: one message object per token (`thinking` for reasoning), then a
/// `done: true` line whose durations are nanoseconds, as Ollama reports them.
struct OllamaWire: Sendable {
    var model: String
    var createdAt: String

    func tokenLine(_ token: Token) -> String {
        let key = token.kind == .reasoning ? "thinking" : "content"
        var message: [(String, JSONValue?)] = [("role", .string("assistant")), ("content", .string(""))]
        if key == "thinking" {
            message.append(("thinking", .string(token.text)))
        } else {
            message[1] = ("content", .string(token.text))
        }
        return JSONValue.fields([
            ("model", .string(model)), ("created_at", .string(createdAt)), ("message", .fields(message)),
            ("done", .bool(false)),
        ]).tight + "\n"
    }

    /// Ollama's answer to a chat without messages: the model is loaded, nothing is generated.
    func loaded() -> String {
        JSONValue.fields([
            ("model", .string(model)), ("created_at", .string(createdAt)),
            ("message", .fields([("role", .string("assistant")), ("content", .string(""))])),
            ("done_reason", .string("load")), ("done", .bool(true)),
        ]).tight
    }

    func finalLine(_ plan: StreamPlan) -> String {
        final(plan, content: "", thinking: nil).tight + "\n"
    }

    /// The single object for `"stream": false`.
    func whole(_ plan: StreamPlan) -> String {
        let content = plan.tokens.filter { $0.kind != .reasoning }.map(\.text).joined()
        let thinking = plan.tokens.filter { $0.kind == .reasoning }.map(\.text).joined()
        return final(plan, content: content, thinking: thinking.isEmpty ? nil : thinking).tight
    }

    private func final(_ plan: StreamPlan, content: String, thinking: String?) -> JSONValue {
        func ns(_ s: Double) -> JSONValue { .number((s * 1e9).rounded()) }
        let ttft = plan.ttft ?? 0
        return .fields([
            ("model", .string(model)), ("created_at", .string(createdAt)),
            (
                "message",
                .fields([
                    ("role", .string("assistant")), ("content", .string(content)),
                    ("thinking", thinking.map(JSONValue.string)),
                ])
            ),
            ("done", .bool(true)), ("done_reason", .string(plan.finishReason)),
            ("total_duration", ns(plan.e2e)), ("load_duration", .number(0)),
            ("prompt_eval_count", .number(Double(plan.promptTokens))), ("prompt_eval_duration", ns(ttft)),
            ("eval_count", .number(Double(plan.completionTokens))), ("eval_duration", ns(plan.e2e - ttft)),
        ])
    }
}
