import TokenPaceCore

/// Counts a request's prompt tokens; the tokenizer module can supply a better one.
public typealias PromptCounter = @Sendable (String) -> Int

/// Where `tokenpace serve` takes its pace from.
public enum ServePacing: Sendable, Equatable {
    /// The core schedule for this profile, per request: `.prefill` TTFT follows the request's own
    /// prompt length.
    case profile(Profile, seed: UInt64)
    /// Fixed times (seconds since the request) for each token, e.g. a replayed trace.
    case times([Double])
}

/// What `tokenpace serve` answers with and how fast.
public struct ServeOptions: Sendable {
    public var host: String
    /// 0 picks a free port (tests); `onRunning` reports the one bound.
    public var port: Int
    /// Model name reported to clients.
    public var model: String
    /// The answer every request gets (already split into tokens by the caller).
    public var tokens: [Token]
    public var pacing: ServePacing
    /// Send the answer's reasoning tokens first (`reasoning_content` / Ollama `thinking`). Off (the
    /// default) drops them, so an app that shows only `content` gets its first text at the TTFT
    /// asked for, not after the thinking.
    public var reasoning: Bool
    public var promptCounter: PromptCounter
    /// Where request lines go (stderr in the command).
    public var log: @Sendable (String) -> Void

    public init(
        host: String = "127.0.0.1", port: Int = 8089, model: String = "tokenpace",
        tokens: [Token] = ServeOptions.builtinAnswer,
        pacing: ServePacing = .profile(Profile(rate: 21), seed: 1), reasoning: Bool = false,
        promptCounter: @escaping PromptCounter = PromptEstimate.count,
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.host = host
        self.port = port
        self.model = model
        self.tokens = tokens
        self.pacing = pacing
        self.reasoning = reasoning
        self.promptCounter = promptCounter
        self.log = log
    }

    /// Seconds from a request to its first `content` token (after the reasoning, when that is
    /// sent), for a prompt of `promptTokens`; nil when the answer has no content.
    public func firstContentTime(promptTokens: Int = 0) -> Double? {
        var options = self
        options.promptCounter = { _ in promptTokens }
        let request = ChatRequest(
            model: nil, prompt: "", stream: true, includeUsage: false, maxTokens: nil, think: nil)
        return StreamPlan.make(options: options, request: request, reasoning: reasoning).firstContent
    }

    /// What the start line promises: when the first `content` token comes, and what reasoning does
    /// to that.
    public var firstContentSummary: String {
        let thinking = tokens.filter { $0.kind == .reasoning }.count
        guard let t = firstContentTime() else { return "no content tokens to send" }
        var text = "first content token at \(Format.duration(t, .precise))"
        if case .profile(let profile, _) = pacing, case .prefill(let rate, _) = profile.firstToken {
            text += " + prompt ÷ \(Format.fixed(rate, 0)) tok/s"
        }
        if thinking > 0 {
            text +=
                reasoning
                ? " (after \(thinking) reasoning tokens; --reasoning off sends none)"
                : " (\(thinking) reasoning tokens not sent; --reasoning on sends them first)"
        }
        return text
    }

    /// A short answer with a little reasoning, used when no sample or trace is given.
    public static let builtinAnswer: [Token] = {
        let reasoning = "The user wants to know how fast this feels. Show a steady stream."
        let answer =
            "This answer arrives at the pace tokenpace was asked for: the first token after the set time to first token, then one token every 1/rate seconds. Point your app here to feel that pace before you choose a model or a server."
        func split(_ s: String, _ kind: TokenKind) -> [Token] {
            var out: [Token] = []
            var cur = ""
            for ch in s {
                if ch == " ", !cur.isEmpty {
                    out.append(Token(cur, kind: kind))
                    cur = ""
                }
                cur.append(ch)
            }
            if !cur.isEmpty { out.append(Token(cur, kind: kind)) }
            return out
        }
        return split(reasoning, .reasoning) + split(answer, .answer)
    }()
}
