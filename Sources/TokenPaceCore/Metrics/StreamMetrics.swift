import Histogram

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
        let n = min(tokens.count, times.count)
        let tokens = Array(tokens.prefix(n))
        let milestones = Milestones(tokens: tokens, task: task)
        ttft = milestones.firstToken.map { times[$0] }
        ttfa = milestones.firstAnswer.map { times[$0] }
        useful = milestones.useful.map { times[$0] }
        e2e = finished && n > 0 ? times[n - 1] : nil

        var generatedTimes: [Double] = []
        // Gaps between consecutive generated tokens; a tool's wait and the prefill of its result
        // are not the model's decoding, so a gap across a tool result is left out.
        var gapList: [Double] = []
        var afterTool = false
        var total = 0
        for i in 0..<n {
            // A re-prompt after a rejected answer is a new request: its wait is a TTFT, not a gap.
            if i > 0, tokens[i].attempt != tokens[i - 1].attempt { afterTool = true }
            guard tokens[i].kind.isGenerated else {
                afterTool = true
                continue
            }
            if let previous = generatedTimes.last, !afterTool { gapList.append(times[i] - previous) }
            afterTool = false
            generatedTimes.append(times[i])
            total += counts?[i] ?? 1
        }
        self.tokens = total
        if generatedTimes.count > 1, let first = generatedTimes.first, let last = generatedTimes.last, last > first {
            decodeRate = Double(total - (counts?.first ?? 1)) / (last - first)
        } else {
            decodeRate = nil
        }

        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        var stalls = 0
        var longest = 0.0
        var gaps = 0
        for gap in gapList {
            histogram.record(UInt64(max(0, gap) * 1_000_000))
            gaps += 1
            if gap >= stallThreshold {
                stalls += 1
                longest = max(longest, gap)
            }
        }
        if gaps > 0 {
            itlP50 = Double(histogram.valueAtPercentile(50)) / 1_000_000
            itlP90 = Double(histogram.valueAtPercentile(90)) / 1_000_000
            itlP99 = Double(histogram.valueAtPercentile(99)) / 1_000_000
        }
        stallCount = stalls
        longestStall = longest
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
