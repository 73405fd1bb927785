/// The figures of one stream, from token arrival times (seconds since the request was sent).
/// Definitions are DESIGN §2; `FigureDefinitions` holds the wording shown to users.
public struct StreamMetrics: Sendable, Equatable {
    public var ttft: Double?
    public var ttfa: Double?
    public var useful: Double?
    public var e2e: Double?
    /// Model tokens (tool results excluded); a live delta may stand for several.
    public var tokens: Int
    /// (n − 1) ÷ (t_last − t_first) over generated tokens.
    public var decodeRate: Double?
    /// Text speed over the same interval: characters (grapheme clusters) of the generated text that
    /// arrived after its first piece ÷ (t_last − t_first).
    public var charactersPerSecond: Double?
    /// Words begun after the first generated piece ÷ (t_last − t_first); nil for a text mostly in a
    /// script without spaces between words (read characters/s there).
    public var wordsPerSecond: Double?
    public var itlP50: Double?
    public var itlP90: Double?
    public var itlP99: Double?
    public var stallCount: Int
    public var longestStall: Double

    public static let defaultStallThreshold = 0.25

    /// `times[i]` is when `tokens[i]` arrived; `count` gives tokens per piece (1 when absent).
    /// `finished` says whether the last token is the end (E2E is set only then).
    public init(
        tokens: [Token], times: [Double], counts: [Int]? = nil, task: TaskKind, finished: Bool,
        stallThreshold: Double = StreamMetrics.defaultStallThreshold
    ) {
        var tally = StreamTally(task: task, stallThreshold: stallThreshold)
        for i in 0..<min(tokens.count, times.count) {
            tally.append(tokens[i], at: times[i], count: counts?[i] ?? 1)
        }
        self = tally.metrics(finished: finished)
    }

    /// No milestone, rate or gap yet (`StreamTally` fills them in).
    init(tokens: Int, stallCount: Int, longestStall: Double) {
        self.tokens = tokens
        self.stallCount = stallCount
        self.longestStall = longestStall
    }

    /// Generated tokens (tool results left out) among the first `shown` that arrived in the last
    /// `window` seconds before `elapsed`, per second.
    public static func liveRate(
        tokens: [Token], times: [Double], shown: Int, elapsed: Double, window: Double = 1
    ) -> Double {
        var n = 0
        var i = min(shown, tokens.count, times.count) - 1
        while i >= 0, times[i] > elapsed - window {
            if tokens[i].kind.isGenerated { n += 1 }
            i -= 1
        }
        return Double(n) / window
    }

    /// Tokens that arrived in the last `window` seconds before `elapsed`, per second.
    public static func liveRate(times: ArraySlice<Double>, elapsed: Double, window: Double = 1) -> Double {
        guard let last = times.last, last > elapsed - window else { return 0 }
        var lo = times.startIndex
        var hi = times.endIndex
        let from = elapsed - window
        while lo < hi {
            let mid = (lo + hi) / 2
            if times[mid] <= from { lo = mid + 1 } else { hi = mid }
        }
        return Double(times.endIndex - lo) / window
    }
}
