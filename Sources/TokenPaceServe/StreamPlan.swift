import TokenPaceCore

/// What one request will be sent, and when: computed before the first byte, so the stream's
/// times all count from the request's arrival and cannot drift.
struct StreamPlan: Sendable, Equatable {
    var tokens: [Token]
    /// Seconds after the request's arrival for each token.
    var times: [Double]
    var promptTokens: Int
    var finishReason: String

    var completionTokens: Int { tokens.count }
    var reasoningTokens: Int { tokens.filter { $0.kind == .reasoning }.count }
    var ttft: Double? { times.first }
    /// When the first non-reasoning token is sent: what an app that shows only `content` waits for.
    var firstContent: Double? { zip(tokens, times).first { $0.0.kind != .reasoning }?.1 }
    var e2e: Double { times.last ?? 0 }

    /// The rate the client will see: (n − 1) ÷ (t_last − t_first).
    var rate: Double? {
        guard times.count > 1, let first = times.first, let last = times.last, last > first else { return nil }
        return Double(times.count - 1) / (last - first)
    }

    /// Latest time a plan sends anything (a huge prompt at a slow prefill rate must not overflow the
    /// clock): the same bound a replayed trace has.
    static let maxSeconds = TraceReplay.maxSeconds

    init(tokens: [Token], times: [Double], promptTokens: Int, finishReason: String) {
        self.tokens = tokens
        self.times = times.map { $0.isFinite ? min(max($0, 0), Self.maxSeconds) : Self.maxSeconds }
        self.promptTokens = promptTokens
        self.finishReason = finishReason
    }

    /// Tool results come from tools, not the model, so a server never sends them; reasoning goes
    /// only when asked for; `max_tokens` cuts the answer (finish reason "length").
    static func make(options: ServeOptions, request: ChatRequest, reasoning: Bool) -> StreamPlan {
        var keep: [Int] = []
        for (i, t) in options.tokens.enumerated() {
            if t.kind == .toolResult { continue }
            if t.kind == .reasoning && !reasoning { continue }
            keep.append(i)
        }
        var finish = "stop"
        if let max = request.maxTokens, keep.count > max {
            keep = Array(keep.prefix(max))
            finish = "length"
        }
        let tokens = keep.map { options.tokens[$0] }
        let promptTokens = options.promptCounter(request.prompt)
        let times: [Double]
        switch options.pacing {
        case .profile(let profile, let seed):
            times = Schedule.make(profile: profile, tokens: tokens, promptTokens: promptTokens, seed: seed).times
        case .times(let all):
            times = keep.map { $0 < all.count ? all[$0] : (all.last ?? 0) }
        }
        return StreamPlan(tokens: tokens, times: times, promptTokens: promptTokens, finishReason: finish)
    }
}
