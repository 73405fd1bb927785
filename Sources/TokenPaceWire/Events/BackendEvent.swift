import TokenPaceCore

/// What a live backend reports, in arrival order: the pane's only input from the network.
///
/// Tokens carry their own timestamps; the other cases carry the server's own accounting, which
/// the core prefers over counting deltas (one delta may hold several tokens).
public enum BackendEvent: Sendable, Equatable {
    case token(TokenEvent)
    /// The server's token counts. OpenAI sends them once at the end; Anthropic and vLLM's
    /// continuous stats send running totals, so the latest one wins.
    case usage(Usage)
    /// The server's own clocks (llama.cpp `timings`, Ollama durations), converted to milliseconds.
    case serverTimings(ServerTimings)
    /// The stream ended the way the protocol says it should (`[DONE]`, `message_stop`, ...).
    case finished(reason: String?)
    /// The pane's stream is over and why; other panes are unaffected.
    case failed(BackendError)
}

/// Token counts as the server reports them.
public struct Usage: Sendable, Equatable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var reasoningTokens: Int?
    public var cachedTokens: Int?

    public init(promptTokens: Int, completionTokens: Int, reasoningTokens: Int? = nil, cachedTokens: Int? = nil) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.reasoningTokens = reasoningTokens
        self.cachedTokens = cachedTokens
    }
}

/// The server's view of where the time went, so a pane can show prefill vs. network vs. decode.
public struct ServerTimings: Sendable, Equatable {
    /// Prompt tokens the server actually evaluated (cached ones excluded on llama.cpp).
    public var promptTokens: Int?
    public var promptMs: Double?
    public var predictedTokens: Int?
    public var predictedMs: Double?
    public var predictedPerSecond: Double?
    public var cachedTokens: Int?
    /// Model load time (Ollama `load_duration`).
    public var loadMs: Double?

    public init(
        promptTokens: Int? = nil, promptMs: Double? = nil, predictedTokens: Int? = nil, predictedMs: Double? = nil,
        predictedPerSecond: Double? = nil, cachedTokens: Int? = nil, loadMs: Double? = nil
    ) {
        self.promptTokens = promptTokens
        self.promptMs = promptMs
        self.predictedTokens = predictedTokens
        self.predictedMs = predictedMs
        self.predictedPerSecond = predictedPerSecond
        self.cachedTokens = cachedTokens
        self.loadMs = loadMs
    }
}

extension BackendEvent {
    /// Whether nothing more follows this event in its stream.
    public var isTerminal: Bool {
        switch self {
        case .finished, .failed: return true
        case .token, .usage, .serverTimings: return false
        }
    }
}
