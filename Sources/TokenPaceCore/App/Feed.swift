/// What a live source reports about its pane, in order. Times are seconds since the request was sent.
public enum FeedEvent: Sendable, Equatable {
    case token(TokenEvent)
    /// A token of a staged pane's first stage (its outline request), before the answer request's.
    case stageToken(TokenEvent)
    /// The outline request finished at `at`; the answer request goes out next. `usageTokens` and
    /// `promptTokens`: the server's counts of the outline and of its request, when it reported them.
    case stageEnded(at: Double, usageTokens: Int?, promptTokens: Int? = nil)
    /// The server's own count of generated tokens (and prompt tokens), when it reports usage.
    case usage(completionTokens: Int, promptTokens: Int?)
    case serverTimings(ServerFigures)
    /// The stream ended as its protocol says; `reason` is the server's finish reason (stop, length…).
    case finished(at: Double, reason: String? = nil)
    case failed(message: String, at: Double)
}

/// Timings a server reports about itself (llama.cpp `timings`, Ollama durations), for showing next to
/// the client's own clocks: the difference is network and queueing.
public struct ServerFigures: Sendable, Equatable, Codable {
    public var promptTokens: Int?
    public var promptMs: Double?
    public var predictedTokens: Int?
    public var predictedMs: Double?
    public var cachedTokens: Int?
    public var loadMs: Double?

    public init(
        promptTokens: Int? = nil, promptMs: Double? = nil, predictedTokens: Int? = nil, predictedMs: Double? = nil,
        cachedTokens: Int? = nil, loadMs: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.promptMs = promptMs
        self.predictedTokens = predictedTokens
        self.predictedMs = predictedMs
        self.cachedTokens = cachedTokens
        self.loadMs = loadMs
    }

    /// Server decode rate, tok/s; none from fewer than two tokens (one token in 0.001 ms is no rate).
    public var predictedPerSecond: Double? {
        guard let n = predictedTokens, n >= 2, let ms = predictedMs, ms > 0 else { return nil }
        return Double(n) / ms * 1000
    }
}

/// A live pane's stream as received so far.
public struct LiveStatus: Sendable, Equatable {
    public var ended: Bool = false
    public var endedAt: Double?
    public var failure: String?
    /// Why the server stopped (stop, length, end_turn…), when it said.
    public var finishReason: String?
    public var usageTokens: Int?
    /// A staged run: when its outline request finished, and the server's count of its tokens.
    public var stageEndedAt: Double?
    public var stageUsageTokens: Int?
    /// The outline request's prompt as the server counted it.
    public var stagePromptTokens: Int?
    public var promptTokens: Int?
    public var server: ServerFigures?
    /// Model tokens per piece (a delta can hold several).
    public var counts: [Int] = []

    public init() {}

    /// What a stream that ended without a single generated token shows and reports as its failure.
    public static func noTokens(finish reason: String?) -> String {
        "ended: no tokens · finish \(reason ?? "—")"
    }
}
