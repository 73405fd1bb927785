/// What the bench adds to each finished stream of a pane: the prompt tokens it sent, the time to a
/// usable answer and the cost of a completed task, so `prompt_tokens`, `usable_s` and `cost_usd` can
/// be checked by hand from the report's own figures.
public struct BenchBilling: Sendable, Equatable {
    public var cost: PaneCost?
    /// First-try success rate in (0, 1].
    public var success: Double
    /// Prompt tokens one try sends (agent steps included) and the cached part of them.
    public var input: Int
    public var cached: Int

    public init(cost: PaneCost?, success: Double = 1, input: Int, cached: Int = 0) {
        self.cost = cost
        self.success = min(max(success, 0.01), 1)
        self.input = input
        self.cached = cached
    }

    public func apply(_ stream: BenchStream) -> BenchStream {
        var s = stream
        guard s.succeeded else { return s }
        // A live server's own prompt count (chat template included) and cache hits win over ours.
        let input = s.serverPromptTokens ?? self.input
        s.promptTokens = input
        s.usableSeconds = s.metrics.e2e.map { $0 / success }
        let tokens = TaskTokens(input: input, cached: s.serverCachedTokens ?? cached, generated: s.tokens)
        s.costUSD = cost.flatMap { $0.cost(of: tokens, seconds: s.metrics.e2e).usable(success: success) }
        return s
    }
}
