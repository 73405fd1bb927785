/// One stream of one bench run, reduced to what the report needs: its figures, its token arrival
/// times (for the race chart), the server's own accounting and, when it failed, why.
public struct BenchStream: Sendable, Equatable {
    /// The client's figures from token arrival times (tokens counted from the pieces).
    public var metrics: StreamMetrics
    /// Arrival time of every model token, a piece of `count` tokens giving `count` entries: the
    /// chart's y is the index.
    public var tokenTimes: [Double]
    /// Model tokens counted from the pieces as they arrived.
    public var countedTokens: Int
    /// The server's own count of generated tokens, when it reported usage.
    public var usageTokens: Int?
    /// Server-side prompt processing time (llama.cpp `timings.prompt_ms`, Ollama `prompt_eval_duration`).
    public var serverPrefillMs: Double?
    /// Server-side decode rate, tok/s.
    public var serverDecodeRate: Double?
    /// Why the stream failed; `nil` when it finished.
    public var failure: String?
    /// Waiting for text: a reader at `ReaderScan.defaultPace` with nothing new to read, once the
    /// stream finished.
    public var waitingForText: Double?
    /// The server's own count of the prompt and of the part it read from its cache, when reported.
    public var serverPromptTokens: Int?
    public var serverCachedTokens: Int?
    /// Prompt tokens one try sent (set by the bench, which knows the prompt and the agent steps).
    public var promptTokens: Int?
    /// Time to a usable answer: E2E ÷ the first-try success rate.
    public var usableSeconds: Double?
    /// Cost per completed task (retries included), USD; `nil` without a price or box cost.
    public var costUSD: Double?

    public init(
        metrics: StreamMetrics, tokenTimes: [Double], countedTokens: Int, usageTokens: Int? = nil,
        serverPrefillMs: Double? = nil, serverDecodeRate: Double? = nil, failure: String? = nil
    ) {
        self.metrics = metrics
        self.tokenTimes = tokenTimes
        self.countedTokens = countedTokens
        self.usageTokens = usageTokens
        self.serverPrefillMs = serverPrefillMs
        self.serverDecodeRate = serverDecodeRate
        self.failure = failure
    }

    public var succeeded: Bool { failure == nil }

    /// The server's count when it gave one (one delta may hold several tokens), else the pieces.
    public var tokens: Int { usageTokens ?? countedTokens }

    public var tokensSource: TokensSource { usageTokens == nil ? .counted : .usage }

    /// Decode rate over the tokens that count: with a usage count, (usage − first piece's tokens)
    /// ÷ (t_last − t_first), so batched deltas do not make a server look slower than it is.
    public var decodeRate: Double? {
        guard let usage = usageTokens, usage != countedTokens, let first = tokenTimes.first,
            let last = tokenTimes.last, last > first
        else { return metrics.decodeRate }
        let firstPiece = tokenTimes.prefix { $0 == first }.count
        return Double(max(0, usage - firstPiece)) / (last - first)
    }
}

/// Where a token count came from: the server's usage report or the client counting pieces.
public enum TokensSource: String, Sendable, Equatable, CaseIterable {
    case usage, counted, mixed
}

/// Collects one stream's events as they arrive and turns them into a `BenchStream`.
///
/// A value fed in order, so live, replayed and simulated streams all reach the report the same way.
public struct BenchRecorder: Sendable {
    private var tokens: [Token] = []
    private var times: [Double] = []
    private var counts: [Int] = []
    private var usageTokens: Int?
    private var serverPrefillMs: Double?
    private var serverDecodeRate: Double?
    private var serverPromptTokens: Int?
    private var serverCachedTokens: Int?
    private var failure: String?
    private var finished = false

    public init() {}

    /// Model tokens counted so far (for progress lines), kept as they arrive.
    public private(set) var countedTokens = 0

    public mutating func token(_ event: TokenEvent) {
        tokens.append(Token(event.text, kind: event.kind))
        times.append(max(event.t, times.last ?? 0))
        counts.append(max(event.count, 0))
        if event.kind.isGenerated { countedTokens += max(event.count, 0) }
    }

    /// The server's running or final count; the latest wins.
    public mutating func usage(completionTokens: Int) { usageTokens = completionTokens }

    /// The server's prompt count (0 = not reported) and cached share, for the cost of the task.
    public mutating func promptUsage(promptTokens: Int, cachedTokens: Int?) {
        if promptTokens > 0 { serverPromptTokens = promptTokens }
        if let cachedTokens { serverCachedTokens = cachedTokens }
    }

    public mutating func serverTimings(promptMs: Double?, decodeRate: Double?) {
        if let promptMs { serverPrefillMs = promptMs }
        if let decodeRate { serverDecodeRate = decodeRate }
    }

    /// The stream ended as its protocol says; without a generated token it is a failure.
    public mutating func finish(reason: String? = nil) {
        finished = true
        if !tokens.contains(where: \.kind.isGenerated) { fail(LiveStatus.noTokens(finish: reason)) }
    }

    public mutating func fail(_ reason: String) {
        if failure == nil { failure = reason }
    }

    public func result(task: TaskKind, stallThreshold: Double = StreamMetrics.defaultStallThreshold) -> BenchStream {
        let done = finished && failure == nil
        let metrics = StreamMetrics(
            tokens: tokens, times: times, counts: counts, task: task, finished: done, stallThreshold: stallThreshold)
        var tokenTimes: [Double] = []
        for (i, token) in tokens.enumerated() where token.kind.isGenerated {
            tokenTimes += Array(repeating: times[i], count: counts[i])
        }
        var stream = BenchStream(
            metrics: metrics, tokenTimes: tokenTimes, countedTokens: metrics.tokens, usageTokens: usageTokens,
            serverPrefillMs: serverPrefillMs, serverDecodeRate: serverDecodeRate,
            failure: done ? nil : (failure ?? "stream ended without finishing"))
        if done, !tokens.isEmpty {
            var reader = ReaderScan(wordsPerMinute: ReaderScan.defaultPace)
            for (token, t) in zip(tokens, times) { reader.append(token, visible: t) }
            stream.waitingForText = reader.waited.last
        }
        stream.serverPromptTokens = serverPromptTokens
        stream.serverCachedTokens = serverCachedTokens
        return stream
    }
}
