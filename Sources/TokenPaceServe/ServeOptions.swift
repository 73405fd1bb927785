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
    /// Send reasoning tokens (`reasoning_content` / Ollama `thinking`); off drops them.
    public var reasoning: Bool
    public var promptCounter: PromptCounter
    /// Where request lines go (stderr in the command).
    public var log: @Sendable (String) -> Void

    public init(
        host: String = "127.0.0.1", port: Int = 8089, model: String = "tokenpace",
        tokens: [Token] = ServeOptions.builtinAnswer,
        pacing: ServePacing = .profile(Profile(rate: 21), seed: 1), reasoning: Bool = true,
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
