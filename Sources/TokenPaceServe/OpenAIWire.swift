import TokenPaceCore

/// OpenAI Chat Completions bodies, shaped like OpenAI's own: a role chunk, one delta per token
/// (`reasoning_content` for reasoning), a finish chunk, a usage chunk when asked, `[DONE]`.
struct OpenAIWire: Sendable {
    var id: String
    var created: Int
    var model: String
    /// Each token chunk is the same text around the token's JSON string: made once per reply, so a
    /// token costs an escape and two appends.
    private var answerFrame: (String, String)
    private var reasoningFrame: (String, String)

    init(id: String, created: Int, model: String) {
        self.id = id
        self.created = created
        self.model = model
        answerFrame = ("", "")
        reasoningFrame = ("", "")
        answerFrame = frame(key: "content")
        reasoningFrame = frame(key: "reasoning_content")
    }

    private func frame(key: String) -> (String, String) {
        let mark = "\u{1}token\u{1}"
        let whole = chunk(choices: choice(delta: .fields([(key, .string(mark))]), finish: nil))
        let quoted = JSONValue.string(mark).tight
        guard let r = whole.range(of: quoted) else { return ("", "") }
        return (String(whole[..<r.lowerBound]), String(whole[r.upperBound...]))
    }

    private func chunk(choices: JSONValue, usage: JSONValue? = nil) -> String {
        let body = JSONValue.fields([
            ("id", .string(id)), ("object", .string("chat.completion.chunk")), ("created", .number(Double(created))),
            ("model", .string(model)), ("system_fingerprint", .string("tokenpace")), ("choices", choices),
            ("usage", usage),
        ])
        return "data: " + body.tight + "\n\n"
    }

    private func choice(delta: JSONValue, finish: String?) -> JSONValue {
        .array([
            .fields([
                ("index", .number(0)), ("delta", delta), ("logprobs", .null),
                ("finish_reason", finish.map(JSONValue.string) ?? .null),
            ])
        ])
    }

    func roleChunk() -> String {
        chunk(choices: choice(delta: .fields([("role", .string("assistant")), ("content", .string(""))]), finish: nil))
    }

    func tokenChunk(_ token: Token) -> String {
        let (head, tail) = token.kind == .reasoning ? reasoningFrame : answerFrame
        return head + JSONValue.string(token.text).tight + tail
    }

    func finishChunk(_ reason: String) -> String {
        chunk(choices: choice(delta: .object([]), finish: reason))
    }

    func usageChunk(_ plan: StreamPlan) -> String {
        chunk(choices: .array([]), usage: usage(plan))
    }

    static let done = "data: [DONE]\n\n"

    func usage(_ plan: StreamPlan) -> JSONValue {
        .fields([
            ("prompt_tokens", .number(Double(plan.promptTokens))),
            ("completion_tokens", .number(Double(plan.completionTokens))),
            ("total_tokens", .number(Double(plan.promptTokens + plan.completionTokens))),
            ("completion_tokens_details", .fields([("reasoning_tokens", .number(Double(plan.reasoningTokens)))])),
        ])
    }

    /// The whole reply for `"stream": false`.
    func completion(_ plan: StreamPlan) -> String {
        let content = plan.tokens.filter { $0.kind != .reasoning }.map(\.text).joined()
        let reasoning = plan.tokens.filter { $0.kind == .reasoning }.map(\.text).joined()
        let message = JSONValue.fields([
            ("role", .string("assistant")), ("content", .string(content)),
            ("reasoning_content", reasoning.isEmpty ? nil : .string(reasoning)),
        ])
        return JSONValue.fields([
            ("id", .string(id)), ("object", .string("chat.completion")), ("created", .number(Double(created))),
            ("model", .string(model)), ("system_fingerprint", .string("tokenpace")),
            (
                "choices",
                .array([
                    .fields([
                        ("index", .number(0)), ("message", message), ("logprobs", .null),
                        ("finish_reason", .string(plan.finishReason)),
                    ])
                ])
            ),
            ("usage", usage(plan)),
        ]).tight
    }

    /// `GET /v1/models`.
    static func models(_ model: String, created: Int) -> String {
        JSONValue.fields([("object", .string("list")), ("data", .array([modelObject(model, created: created)]))]).tight
    }

    /// One model, as `GET /v1/models/{id}` returns it.
    static func model(_ id: String, created: Int) -> String { modelObject(id, created: created).tight }

    private static func modelObject(_ id: String, created: Int) -> JSONValue {
        .fields([
            ("id", .string(id)), ("object", .string("model")), ("created", .number(Double(created))),
            ("owned_by", .string("tokenpace")),
        ])
    }
}
